import LodeText

/// A short passage of a document with the words a query matched marked.
public struct Snippet: Equatable, Sendable {
    public var text: String
    /// UTF-8 byte ranges of `text` to highlight, ascending.
    public var highlights: [Range<Int>]

    public init(text: String, highlights: [Range<Int>]) {
        self.text = text
        self.highlights = highlights
    }
}

/// Picks and marks snippets for one request.
public final class SnippetMaker {
    private let analyzer = SharedStems.shared
    private let terms: Set<String>
    /// Words around the matches a snippet shows.
    public let words: Int

    /// - Parameter terms: index terms to highlight, as ``SearchResults/highlightTerms``.
    public init(terms: Set<String>, words: Int = 32) {
        self.terms = terms
        self.words = max(4, words)
    }

    /// The window of paragraph text holding the most distinct matched terms (then the most
    /// matches), with "…" where it cuts a paragraph; the opening words when nothing matches.
    public func snippet(of paragraphs: [String]) -> Snippet {
        var best: (paragraph: Int, first: Int, distinct: Int, matches: Int)?
        var tokenized: [[Token]] = []
        var matched: [[Bool]] = []
        for (p, text) in paragraphs.enumerated() {
            let tokens = Tokenizer.tokens(in: text)
            let hits = tokens.map { terms.contains(analyzer.term(for: $0)) }
            tokenized.append(tokens)
            matched.append(hits)
            guard hits.contains(true) else { continue }
            for first in tokens.indices where hits[first] || first == 0 {
                let window = first..<min(tokens.count, first + words)
                let found = Set(window.filter { hits[$0] }.map { analyzer.term(for: tokens[$0]) })
                let count = window.filter { hits[$0] }.count
                if best == nil || (found.count, count) > (best!.distinct, best!.matches) {
                    best = (p, first, found.count, count)
                }
            }
        }
        guard let choice = best ?? paragraphs.indices.first.map({ ($0, 0, 0, 0) }) else { return Snippet(text: "", highlights: []) }
        let tokens = tokenized[choice.paragraph]
        guard !tokens.isEmpty else { return Snippet(text: paragraphs[choice.paragraph], highlights: []) }
        // Start a few words before the first match, so it reads in context.
        let first = max(0, choice.first - (choice.first > 0 ? 3 : 0))
        let last = min(tokens.count, first + words) - 1
        let bytes = Array(paragraphs[choice.paragraph].utf8)
        let start = first == 0 ? 0 : tokens[first].start
        let end = last == tokens.count - 1 ? bytes.count : tokens[last].end
        let lead = start > 0 ? "… " : ""
        let text = lead + String(decoding: bytes[start..<end], as: UTF8.self) + (end < bytes.count ? " …" : "")
        let shift = lead.utf8.count - start
        let highlights = (first...last).filter { matched[choice.paragraph][$0] }.map {
            (tokens[$0].start + shift)..<(tokens[$0].end + shift)
        }
        return Snippet(text: text, highlights: highlights)
    }

    /// The matched words of a short text such as a headline.
    public func highlights(in text: String) -> [Range<Int>] {
        Tokenizer.tokens(in: text).filter { terms.contains(analyzer.term(for: $0)) }.map { $0.start..<$0.end }
    }
}
