/// Splits a command line into words the way a POSIX shell does for the common cases:
/// blanks separate, '…' is literal, "…" honours backslash escapes, and `#` at the start
/// of a word begins a comment. Commands whose arguments are a query (`search`, `explain`)
/// keep double quotes, which mean phrases there.
public enum CommandWords {
    public struct UnterminatedQuote: Error, CustomStringConvertible {
        public let quote: Character
        public var description: String { "unterminated \(quote) quote" }
    }

    /// Commands whose words keep their double quotes.
    static let queryCommands: Set<String> = ["search", "explain"]

    public static func split(_ line: String) throws(UnterminatedQuote) -> [String] {
        let kept = try split(line, keepingDoubleQuotes: true)
        if let first = kept.first, queryCommands.contains(first) { return kept }
        return try split(line, keepingDoubleQuotes: false)
    }

    /// - Parameter keepingDoubleQuotes: keep "…" with its quotes as part of the word, and
    ///   an unclosed one too, for the query parser to report.
    static func split(_ line: String, keepingDoubleQuotes: Bool) throws(UnterminatedQuote) -> [String] {
        var words: [String] = []
        var current = ""
        var inWord = false
        var chars = line.makeIterator()
        while let c = chars.next() {
            switch c {
            case " ", "\t", "\n", "\r":
                if inWord { words.append(current) }
                current = ""
                inWord = false
            case "#" where !inWord:
                return words
            case "'":
                inWord = true
                var closed = false
                while let q = chars.next() {
                    if q == "'" { closed = true; break }
                    current.append(q)
                }
                if !closed { throw UnterminatedQuote(quote: "'") }
            case "\"" where keepingDoubleQuotes:
                inWord = true
                current.append(c)
                while let q = chars.next() {
                    current.append(q)
                    if q == "\"" { break }
                }
            case "\"":
                inWord = true
                var closed = false
                while let q = chars.next() {
                    if q == "\"" { closed = true; break }
                    if q == "\\", let next = chars.next() {
                        if next != "\"" && next != "\\" { current.append("\\") }
                        current.append(next)
                    } else {
                        current.append(q)
                    }
                }
                if !closed { throw UnterminatedQuote(quote: "\"") }
            case "\\":
                inWord = true
                if let next = chars.next() { current.append(next) }
            default:
                inWord = true
                current.append(c)
            }
        }
        if inWord { words.append(current) }
        return words
    }
}
