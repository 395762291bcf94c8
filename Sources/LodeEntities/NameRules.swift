/// Rules that correct the tagger where news about China needs it, applied to one sentence's
/// words and spans:
///
/// - An organisation's full name: capitalised words, with "of", "for", "and" and bracketed
///   words inside, holding an organisation head ("Academy", "Center", "Co.", "Ltd.", ...):
///   "Chinese Academy of Engineering", "China Northern Rare Earth (Group) Hi-Tech Co. Ltd.",
///   "Hebei Innovation Center for Rare-earth Functional Material Production"; an acronym in
///   brackets right after one ("(CAE)") is an organisation too. They replace the spans they
///   overlap.
/// - A place: capitalised words ending in a place or street word ("Inner Mongolia Autonomous Region",
///   "Baotou City", "Xiongan New Area"), and a tagged name that is a listed place ("Inner
///   Mongolia") or a country's abbreviation ("U.S.", "UK"), become LOC.
/// - A Chinese personal name: a common surname and a capitalised given name, not inside a
///   longer name: "Gan Yong", "Tong Yanru" become PER whatever the tagger said.
/// - An office inside a name parts the body from the person holding it: "EC Agriculture
///   Commissioner Frans Andriessen" is ORG "EC Agriculture" and PER "Frans Andriessen".
/// - A name that is only company suffixes, ordinals or number words ("CORP", "Co Inc", "4TH"
///   in a capitalised headline, "Nine" starting "Nine mths" in a results table) is no name.
enum NameRules {
    static func apply(_ words: [String], _ spans: [EntityScores.Span], places: Gazetteer) -> [EntityScores.Span] {
        var out = spans.flatMap { span -> [EntityScores.Span] in
            if span.type != .person, let office = (span.start..<(span.end - 1)).first(where: { offices.contains(words[$0]) }) {
                let body = office > span.start ? [EntityScores.Span(start: span.start, end: office, type: span.type)] : []
                return body + [EntityScores.Span(start: office + 1, end: span.end, type: .person)]
            }
            if words[span.start..<span.end].allSatisfy(isNoName) { return [] }
            let name = words[span.start..<span.end].joined(separator: " ")
            guard span.type != .location, places.isPlace(name) || countryAbbreviations.contains(name) else { return [span] }
            return [EntityScores.Span(start: span.start, end: span.end, type: .location)]
        }
        for place in placeNames(words) {
            out.removeAll { $0.start < place.end && place.start < $0.end }
            out.append(place)
        }
        for org in organisations(words) {
            out.removeAll { $0.start < org.end && org.start < $0.end }
            out.append(org)
        }
        for i in 0..<max(0, words.count - 1) where isChineseName(words, i) {
            if out.contains(where: { $0.start <= i && i + 2 <= $0.end && $0.type != .person && $0.end - $0.start > 2 }) { continue }
            out.removeAll { $0.start < i + 2 && i < $0.end }
            out.append(EntityScores.Span(start: i, end: i + 2, type: .person))
        }
        return out.sorted { $0.start < $1.start }
    }

    /// Whether the word starts with a capital: read from its first byte when that is ASCII
    /// (most words; a Character's properties cost a table look-up), else from its first character.
    private static func isCapitalised(_ w: String) -> Bool {
        guard let byte = w.utf8.first else { return false }
        return byte < 0x80 ? (0x41...0x5A).contains(byte) : w.first?.isUppercase == true
    }

    /// Runs of name words holding an organisation head.
    static func organisations(_ words: [String]) -> [EntityScores.Span] {
        var out: [EntityScores.Span] = []
        var i = 0
        while i < words.count {
            guard isCapitalised(words[i]), words[i] != "The" || (i + 1 < words.count && isCapitalised(words[i + 1])) else { i += 1; continue }
            var start = i
            if words[start] == "The" { start += 1 }
            var end = start
            var depth = 0
            var joinedAt: Int?
            while end < words.count {
                let w = words[end]
                if isCapitalised(w) || w.first?.isNumber == true {
                    end += 1
                } else if w == "(", end + 2 < words.count, isCapitalised(words[end + 1]) {
                    // "(CAE)" after a name is its acronym: the name ends here and the acronym
                    // is one of its own; "(Group)" inside a name is part of it.
                    if words[end + 2] == ")", isAcronym(words[end + 1]) {
                        out.append(EntityScores.Span(start: end + 1, end: end + 2, type: .organization))
                        break
                    }
                    depth += 1
                    end += 1
                } else if w == ")", depth > 0 {
                    depth -= 1
                    end += 1
                } else if connectors.contains(w), end + 1 < words.count, isCapitalised(words[end + 1]),
                          !calendarWords.contains(words[end + 1]) {
                    end += 1
                } else if w == "and", joinedAt == nil, end + 1 < words.count, isCapitalised(words[end + 1]),
                          !words[start..<end].contains(where: { heads.contains($0) || isAcronym($0) }) {
                    // "Securities and Exchange Commission": kept only if a head follows.
                    joinedAt = end
                    end += 1
                } else {
                    break
                }
            }
            if let and = joinedAt, !words[(and + 1)..<end].contains(where: heads.contains) { end = and }
            // Never end on a connector or inside brackets.
            while end > start, connectors.contains(words[end - 1]) || words[end - 1] == "(" { end -= 1 }
            if depth > 0 { end = words[start..<end].lastIndex(of: "(") ?? end }
            if end - start >= 2, words[(start + 1)..<end].contains(where: { heads.contains($0) }) {
                out.append(EntityScores.Span(start: start, end: end, type: .organization))
            } else {
                // Only a name with a head keeps the acronym after it.
                out.removeAll { $0.start == end + 1 && $0.end == end + 2 }
            }
            i = max(end, i + 1)
        }
        return out.sorted { $0.start < $1.start }
    }

