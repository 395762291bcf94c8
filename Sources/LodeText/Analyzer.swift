/// Text to index terms: tokens, folded, and stemmed unless they are numbers or ideographs.
public struct Analyzer: Sendable {
    private let stemmer: Stemmer?

    /// English stemming by default; nil for none.
    public init(stemmer: Stemmer? = Stemmer()) { self.stemmer = stemmer }

    /// The terms of `text`, each with its position and original span.
    public func terms(_ text: String) -> [Token] {
        Tokenizer.tokens(in: text).map { token in
            var term = token
            term.text = self.term(for: token)
            return term
        }
    }

    /// The index term of one token: its stem, or the token itself for numbers, ideographs
    /// and words of one or two letters.
    public func term(for token: Token) -> String {
        guard let stemmer, !token.isNumber, token.text.utf8.count > 2,
              token.text.unicodeScalars.allSatisfy({ !Tokenizer.isIdeograph($0) })
        else { return token.text }
        return stemmer.stem(token.text)
    }
}
