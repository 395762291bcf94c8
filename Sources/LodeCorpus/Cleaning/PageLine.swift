import Foundation

/// One line of a page, with what the cleaner can tell from the line alone.
struct PageLine {
    let text: String
    let words: Int

    init(_ text: String) {
        self.text = text
        words = Self.wordCount(text)
    }

    /// Runs of non-blank characters, counted over UTF-8 bytes.
    static func wordCount(_ text: String) -> Int {
        var count = 0
        var inWord = false
        for b in text.utf8 {
            let blank = b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D
            if !blank && !inWord { count += 1 }
            inWord = !blank
        }
        return count
    }

    /// Ends like a finished sentence (or a quotation that closes one).
    var endsSentence: Bool { Self.endsSentence(text) }

    static func endsSentence(_ text: String) -> Bool {
        guard let last = text.unicodeScalars.last else { return false }
        return ".!?\"”’')…".unicodeScalars.contains(last)
    }

    /// Long enough, or sentence-shaped enough, to be article prose.
    var isProse: Bool { words >= 14 || (words >= 6 && endsSentence && text.contains(" ")) }

    /// Shaped like a headline: a handful of words, no closing full stop.
    var isTitleShaped: Bool { (3...24).contains(words) && !text.hasSuffix(".") && text.first?.isUppercase == true }

    private static let chromePhrases = [
        "you are here", "off the wire", "adjust font size", "font size:", "text size", "related:", "related stories",
        "related news", "related articles", "most popular", "most viewed", "most read", "editor's pick", "editors' picks",
        "share this", "share on", "follow us", "copyright", "all rights reserved", "back to top", "read more", "recommended",
        "advertisement", "subscribe", "sign up for", "newsletter", "tags:", "print this", "e-mail this", "email this",
        "comments", "leave a comment", "click here", "download app", "previous article", "next article", "top stories",
        "trending", "latest news", "special coverage", "terms of use", "privacy policy", "contact us", "about us",
        "skip to", "reporting by", "editing by", "writing by", "additional reporting", "our standards", "search trends",
        "hot news", "menu", "posted in", "filed under",
    ]

    /// Site furniture: navigation, tickers, share widgets, footers.
    var isChrome: Bool {
        let lower = text.lowercased()
        if Self.chromePhrases.contains(where: { lower.hasPrefix($0) || (words <= 8 && lower.contains($0)) }) { return true }
        for separator in [" • ", " | ", " · ", " > ", " » "] where text.components(separatedBy: separator).count >= 3 {
            let parts = text.components(separatedBy: separator)
            if parts.allSatisfy({ $0.split(separator: " ").count <= 16 }) { return true }
        }
        return lower == "home" || lower == "print" || lower == "share" || lower == "email" || lower == "e-mail"
    }

    private static let creditPattern = try! NSRegularExpression(
        pattern: #"((file |)photo|photograph|image|picture|pic|credit)\s*[:/]\s*[\w .&'-]{1,40}\]?\)?$|\[photo/[^\]]*\]$|\(photo[^)]*\)$|photo by [\w .'-]{1,40}$|^(photo|caption)\s*:|[.!?] ?/ ?[A-Z][\w .&-]{1,30}$"#,
        options: [.caseInsensitive])

    /// A photo caption: it ends with (or starts with) a photo credit.
    var isCaption: Bool {
        words <= 80 && Self.creditPattern.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil
            && !text.lowercased().hasPrefix("source:")
    }

    /// "Newspaper headline: ...": the headline as printed, a line some sites append.
    var printHeadline: String? {
        for prefix in ["Newspaper headline:", "Print headline:", "Print Headline:"] where text.hasPrefix(prefix) {
            return text.dropFirst(prefix.count).trimmingCharacters(in: .whitespaces)
        }
        return nil
    }

    /// "By Jane Doe", "By Jane Doe and Li Wei | China Daily": the author's name.
    var author: String? {
        guard words <= 12, text.hasPrefix("By ") else { return nil }
        let name = text.dropFirst(3).split(whereSeparator: { "|,(".contains($0) }).first.map(String.init)?
            .trimmingCharacters(in: .whitespaces) ?? ""
        let nameWords = name.split(separator: " ")
        guard (1...6).contains(nameWords.count), nameWords.allSatisfy({ $0.first?.isUppercase == true || $0 == "and" }) else { return nil }
        return name
    }
}
