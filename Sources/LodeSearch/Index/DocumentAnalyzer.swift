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
    /// Distinct words of two or more letters as written (folded, not stemmed), with their terms.
    var words: [(word: String, term: String)] = []
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
        var termIndex: [String: Int] = [:]
        var termPositions: [[UInt32]] = []
        var seenWords: Set<String> = []
        for (slot, texts) in document.fieldTexts.enumerated() {
            var offset: UInt32 = 0
            for text in texts {
                let tokens = Tokenizer.tokens(in: text)
                for token in tokens {
                    let term = term(for: token)
                    let position = Position.make(field: slot, offset: offset + UInt32(token.position))
                    if let i = termIndex[term] {
                        termPositions[i].append(position)
                    } else {
                        termIndex[term] = termPositions.count
                        result.terms.append(term)
                        termPositions.append([position])
                    }
                    if !token.isNumber, token.text.utf8.count > 1, seenWords.insert(token.text).inserted {
                        result.words.append((token.text, term))
                    }
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
