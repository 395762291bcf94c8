import LodeText

/// A document broken into what the index stores: each term with its positions, field
/// lengths, and the words seen (for completion and spelling suggestions).
struct AnalyzedDocument: Sendable {
    var document: SearchDocument
    /// Distinct terms, and for term `i` its positions `positions[ranges[i]]`, ascending.
    var terms: [String] = []
    var ranges: [Range<Int>] = []
    var positions: [UInt32] = []
    var lengths = FieldVector()
    /// Distinct words of two or more letters as written (folded, not stemmed), with the
    /// index of their term in `terms`.
    var words: [(word: String, term: Int)] = []
    /// Filled in by ``IndexContents/resolve(_:)``: the index's ids of `terms` and `words`.
    var termIDs: [Int] = []
    var sortedTermIDs: [Int] = []
    var wordIDs: [Int] = []
}

/// Analyzes documents with its own stemmer and a cache of stems, so one analyzer per
/// thread analyzes without locking. Not thread-safe.
final class DocumentAnalyzer {
    private let analyzer = Analyzer()
    private var stems: [String: String] = [:]
    /// Positions left between paragraphs, so a phrase never spans two.
    static let paragraphGap: UInt32 = 2

    func term(for token: Token) -> String {
        if let known = stems[token.text] { return known }
        let term = analyzer.term(for: token)
        if stems.count > 200_000 { stems.removeAll(keepingCapacity: true) }
        stems[token.text] = term
        return term
    }

    func analyze(_ document: SearchDocument) -> AnalyzedDocument {
        var result = AnalyzedDocument(document: document)
        // Each spelling is hashed once per occurrence; only a new spelling is stemmed and
        // looked up by its term.
        var termBySpelling: [String: Int] = [:]
        var termIndex: [String: Int] = [:]
        var termPositions: [[UInt32]] = []
        for (slot, texts) in document.fieldTexts.enumerated() {
            var offset: UInt32 = 0
            for text in texts {
                let tokens = Tokenizer.tokens(in: text)
                for token in tokens {
                    let position = Position.make(field: slot, offset: offset + UInt32(token.position))
                    if let i = termBySpelling[token.text] {
                        termPositions[i].append(position)
                        continue
                    }
                    let term = term(for: token)
                    let i: Int
                    if let known = termIndex[term] {
                        i = known
                        termPositions[i].append(position)
                    } else {
                        i = termPositions.count
                        termIndex[term] = i
                        result.terms.append(term)
                        termPositions.append([position])
                    }
                    termBySpelling[token.text] = i
                    if !token.isNumber, token.text.utf8.count > 1 { result.words.append((token.text, i)) }
                }
                offset += UInt32(tokens.count) + Self.paragraphGap
                result.lengths[slot] += Float(tokens.count)
            }
        }
        for list in termPositions {
            let start = result.positions.count
            result.positions.append(contentsOf: list)
            result.ranges.append(start..<result.positions.count)
        }
        return result
    }

    /// The terms of query text, in order.
    func terms(in text: String) -> [String] { Tokenizer.tokens(in: text).map(term(for:)) }
}