    /// Capitalised words ending in a place word.
    static func placeNames(_ words: [String]) -> [EntityScores.Span] {
        var out: [EntityScores.Span] = []
        for (i, w) in words.enumerated() where (placeHeads.contains(w) || streetWords.contains(w)) && i > 0 && isCapitalised(words[i - 1]) {
            var start = i - 1
            while start > 0, isCapitalised(words[start - 1]), words[start - 1] != "The", !heads.contains(words[start - 1]) { start -= 1 }
            var end = i + 1
            if w == "Autonomous", end < words.count, words[end] == "Region" { end += 1 } else if w == "Autonomous" { continue }
            if w == "New", end < words.count, words[end] == "Area" { end += 1 } else if w == "New" { continue }
            out.append(EntityScores.Span(start: start, end: end, type: .location))
        }
        return out
    }

    /// Countries by the letters news writes them with: places, not organisations.
    static let countryAbbreviations: Set<String> = ["US", "U.S.", "USA", "U.S.A.", "UK", "U.K.", "UAE", "U.A.E.", "DRC", "PRC", "ROK", "DPRK"]

    /// Words that end the name of a street or a square: "Downing Street", "Tiananmen Square".
    static let streetWords: Set<String> = ["Street", "Road", "Avenue", "Square", "Boulevard", "Lane"]

    static let placeHeads: Set<String> = [
        "Province", "City", "County", "Region", "Autonomous", "Prefecture", "Municipality", "District", "New", "Island", "Islands",
        "Mountains", "River", "Lake", "Bay", "Valley", "Peninsula",
    ]

    private static func isChineseName(_ words: [String], _ i: Int) -> Bool {
        let given = words[i + 1]
        guard isCapitalised(given), surnames.contains(words[i]), given.count >= 2, given.count <= 9,
              given.allSatisfy({ $0.isLetter }), given.dropFirst().allSatisfy({ $0.isLowercase }) else { return false }
        return !heads.contains(given) && (i + 2 >= words.count || !isCapitalised(words[i + 2]))
    }

    /// Lower-case words a name may hold between capitalised ones ("and" would join two names).
    private static let connectors: Set<String> = ["of", "for", "&", "on", "de"]

    /// Days and months: "the Commission on Monday" ends at "Commission".
    private static let calendarWords: Set<String> = [
        "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "January", "February", "March", "April",
        "May", "June", "July", "August", "September", "October", "November", "December",
    ]

    /// Offices that, inside a name, stand between a body and the person holding it.
    private static let offices: Set<String> = [
        "Commissioner", "President", "Minister", "Chairman", "Secretary", "Governor", "Director", "Chancellor", "Premier",
        "Senator", "Ambassador", "Spokesman", "Spokeswoman", "Mayor", "Judge",
    ]

    /// Organisation heads and legal forms, as written.
    private static let heads = OrganisationWords.all

    private static let numberWords: Set<String> = [
        "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve", "twenty", "thirty",
        "forty", "fifty", "hundred", "thousand", "million", "billion", "first", "second", "third", "fourth", "fifth",
    ]

    /// A company suffix, an ordinal or a number word: no name on its own.
    private static func isNoName(_ w: String) -> Bool {
        let lower = w.lowercased()
        if OrganisationWords.lowerCaseLegalForms.contains(lower) || numberWords.contains(lower) { return true }
        let digits = lower.prefix { $0.isNumber }
        return !digits.isEmpty && ["st", "nd", "rd", "th"].contains(String(lower.dropFirst(digits.count)))
    }

    private static func isAcronym(_ w: String) -> Bool {
        w.count >= 2 && w.count <= 6 && w.allSatisfy { $0.isUppercase || $0.isNumber || $0 == "&" }
    }


    /// The commonest Chinese surnames in pinyin.
    static let surnames: Set<String> = [
        "Wang", "Li", "Zhang", "Liu", "Chen", "Yang", "Huang", "Zhao", "Wu", "Zhou", "Xu", "Sun", "Ma", "Zhu", "Hu", "Guo", "He",
        "Gao", "Lin", "Luo", "Zheng", "Liang", "Xie", "Song", "Tang", "Han", "Feng", "Deng", "Cao", "Peng", "Zeng", "Xiao", "Tian",
        "Dong", "Yuan", "Pan", "Yu", "Jiang", "Cai", "Du", "Ye", "Cheng", "Wei", "Su", "Lu", "Ding", "Ren", "Shen", "Yao", "Jin",
        "Fan", "Fang", "Shi", "Qian", "Dai", "Xia", "Zhong", "Gan", "Gong", "Tong", "Bai", "Cui", "Kang", "Mao", "Qiu", "Qin",
        "Jia", "Xue", "Yan", "Lei", "Hou", "Long", "Duan", "Hao", "Kong", "Shao", "Meng", "Wan", "Lai", "Qiao", "Tan", "Yin",
        "Xiong", "Lyu", "Niu", "Guan", "Mo", "Fu", "Wen", "Chang", "Zou", "Lou", "Ouyang",
    ]
}
