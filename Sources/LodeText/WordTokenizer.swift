/// Splits text into words and punctuation the way newswire treebanks do (CoNLL-2003's
/// tokens): punctuation stands alone, "'s" and "n't" are split off, while abbreviations
/// ("U.S.", "Co.", "Aug."), numbers ("2.1", "52,000") and hyphenated words stay whole;
/// then groups the tokens into sentences. Ranges are UTF-8 byte offsets into the text.
public enum WordTokenizer {
    public struct Word: Equatable, Sendable {
        public var text: String
        public var range: Range<Int>
    }

    public static func words(in text: String) -> [Word] {
        var out: [Word] = []
        let bytes = Array(text.utf8)
        var i = 0
        func isSpace(_ b: UInt8) -> Bool { b == 0x20 || (0x09...0x0D).contains(b) }
        while i < bytes.count {
            if isSpace(bytes[i]) { i += 1; continue }
            var end = i
            while end < bytes.count, !isSpace(bytes[end]) { end += 1 }
            split(bytes, i..<end, into: &out)
            i = end
        }
        return out
    }

    /// Splits one blank-free chunk: leading and trailing punctuation, then clitics.
    private static func split(_ bytes: [UInt8], _ chunk: Range<Int>, into out: inout [Word]) {
        var start = chunk.lowerBound, end = chunk.upperBound
        var trailing: [Word] = []
        while start < end, leading.contains(bytes[start]) {
            out.append(word(bytes, start..<(start + 1)))
            start += 1
        }
        while end > start, trailingMarks.contains(bytes[end - 1]) {
            // A final dot belongs to an abbreviation ("U.S.", "Co.") but not to a word.
            if bytes[end - 1] == 0x2E, isAbbreviation(bytes, start..<end) { break }
            trailing.insert(word(bytes, (end - 1)..<end), at: 0)
            end -= 1
        }
        if start < end {
            let chunk = start..<end
            let apostrophe = bytes[chunk].hasLowercaseSuffix(Self.apostropheS), quote = bytes[chunk].hasLowercaseSuffix(Self.quoteS)
            if apostrophe || quote, chunk.count > 2 {
                let cut = end - (apostrophe ? 2 : 4)
                out.append(word(bytes, start..<cut))
                out.append(word(bytes, cut..<end))
            } else if bytes[chunk].hasLowercaseSuffix(Self.negation), chunk.count > 3 {
                out.append(word(bytes, start..<(end - 3)))
                out.append(word(bytes, (end - 3)..<end))
            } else {
                out.append(word(bytes, start..<end))
            }
        }
        out += trailing
    }

    /// Clitics split off a word: "'s", "’s", "n't", in lower case.
    private static let apostropheS = Array("'s".utf8), quoteS = Array("’s".utf8), negation = Array("n't".utf8)

    private static let leading: Set<UInt8> = Set("\"'([{".utf8)
    private static let trailingMarks: Set<UInt8> = Set("\"')]},.;:!?".utf8)
    private static let abbreviations: Set<String> = [
        "co.", "corp.", "inc.", "ltd.", "mr.", "mrs.", "ms.", "dr.", "st.", "jr.", "sr.", "gen.", "gov.", "sen.", "rep.", "prof.",
        "jan.", "feb.", "mar.", "apr.", "jun.", "jul.", "aug.", "sep.", "sept.", "oct.", "nov.", "dec.", "no.", "vs.", "etc.",
        "bros.", "dept.", "mt.", "ft.",
    ]

    /// "U.S." (letters and dots), a single capital ("J."), or a known abbreviation.
    private static func isAbbreviation(_ bytes: [UInt8], _ range: Range<Int>) -> Bool {
        let text = String(decoding: bytes[range], as: UTF8.self)
        if abbreviations.contains(text.lowercased()) { return true }
        let letters = text.filter { $0 != "." }
        if text.count == 2, let f = text.first, f.isUppercase { return true }
        return text.dropLast().contains(".") && letters.allSatisfy(\.isLetter)
    }

    private static func word(_ bytes: [UInt8], _ range: Range<Int>) -> Word {
        Word(text: String(decoding: bytes[range], as: UTF8.self), range: range)
    }

    /// The words grouped into sentences: one ends at ".", "!" or "?" (and a closing quote or
    /// bracket right after it), or at a line break in the text.
    public static func sentences(in text: String) -> [[Word]] {
        let all = words(in: text)
        let bytes = Array(text.utf8)
        var out: [[Word]] = []
        var current: [Word] = []
        for (i, w) in all.enumerated() {
            current.append(w)
            let ends = w.text == "." || w.text == "!" || w.text == "?"
            // A quote or bracket right after the stop (no space between) closes the sentence too.
            let nextIsCloser = i + 1 < all.count && all[i + 1].range.lowerBound == w.range.upperBound
                && (all[i + 1].text == "\"" || all[i + 1].text == ")" || all[i + 1].text == "'")
            let lineBreak = i + 1 < all.count && bytes[w.range.upperBound..<all[i + 1].range.lowerBound].contains(0x0A)
            if (ends && !nextIsCloser) || lineBreak {
                out.append(current)
                current = []
            }
        }
        if !current.isEmpty { out.append(current) }
        return out
    }
}
