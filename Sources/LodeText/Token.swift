/// A word or number in a text, in the form the index compares, with where it stands.
public struct Token: Equatable, Sendable {
    /// Lower-cased, diacritics removed: "Café" becomes "cafe", "52,000" becomes "52000".
    public var text: String
    /// UTF-8 byte offsets of the original spelling, for highlighting.
    public var start: Int
    public var end: Int
    /// Ordinal among the text's tokens, for phrases and proximity.
    public var position: Int
    public var isNumber: Bool

    public init(text: String, start: Int, end: Int, position: Int, isNumber: Bool) {
        self.text = text
        self.start = start
        self.end = end
        self.position = position
        self.isNumber = isNumber
    }
}
