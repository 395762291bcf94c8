import LodeText

/// A text tokenized once for everything extraction does with it: its UTF-8 bytes, its
/// sentences of words (for the tagger, the name rules, roles and quotes) and its numeric
/// tokens (for dates and amounts).
public struct TokenizedText: Sendable {
    let bytes: [UInt8]
    let sentences: [[WordTokenizer.Word]]
    let numeric: [NumericToken]

    public init(_ text: String) {
        bytes = Array(text.utf8)
        sentences = WordTokenizer.sentences(in: text)
        numeric = NumericTokenizer.tokens(in: text)
    }
}
