/// Walks a command's words for its options: `next()` gives each word in turn, `value()` the
/// one after an option that takes a value.
struct ArgumentReader {
    private let words: [String]
    private var index = -1

    init(_ words: [String]) { self.words = words }

    mutating func next() -> String? {
        index += 1
        return index < words.count ? words[index] : nil
    }

    /// The word after the option just read, or a usage error naming the option.
    mutating func value() throws -> String {
        guard index + 1 < words.count else { throw UsageError("\(words[index]) needs a value") }
        index += 1
        return words[index]
    }
}
