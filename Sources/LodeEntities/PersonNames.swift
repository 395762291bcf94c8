/// Rules over a whole text's names, where a sentence alone cannot tell:
///
/// - A word closing a quote or a sentence does not start a name ('here?” Medvedev'); a
///   weekday does not end one ("Philip Hammond Friday"); symbols and single
///   characters are none.
/// - An office before a person's name inside an "organisation" parts from it ("Exchequer
///   Philip Hammond").
/// - A title before a name ("Mr", "Ms", "Dr", "Sir", ...) is not part of it: "Mr Blair" is
///   Blair, a person.
/// - A one-word person is kept when a full name in the text holds it ("Blair" beside "Tony
///   Blair"), when a title stood before it, or when it is more a surname than a given name
///   and not a word news writes in lower case; otherwise it is a fragment or no person at all
///   ("George" alone, "Sony", "Given" opening a sentence) and is dropped.
/// - A one-word name of any kind that news writes in lower case ("Share", "Follow",
///   "Budget") is widget text or a capitalised word, not a name.
/// - An "organisation" that is a common given name and surnames ("Margaret Court") is a person.
enum PersonNames {
    static let weekdays: Set<String> = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]

    /// Bytes of the symbols no name holds.
    private static let symbols = Set("{}<>@#$%^*=|~\\[]".utf8)

    static let titles: Set<String> = ["Mr", "Mr.", "Mrs", "Mrs.", "Ms", "Ms.", "Miss", "Dr", "Dr.", "Sir", "Dame", "Lord", "Lady",
                                      "Prof", "Prof.", "Professor", "Mx"]

    /// The mention without its first word, its range moved past it; itself when it has one word.
    private static func droppingFirstWord(_ m: EntityMention) -> EntityMention {
        guard let space = m.text.firstIndex(of: " ") else { return m }
        var m = m
        let rest = m.text[m.text.index(after: space)...]
        m.range = (m.range.upperBound - rest.utf8.count)..<m.range.upperBound
        m.text = String(rest)
        return m
    }

    /// A name without what cannot belong to it, or nil when nothing is left: a word closing a
    /// quote or a sentence before it ('here?” Medvedev'), a single character or symbols ("R",
    /// "}@G6>36C"), weekdays after it ("Philip Hammond Friday"), a capitalised ordinary word
    /// before a person's name ("Read Stuart").
    private static func trimmed(_ m: EntityMention, lists: NameLists) -> EntityMention? {
        var m = m
        if let space = m.text.firstIndex(of: " "), let last = m.text[..<space].last, "”\"’?!,;:".contains(last) {
            m = droppingFirstWord(m)
        }
        guard m.text.count > 1, !m.text.utf8.contains(where: symbols.contains) else { return nil }
        while let space = m.text.lastIndex(of: " "), weekdays.contains(String(m.text[m.text.index(after: space)...])) {
            m.range = m.range.lowerBound..<(m.range.upperBound - m.text[space...].utf8.count)
            m.text = String(m.text[..<space])
        }
        if m.kind == "PER", let space = m.text.firstIndex(of: " ") {
            let first = String(m.text[..<space])
            if lists.isLowercaseWord(first), !lists.isCommonGivenName(first), !titles.contains(first) { m = droppingFirstWord(m) }
        }
        return m
    }

    /// `mentions` (in `text`, UTF-8 offsets) with the rules applied.
    static func apply(_ mentions: [EntityMention], in text: [UInt8], lists: NameLists) -> [EntityMention] {
        var out: [EntityMention] = []
        var titled: Set<Int> = []
        for m in mentions {
            var m = m
            if ["PER", "ORG", "LOC", "MISC"].contains(m.kind) {
                guard let trimmed = trimmed(m, lists: lists) else { continue }
                m = trimmed
            }
            let words = m.text.split(separator: " ")
            let before = text[max(0, m.range.lowerBound - 10)..<m.range.lowerBound].split(separator: 0x20).last
            if m.kind == "PER", let before, m.range.lowerBound > 0, text[m.range.lowerBound - 1] == 0x20,
               titles.contains(String(decoding: before, as: UTF8.self)) {
                titled.insert(out.count)
            } else if m.kind == "PER", words.count >= 2, titles.contains(String(words[0])) {
                m = droppingFirstWord(m)
                titled.insert(out.count)
            } else if m.kind == "ORG", (2...3).contains(words.count), lists.isCommonGivenName(String(words[0])),
                      words.dropFirst().allSatisfy({ lists.isAnySurname(String($0)) && $0.first?.isUppercase == true }) {
                m.kind = "PER"
            } else if m.kind == "ORG" || m.kind == "MISC", words.count >= 3,
                      let k = (1..<(words.count - 1)).first(where: { lists.isCommonGivenName(String(words[$0])) }),
                      words.count - k <= 3, words[(k + 1)...].allSatisfy({ lists.isAnySurname(String($0)) }) {
                // "Exchequer Philip Hammond": an office before a person's name.
                let person = words[k...].joined(separator: " ")
                out.append(EntityMention(kind: "PER", text: person, range: (m.range.upperBound - person.utf8.count)..<m.range.upperBound))
                continue
            }
            out.append(m)
        }
        let fullNames = out.filter { $0.kind == "PER" && $0.text.utf8.contains(0x20) }.map { $0.text.split(separator: " ").map(String.init) }
        let parts = Set(fullNames.flatMap { $0 })
        return out.enumerated().compactMap { i, m in
            guard ["PER", "ORG", "LOC", "MISC"].contains(m.kind), !m.text.utf8.contains(0x20) else { return m }
            let titleCase = m.text.first?.isUppercase == true && m.text.dropFirst().contains(where: \.isLowercase)
            if titleCase, lists.isLowercaseWord(m.text), !titled.contains(i) { return nil }
            guard m.kind == "PER" else { return m }
            if titled.contains(i) || parts.contains(m.text) { return m }
            return lists.isSurname(m.text) ? m : nil
        }
    }
}
