import Foundation

/// Word lists the name rules read, written whole from public data by Scripts/gen-name-lists:
/// the 1990 US Census surnames and given names with their shares, and the words news text
/// writes in lower case more often than capitalised.
public struct NameLists: Sendable {
    /// Lower-cased name → (percent of people with it as surname, as given name).
    private let census: [String: (surname: Double, given: Double)]
    private let lowercaseWords: Set<String>

    public init(census: [String: (surname: Double, given: Double)], lowercaseWords: Set<String>) {
        self.census = census
        self.lowercaseWords = lowercaseWords
    }

    /// The lists from the files Scripts/gen-name-lists writes.
    public init(censusFile: String, lowercaseWordsFile: String) throws {
        guard let names = FileManager.default.contents(atPath: censusFile),
              let words = FileManager.default.contents(atPath: lowercaseWordsFile) else {
            throw NERModel.Failure(description: "cannot read \(censusFile) or \(lowercaseWordsFile); Scripts/gen-name-lists makes them")
        }
        var census: [String: (surname: Double, given: Double)] = [:]
        for line in String(decoding: names, as: UTF8.self).split(separator: "\n") {
            let parts = line.split(separator: "\t")
            guard parts.count == 3, let surname = Double(parts[1]), let given = Double(parts[2]) else { continue }
            census[String(parts[0])] = (surname, given)
        }
        self.init(census: census, lowercaseWords: Set(String(decoding: words, as: UTF8.self).split(separator: "\n").map(String.init)))
    }

    /// More people have it as a surname than as a given name ("Blair", "Straw"; not "George").
    public func isSurname(_ word: String) -> Bool {
        guard let shares = census[word.lowercased()] else { return false }
        return shares.surname > 0 && shares.surname >= shares.given
    }

    /// A census surname at all ("Court", "Williams").
    public func isAnySurname(_ word: String) -> Bool { (census[word.lowercased()]?.surname ?? 0) > 0 }

    /// A given name at least one person in a hundred has, more often than as a surname ("Margaret", "George").
    public func isCommonGivenName(_ word: String) -> Bool {
        guard let shares = census[word.lowercased()] else { return false }
        return shares.given >= 0.01 && shares.given > shares.surname
    }

    /// News writes it in lower case more often than capitalised ("Share", "Budget").
    public func isLowercaseWord(_ word: String) -> Bool { lowercaseWords.contains(word.lowercased()) }
}
