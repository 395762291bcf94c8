import LodeText

/// Who someone is, as an article says it: "Zhang Zhong, chairman of China Northern Rare
/// Earth (Group) Hi-Tech Co. Ltd." gives the person, the role and the organisation.
public struct PersonRole: Equatable, Sendable {
    public var person: String
    public var role: String
    public var organisation: String?

    public init(person: String, role: String, organisation: String?) {
        self.person = person
        self.role = role
        self.organisation = organisation
    }
}

/// Something someone said, directly ("…," Wu said) or reported (Gong said that …).
public struct AttributedQuote: Equatable, Sendable {
    public var speaker: String
    public var text: String
    /// UTF-8 byte range of the quoted text in the article.
    public var range: Range<Int>
}

/// Reads people's roles and words out of an article, given its mentions: short references
/// ("Zhang", "he") resolve to the person named in full before them.
public enum Attribution {
    public struct Reading: Sendable {
        /// Each one-word reference to a person, with the full name it stands for.
        public var people: [String: String] = [:]
        public var roles: [PersonRole] = []
        public var quotes: [AttributedQuote] = []
    }

    static let speechVerbs: Set<String> = ["said", "says", "told", "added", "noted", "stressed", "explained", "warned", "stated", "insisted"]
    static let roleNouns: Set<String> = [
        "chairman", "chairwoman", "president", "director", "analyst", "official", "minister", "spokesman", "spokeswoman",
        "secretary", "governor", "mayor", "head", "chief", "manager", "professor", "researcher", "expert", "economist", "executive",
        "founder", "member", "deputy", "academician", "engineer", "scientist", "leader", "general", "editor", "ambassador",
        "representative", "vice", "partner", "trader", "consultant", "adviser", "advisor",
    ]
    static let pronouns: Set<String> = ["he", "she"]

    public static func read(_ text: String, mentions: [EntityMention]) -> Reading {
        read(TokenizedText(text), mentions: mentions)
    }

    /// Roles and quotes in a tokenized text, given its mentions.
    public static func read(_ text: TokenizedText, mentions: [EntityMention]) -> Reading {
        var reading = Reading()
        let bytes = text.bytes
        let persons = mentions.filter { $0.kind == "PER" }
        // Full names first, so later short references resolve to them.
        var full: [String] = []
        for p in persons {
            let parts = p.text.split(separator: " ").map(String.init)
            if parts.count >= 2 {
                if !full.contains(p.text) { full.append(p.text) }
            } else if let name = full.last(where: { $0.hasPrefix(p.text + " ") || $0.hasSuffix(" " + p.text) }) {
                reading.people[p.text] = name
            }
        }
        func canonical(_ name: String) -> String { reading.people[name] ?? name }
        let sentences = text.sentences
        var lastPerson: String?
        for words in sentences {
            guard let first = words.first, let last = words.last else { continue }
            let range = first.range.lowerBound..<last.range.upperBound
            let here = persons.filter { range.contains($0.range.lowerBound) }
            reading.roles += roles(words, here, mentions, bytes, canonical)
            if let quote = reported(words, here, bytes, canonical, lastPerson) { reading.quotes.append(quote) }
            if let p = here.last { lastPerson = canonical(p.text) }
        }
        reading.quotes += direct(bytes, persons, canonical)
        reading.quotes.sort { $0.range.lowerBound < $1.range.lowerBound }
        return reading
    }

    private static func text(_ bytes: [UInt8], _ range: Range<Int>) -> String { String(decoding: bytes[range], as: UTF8.self) }

    /// "PERSON, [a] ROLE [of|with|from|at ORGANISATION]," and "ROLE [of ORGANISATION] PERSON".
    private static func roles(_ words: [WordTokenizer.Word], _ persons: [EntityMention], _ mentions: [EntityMention], _ bytes: [UInt8],
                              _ canonical: (String) -> String) -> [PersonRole] {
        var out: [PersonRole] = []
        for p in persons {
            guard let after = words.firstIndex(where: { $0.range.lowerBound >= p.range.upperBound }) else { continue }
            // Apposition after the name.
            if words[after].text == ",", let close = words[(after + 1)...].firstIndex(where: { $0.text == "," }), close - after <= 16 {
                var phrase = Array(words[(after + 1)..<close])
                if let article = phrase.first, ["a", "an", "the"].contains(article.text.lowercased()) { phrase.removeFirst() }
                let lowered = phrase.map { $0.text.lowercased() }
                if let cut = lowered.firstIndex(where: { ["of", "with", "from", "at"].contains($0) }),
                   lowered[..<cut].contains(where: roleNouns.contains), cut + 1 < phrase.count {
                    let orgRange = phrase[cut + 1].range.lowerBound..<phrase[phrase.count - 1].range.upperBound
                    let named = mentions.first { $0.kind == "ORG" && orgRange.contains($0.range.lowerBound) }
                    var organisation = named?.text ?? text(bytes, orgRange)
                    if organisation.lowercased().hasPrefix("the ") { organisation = String(organisation.dropFirst(4)) }
                    out.append(PersonRole(person: canonical(p.text), role: text(bytes, phrase[0].range.lowerBound..<phrase[cut - 1].range.upperBound),
                                          organisation: organisation))
                } else if !phrase.isEmpty, lowered.contains(where: roleNouns.contains), !lowered.contains(where: speechVerbs.contains) {
                    out.append(PersonRole(person: canonical(p.text), role: text(bytes, phrase[0].range.lowerBound..<phrase[phrase.count - 1].range.upperBound),
                                          organisation: nil))
                }
            }
            // A role right before the name: "the center's director Huang Xiaowei".
            guard let before = words.lastIndex(where: { $0.range.upperBound <= p.range.lowerBound }),
                  roleNouns.contains(words[before].text.lowercased()) else { continue }
            var start = before
            while start > 0, roleNouns.contains(words[start - 1].text.lowercased()) || ["former", "deputy", "vice"].contains(words[start - 1].text.lowercased()) {
                start -= 1
            }
            var organisation: String?
            if start >= 2, words[start - 1].text == "'s" {
                var owner = start - 2
                if owner > 0, words[owner - 1].text.lowercased() == "the" { owner -= 1 }
                organisation = text(bytes, words[owner].range.lowerBound..<words[start - 2].range.upperBound)
                if organisation?.lowercased().hasPrefix("the ") == true { organisation = String(organisation!.dropFirst(4)) }
            }
            out.append(PersonRole(person: canonical(p.text), role: text(bytes, words[start].range.lowerBound..<words[before].range.upperBound),
                                  organisation: organisation))
        }
        return out
    }

