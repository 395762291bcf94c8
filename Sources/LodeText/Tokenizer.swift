import Foundation

/// Splits text into tokens: runs of letters and digits, folded to lower case without
/// diacritics. Hyphens separate words ("rare-earth" is "rare" "earth", so it matches "rare
/// earth"); an apostrophe inside a word joins it ("Xi'an" is "xian", as is "Xian") except after
/// an elided article ("l'Europe" is "europe"), and a possessive "'s" is dropped; digits joined by "." or "," stay one
/// number ("2.1", "52,000" as "52000"), and each Chinese, Japanese or Korean character is a
/// token of its own. Works on UTF-8 bytes with an ASCII fast path.
public enum Tokenizer {
    public static func tokens(in text: String) -> [Token] {
        var tokens: [Token] = []
        scan(text) { folded, start, end, isNumber in
            tokens.append(Token(text: String(decoding: folded, as: UTF8.self), start: start, end: end, position: tokens.count,
                                isNumber: isNumber))
        }
        return tokens
    }

    /// Calls `body` with each token's folded UTF-8 bytes (valid only during the call), its
    /// byte range in `text` and whether it is a number, in order; the n-th call is the token
    /// at position n. Creates no strings for ASCII words: what indexing wants.
    public static func scan(_ text: String, _ body: (_ folded: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int,
                                                     _ isNumber: Bool) -> Void) {
        var text = text
        text.withUTF8 { scan(bytes: $0, body) }
    }

    private static func scan(bytes: UnsafeBufferPointer<UInt8>, _ body: (UnsafeBufferPointer<UInt8>, Int, Int, Bool) -> Void) {
        var folded: [UInt8] = []
        folded.reserveCapacity(64)
        var i = 0
        while i < bytes.count {
            let first = bytes[i]
            if first < 0x80, !((0x30...0x39).contains(first) || (0x41...0x5A).contains(first) || (0x61...0x7A).contains(first)) {
                i += 1
                continue
            }
            let (scalar, width) = decode(bytes, i)
            if isIdeograph(scalar) {
                body(UnsafeBufferPointer(rebasing: bytes[i..<(i + width)]), i, i + width, false)
                i += width
                continue
            }
            guard isWordCharacter(scalar) else {
                i += width
                continue
            }
            var start = i
            var end = i
            var allDigits = true
            var ascii = true
            folded.removeAll(keepingCapacity: true)
            while end < bytes.count {
                let b = bytes[end]
                if b < 0x80 {
                    if (0x61...0x7A).contains(b) || (0x30...0x39).contains(b) {
                        folded.append(b)
                        if b > 0x39 { allDigits = false }
                        end += 1
                        continue
                    }
                    if (0x41...0x5A).contains(b) {
                        folded.append(b | 0x20)
                        allDigits = false
                        end += 1
                        continue
                    }
                    if allDigits, b == UInt8(ascii: ".") || b == UInt8(ascii: ","), end + 1 < bytes.count,
                       (0x30...0x39).contains(bytes[end + 1]) {
                        if b == UInt8(ascii: ".") { folded.append(b) }
                        end += 1
                        continue
                    }
                    if b == UInt8(ascii: "'"), !allDigits, let after = joinedApostrophe(bytes, end, width: 1, folded: &folded) {
                        if folded.isEmpty { start = after }
                        end = after
                        continue
                    }
                    break
                }
                if b == 0xE2, !allDigits, end + 2 < bytes.count, bytes[end + 1] == 0x80, bytes[end + 2] == 0x99,
                   let after = joinedApostrophe(bytes, end, width: 3, folded: &folded) {
                    if folded.isEmpty { start = after }
                    end = after
                    continue
                }
                let (s, w) = decode(bytes, end)
                guard isWordCharacter(s), !isIdeograph(s) else { break }
                ascii = false
                allDigits = false
                folded.append(contentsOf: bytes[end..<(end + w)])
                end += w
            }
            if ascii {
                folded.withUnsafeBufferPointer { body($0, start, end, allDigits) }
            } else {
                let word = String(decoding: folded, as: UTF8.self).folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
                Array(word.utf8).withUnsafeBufferPointer { body($0, start, end, false) }
            }
            i = end
            // A possessive: drop "'s" / "’s" right after a word.
            if i < bytes.count, let skip = possessiveLength(bytes, i) { i += skip }
        }
    }

