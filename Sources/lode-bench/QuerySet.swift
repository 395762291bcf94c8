import LodeText

/// The benchmark's 1,000 queries, drawn from the corpus itself with a fixed seed, so the
/// same corpus always gives the same set:
///
/// - 250 single frequent words (the 500 words in most documents),
/// - 150 single rare words (in 3 to 20 documents),
/// - 200 two-word and 100 three-word queries (frequent and mid-frequency words, all required),
/// - 100 two-word phrases taken from headlines,
/// - 100 two-word OR queries,
/// - 50 words limited to headlines (`headline:word`),
/// - 50 frequent words with a date range (`date:YEAR..YEAR+1`, years from the corpus).
///
/// Words are plain ASCII letters, three or more, never AND/OR/NOT/NEAR, so FTS5 and Tantivy
/// read every query the way Lode does (Tantivy's words marked required, as its parser ORs them).
/// Lode's two- and three-word queries write AND out, so that Lode too returns only documents
/// holding every word (written with blanks alone, Lode completes a short page with documents
/// holding most of them: `completing` keeps that spelling, measured apart).
struct QuerySet {
    /// A query as Lode writes it, as FTS5's MATCH plus an optional date range does, and in
    /// Tantivy's query language (the year an indexed field).
    struct Query {
        var kind: String
        var lode: String
        var fts5: String
        var years: ClosedRange<Int>?
        var tantivy: String
        /// For two- and three-word queries, the words joined by blanks alone.
        var completing: String?
    }

    private(set) var queries: [Query] = []

    init(texts: [(headline: String, body: String, year: Int?)]) {
        var documentCounts: [String: Int] = [:]
        var bigrams: [(String, String)] = []
        var years: [Int] = []
        for text in texts {
            var seen: Set<String> = []
            for token in Tokenizer.tokens(in: text.headline + " " + text.body) where Self.usable(token.text) {
                if seen.insert(token.text).inserted { documentCounts[token.text, default: 0] += 1 }
            }
            let headline = Tokenizer.tokens(in: text.headline).map(\.text)
            for (a, b) in zip(headline, headline.dropFirst()) where Self.usable(a) && Self.usable(b) { bigrams.append((a, b)) }
            if let year = text.year { years.append(year) }
        }
        let byCount = documentCounts.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
        let frequent = byCount.prefix(500).map(\.key)
        let middle = byCount.dropFirst(500).prefix(5000).map(\.key)
        let rare = byCount.filter { (3...20).contains($0.value) }.map(\.key)
        var random = SeededRandom(seed: 20_261_122)
        func pick(_ words: [String]) -> String { words.isEmpty ? "market" : words[random.next(below: words.count)] }
        func add(_ kind: String, _ lode: String, _ fts5: String, _ years: ClosedRange<Int>? = nil, tantivy: String? = nil) {
            queries.append(Query(kind: kind, lode: lode, fts5: fts5, years: years, tantivy: tantivy ?? lode))
        }
        func all(_ kind: String, _ words: String...) {
            let plain = words.joined(separator: " ")
            queries.append(Query(kind: kind, lode: words.joined(separator: " AND "), fts5: plain, years: nil,
                                 tantivy: words.map { "+" + $0 }.joined(separator: " "), completing: plain))
        }
        for _ in 0..<250 { let w = pick(frequent); add("frequent word", w, w) }
        for _ in 0..<150 { let w = pick(rare); add("rare word", w, w) }
        for _ in 0..<200 { all("two words", pick(frequent), pick(middle)) }
        for _ in 0..<100 { all("three words", pick(frequent), pick(middle), pick(middle)) }
        for _ in 0..<100 {
            let (a, b) = bigrams.isEmpty ? ("oil", "prices") : bigrams[random.next(below: bigrams.count)]
            add("phrase", "\"\(a) \(b)\"", "\"\(a) \(b)\"")
        }
        for _ in 0..<100 { let (a, b) = (pick(middle), pick(middle)); add("a OR b", "\(a) OR \(b)", "\(a) OR \(b)") }
        for _ in 0..<50 { let w = pick(middle); add("headline:", "headline:\(w)", "headline:\(w)") }
        for _ in 0..<50 {
            let w = pick(frequent)
            let year = years.isEmpty ? 1987 : years[random.next(below: years.count)]
            add("word + date", "\(w) date:\(year)..\(year + 1)", w, year...(year + 1), tantivy: "+\(w) +year:[\(year) TO \(year + 1)]")
        }
    }

    private static let keywords: Set<String> = ["and", "or", "not", "near"]

    private static func usable(_ word: String) -> Bool {
        word.utf8.count >= 3 && word.utf8.allSatisfy { $0 >= 0x61 && $0 <= 0x7A } && !keywords.contains(word)
    }
}
