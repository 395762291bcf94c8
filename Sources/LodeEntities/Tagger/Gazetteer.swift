import Foundation

/// Name lists: organisation words and titles, and those a trained model carries: the place
/// names of GeoNames (countries, first-level divisions, cities of 15,000 people or more;
/// Scripts/gen-name-lists) and the names its training data tagged. Matched as whole word
/// sequences, longest first.
public struct Gazetteer: Sendable {
    /// Bits of the kinds of listed name a word is part of.
    static let place: UInt8 = 1, organisationWord: UInt8 = 2, country: UInt8 = 4

    /// The bit of names tagged with `type` in training data.
    static func learned(_ type: EntityType) -> UInt8 { 8 << UInt8(EntityType.allCases.firstIndex(of: type)!) }

    private var phrases: [String: UInt8] = [:]
    /// The most words of a listed name starting with a word: most words start none.
    private var longestFrom: [String: Int] = [:]
    /// Hashes (``FeatureExtractor/hash(_:from:)``, spaces between) of the first two words or more of each listed name of
    /// several words: words that begin none of them are never joined to be looked up.
    private var prefixes: Set<UInt64> = []
    private let titles: Set<String>

    init() {
        titles = Set(Self.titleList)
        for word in OrganisationWords.all { add(word, Self.organisationWord) }
    }

    /// The organisation words plus `names` (places and learned names), each with its bits.
    init(learned names: [String: UInt8]) {
        self.init()
        for (name, bits) in names { add(name, bits) }
    }

    /// The place names in the file Scripts/gen-name-lists writes: a lower-cased name, a tab and its bits a line.
    public static func places(at path: String) throws -> [String: UInt8] {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw NERModel.Failure(description: "cannot read \(path); Scripts/gen-name-lists makes it")
        }
        var out: [String: UInt8] = [:]
        for line in String(decoding: data, as: UTF8.self).split(separator: "\n") {
            let parts = line.split(separator: "\t")
            guard parts.count == 2, let bits = UInt8(parts[1]) else {
                throw NERModel.Failure(description: "\(path): not a name and its bits: \(line.prefix(80))")
            }
            out[String(parts[0]), default: 0] |= bits
        }
        return out
    }

    mutating func add(_ name: String, _ bits: UInt8) {
        let key = name.lowercased()
        phrases[key, default: 0] |= bits
        let words = key.split(separator: " ")
        guard let first = words.first else { return }
        longestFrom[String(first)] = max(longestFrom[String(first)] ?? 0, words.count)
        var hash = FeatureExtractor.hash(first.utf8)
        for word in words.dropFirst() {
            hash = Self.extend(hash, with: word)
            prefixes.insert(hash)
        }
    }

    /// The hash (``FeatureExtractor/hash(_:from:)``) of the words that gave `hash`, a space and `word`.
    private static func extend(_ hash: UInt64, with word: some StringProtocol) -> UInt64 {
        FeatureExtractor.hash(word.utf8, from: FeatureExtractor.hash(CollectionOfOne(0x20), from: hash))
    }

    /// For each word, given as its type's entry (which holds what this gazetteer says of the
    /// word alone) and, by position, in lower case, the bits of the listed names covering it
    /// (longest match from the left). A run is extended word by word while it begins a listed
    /// name of several words.
    func matches(_ words: [WordTypes.Entry], lowerCase text: (Int) -> String) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: words.count)
        var i = 0
        while i < words.count {
            var matched = 0, bits: UInt8 = 0
            if let listed = words[i].listed { (matched, bits) = (1, listed) }
            let most = min(words[i].longestListed, words.count - i)
            if most >= 2 {
                var hash = FeatureExtractor.hash(text(i).utf8)
                for n in 2...most {
                    hash = Self.extend(hash, with: text(i + n - 1))
                    guard prefixes.contains(hash) else { break }
                    if let listed = phrases[(i..<(i + n)).map(text).joined(separator: " ")] {
                        bits = listed
                        matched = n
                    }
                }
            }
            for k in i..<(i + matched) { out[k] |= bits }
            i += max(matched, 1)
        }
        return out
    }

    func isOrganisationSuffix(_ lower: String) -> Bool { OrganisationWords.lowerCaseLegalForms.contains(lower) }
    /// Whether `name` is a listed place (from GeoNames, not learned).
    /// What the lists say of one word in lower case: the bits of the one-word name it is (nil
    /// when it is none), and the most words of a listed name that start with it (0 for none).
    func listing(ofLowerCase word: String) -> (bits: UInt8?, longest: Int) { (phrases[word], longestFrom[word] ?? 0) }

    func isPlace(_ name: String) -> Bool { (phrases[name.lowercased()] ?? 0) & Self.place != 0 }
    func isTitle(_ lower: String) -> Bool { titles.contains(lower) }

    static let titleList = [
        "mr", "mr.", "mrs", "mrs.", "ms", "ms.", "dr", "dr.", "president", "minister", "chairman", "director", "spokesman",
        "spokeswoman", "secretary", "governor", "premier", "chancellor", "general", "gen.", "senator", "sen.", "analyst",
        "professor", "prof.", "king", "queen", "prince", "pope", "judge", "coach", "captain", "ambassador", "mayor", "vice",
    ]
}