    /// Articles and prepositions that elide before a vowel: French and Italian "l'", "d'", "qu'", "dell'".
    private static let elisions: Set<[UInt8]> = Set(["l", "d", "j", "m", "n", "s", "t", "c", "qu", "dell", "nell", "all", "dall", "sull"]
        .map { Array($0.utf8) })

    /// An apostrophe inside a word, at byte `i` and `width` bytes wide: the word goes on after
    /// it, joined ("Xi'an" is "xian", matching "Xian"), or, after an elided article, starts
    /// afresh ("l'Europe" is "europe"; `folded` is emptied). Returns where the word goes on,
    /// nil when the apostrophe ends the word (a possessive "'s", or no letter follows).
    private static func joinedApostrophe(_ bytes: UnsafeBufferPointer<UInt8>, _ i: Int, width: Int, folded: inout [UInt8]) -> Int? {
        let after = i + width
        guard after < bytes.count, possessiveLength(bytes, i) == nil else { return nil }
        let (next, _) = decode(bytes, after)
        guard isWordCharacter(next), !isIdeograph(next), !(0x30...0x39).contains(next.value) else { return nil }
        if elisions.contains(folded) { folded.removeAll(keepingCapacity: true) }
        return after
    }

    private static func possessiveLength(_ bytes: UnsafeBufferPointer<UInt8>, _ i: Int) -> Int? {
        let apostrophe: Int
        if bytes[i] == UInt8(ascii: "'") {
            apostrophe = 1
        } else if i + 2 < bytes.count, bytes[i] == 0xE2, bytes[i + 1] == 0x80, bytes[i + 2] == 0x99 {
            apostrophe = 3
        } else {
            return nil
        }
        let s = i + apostrophe
        guard s < bytes.count, bytes[s] == UInt8(ascii: "s") || bytes[s] == UInt8(ascii: "S") else { return nil }
        let after = s + 1
        if after < bytes.count, isWordCharacter(decode(bytes, after).0) { return nil }
        return apostrophe + 1
    }

    static func isWordCharacter(_ s: Unicode.Scalar) -> Bool {
        if s.value < 0x80 {
            let b = UInt8(s.value)
            return (0x30...0x39).contains(b) || (0x41...0x5A).contains(b) || (0x61...0x7A).contains(b)
        }
        return s.properties.isAlphabetic || s.properties.numericType != nil || s.properties.generalCategory == .nonspacingMark
    }

    static func isIdeograph(_ s: Unicode.Scalar) -> Bool {
        s.value >= 0x2E80 && (s.properties.isIdeographic || (0x3040...0x30FF).contains(s.value) || (0xAC00...0xD7AF).contains(s.value))
    }

    /// The scalar starting at byte `i` and its width; invalid bytes read as U+FFFD, width 1.
    private static func decode(_ bytes: UnsafeBufferPointer<UInt8>, _ i: Int) -> (Unicode.Scalar, Int) {
        let b = bytes[i]
        if b < 0x80 { return (Unicode.Scalar(b), 1) }
        let width = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 1
        guard width > 1, i + width <= bytes.count else { return ("\u{FFFD}", 1) }
        var value = UInt32(b) & (0xFF >> (width + 1))
        for k in 1..<width {
            let c = bytes[i + k]
            guard c & 0xC0 == 0x80 else { return ("\u{FFFD}", 1) }
            value = value << 6 | UInt32(c & 0x3F)
        }
        return (Unicode.Scalar(value) ?? "\u{FFFD}", width)
    }
}