    /// "PERSON[, …,] said (that) CLAUSE." and "CLAUSE, PERSON said." / "…, he said." /
    /// "…, PERSON was quoted as saying …" (not inside quotation marks: `direct` has those).
    /// '"', '“' and '”' as bytes: compared so, a word costs no Unicode-aware comparison.
    private static let quoteMarks = ["\"", "“", "”"].map { Array($0.utf8) }

    private static func reported(_ words: [WordTokenizer.Word], _ persons: [EntityMention], _ bytes: [UInt8],
                                 _ canonical: (String) -> String, _ lastPerson: String?) -> AttributedQuote? {
        guard !words.contains(where: { w in quoteMarks.contains { w.text.utf8.elementsEqual($0) } }) else { return nil }
        let lowered = words.map { $0.text.lowercased() }
        guard let verb = lowered.firstIndex(where: speechVerbs.contains) ?? lowered.firstIndex(of: "quoted") else { return nil }
        let end = words.last!.text == "." ? words.count - 1 : words.count
        // The speaker: a person right before the verb ("Zhang said", "Gong was quoted"), or
        // before an apposition that ends right before it ("Tong Yanru, a … official, said"),
        // or he/she; "…, the post said" has none.
        let speaker = persons.last { $0.range.upperBound <= words[verb].range.lowerBound }.flatMap { s -> EntityMention? in
            guard let next = words.firstIndex(where: { $0.range.lowerBound >= s.range.upperBound }) else { return nil }
            let adjacent = next == verb || (lowered[next] == "was" && lowered[verb] == "quoted")
            let apposition = words[next].text == "," && verb > next + 1 && words[verb - 1].text == ","
            return adjacent || apposition ? s : nil
        }
        let pronoun = verb > 0 && pronouns.contains(lowered[verb - 1]) ? lastPerson : nil
        guard let name = speaker.map({ canonical($0.text) }) ?? pronoun else { return nil }
        let speakerStart = speaker.map { s in words.firstIndex { $0.range.lowerBound >= s.range.lowerBound }! } ?? verb - 1
        if speakerStart >= 2, words[speakerStart - 1].text == "," || lowered[speakerStart - 1] == "director" || lowered[speakerStart - 1] == "the"
            || words[..<speakerStart].contains(where: { $0.text == "," }) {
            // Clause before the speaker.
            var clauseEnd = speakerStart
            while clauseEnd > 0, words[clauseEnd - 1].text != "," { clauseEnd -= 1 }
            if clauseEnd > 1, verb > speakerStart || pronoun != nil {
                let range = words[0].range.lowerBound..<words[clauseEnd - 2].range.upperBound
                if speakerStart <= 3 || clauseEnd - 1 > 3 {
                    return clauseEnd - 1 > 3 ? AttributedQuote(speaker: name, text: text(bytes, range), range: range) : nil
                }
            }
        }
        // Clause after the verb: "said (that) …".
        var from = verb + 1
        if lowered[verb] == "quoted" { from = min(end, verb + 3) }
        if from < end, lowered[from] == "that" { from += 1 }
        guard from < end, end - from >= 4, speakerStart < verb else { return nil }
        let range = words[from].range.lowerBound..<words[end - 1].range.upperBound
        return AttributedQuote(speaker: name, text: text(bytes, range), range: range)
    }

    /// Text in quotation marks followed, in the same sentence, by a speaker and a speech verb:
    /// "…," Wu Chenhui, a … analyst, told …; "…," Gong was quoted as saying.
    private static func direct(_ bytes: [UInt8], _ persons: [EntityMention], _ canonical: (String) -> String) -> [AttributedQuote] {
        var out: [AttributedQuote] = []
        let marks = bytes.indices.filter { bytes[$0] == 0x22 }
        var k = 0
        while k + 1 < marks.count {
            let open = marks[k], close = marks[k + 1]
            k += 2
            var tail = close + 1
            while tail < bytes.count, bytes[tail] != 0x2E, bytes[tail] != 0x0A, bytes[tail] != 0x22 { tail += 1 }
            let after = String(decoding: bytes[(close + 1)..<tail], as: UTF8.self).lowercased()
            let words = after.split(whereSeparator: { !$0.isLetter }).map(String.init)
            guard words.contains(where: { speechVerbs.contains($0) || $0 == "quoted" }),
                  let speaker = persons.first(where: { $0.range.lowerBound > close && $0.range.upperBound <= tail }) else { continue }
            var quoted = (open + 1)..<close
            // A trailing comma inside the quotes belongs to the attribution.
            if quoted.upperBound > quoted.lowerBound, bytes[quoted.upperBound - 1] == 0x2C { quoted = quoted.lowerBound..<(quoted.upperBound - 1) }
            out.append(AttributedQuote(speaker: canonical(speaker.text), text: String(decoding: bytes[quoted], as: UTF8.self), range: quoted))
        }
        return out
    }
}
