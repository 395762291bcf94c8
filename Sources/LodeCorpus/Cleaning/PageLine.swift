import Foundation

/// One line of a page, with what the cleaner can tell from the line alone.
struct PageLine {
    let text: String
    let words: Int
    /// A blank line stood before this one: paragraphs part there.
    let afterBlank: Bool

    init(_ text: String, afterBlank: Bool = false) {
        self.text = text
        self.afterBlank = afterBlank
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

    /// Shaped like a headline: four to thirty words, opening with a capital, a digit, a quote
    /// or a bracket, not closing like a sentence, a label, a teaser ("...") or a line broken
    /// mid-sentence ("... in the").
    var isHeadlineShaped: Bool {
        guard words <= 30, letterWords >= 4, let first = text.first, first.isUppercase || first.isNumber || "‘'\"“[(".contains(first),
              let last = text.last, !".,;:…".contains(last), !endsWithFunctionWord else { return false }
        // Two sentences are prose: "... its chairman said. (With inputs from PTI)".
        return !(endsSentence && text.range(of: #"[.!?]["”’)]*\s+[A-Z(“"]"#, options: .regularExpression) != nil)
    }

    /// Where the article's text begins: prose that cannot be a long headline.
    var startsBody: Bool { isProse && !isHeadlineShaped }

    /// Words holding at least one letter: "Nifty Midcap ( %)" has two.
    var letterWords: Int { text.split(separator: " ").count { $0.contains(where: \.isLetter) } }

    private static let functionWords: Set<Substring> = ["a", "an", "the", "of", "in", "on", "at", "to", "for", "by", "from", "with",
                                                        "and", "or", "but", "that", "as", "is", "are", "was", "were"]

    /// Ends with a word no headline ends with: a line a scraper broke mid-sentence.
    var endsWithFunctionWord: Bool { text.split(separator: " ").last.map { Self.functionWords.contains($0) } ?? false }

    private static let chromePhrases = [
        "you are here", "off the wire", "adjust font size", "font size:", "text size", "related:", "related stories",
        "related news", "related articles", "most popular", "most viewed", "most read", "editor's pick", "editors' picks",
        "share this", "share on", "follow us", "copyright", "all rights reserved", "back to top", "read more", "recommended",
        "advertisement", "subscribe", "sign up for", "newsletter", "tags:", "print this", "e-mail this", "email this",
        "comments", "leave a comment", "click here", "download app", "previous article", "next article", "top stories",
        "trending", "latest news", "special coverage", "terms of use", "privacy policy", "contact us", "about us",
        "skip to", "reporting by", "editing by", "writing by", "additional reporting", "our standards", "search trends",
        "hot news", "menu", "posted in", "filed under", "hot keywords", "keywords:", "listen to this article", "min read",
        "your comment", "user name", "post a comment",
    ]

    /// What comment forms and toolbars say, wherever on a line of theirs.
    private static let commentFormPhrases = ["comment(s)", "go to forum", "enter the words you see", "user name required"]

    /// Social networks that share and follow widgets name.
    private static let socialNetworks = ["twitter", "facebook", "instagram", "whatsapp", "linkedin", "weibo", "wechat", "telegram",
                                         "youtube", "tiktok", "pinterest", "reddit"]

    /// Site furniture: navigation, tickers, share widgets, footers.
    var isChrome: Bool {
        let lower = text.lowercased()
        if Self.chromePhrases.contains(where: { lower.hasPrefix($0) || (words <= 8 && lower.contains($0)) }) { return true }
        if words <= 30, Self.commentFormPhrases.contains(where: lower.contains) { return true }
        // "Follow us on Twitter and Facebook to join the conversation."
        if words <= 25, Self.socialNetworks.contains(where: lower.contains),
           ["follow", "share", "like us", "join the conversation", "subscribe"].contains(where: lower.contains) { return true }
        for separator in [" • ", " | ", " · ", " > ", " » "] where text.components(separatedBy: separator).count >= 3 {
            let parts = text.components(separatedBy: separator)
            if parts.allSatisfy({ $0.split(separator: " ").count <= 16 }) { return true }
        }
        return lower == "home" || lower == "print" || lower == "share" || lower == "email" || lower == "e-mail"
    }

    private static let creditPattern = try! NSRegularExpression(
        pattern: #"((file |)photo|photograph|image|picture|pic|credit|foto|fotos|bild)\s*[:/]\s*[\w .&'/-]{1,40}\]?\)?$|\[photo/[^\]]*\]$|\(photo[^)]*\)$|\([^()]{1,30} photos?\)$|(photo|photograph|foto) by [\w .,'-]{1,60}$|\(\s*(photo|foto|bild|image|imagen)s?\s*:[^()]{1,60}\)\.?$|(?<!copyright )©\s*(?![0-9]{4})[^©]{1,60}$|^(photo|photos|caption|image|foto|fotos|bild|titelbild|beitragsbild|abbildung|cr[ée]dits?|imagen|immagine)\s*:|[.!?] ?/ ?[A-Z][\w .&-]{1,30}$|(shutterstock|istock|getty ?images|pixelio|picture[ -]alliance|imago images|unsplash|pixabay|adobe ?stock)[\w.]*\)?$|^\(?(quelle|fuente|source) ?: ?(foto|photo|bild|image)"#,
        options: [.caseInsensitive])

    /// A photo caption: it ends with (or starts with) a photo credit ("Photo: VCG", "(Foto: X/Pool
    /// via REUTERS).", "© AFP / MARCO BERTORELLO", "Photograph by Jane Roe, Example Programme").
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

    /// "By Jane Doe", "By: Jane Doe - Staff Reporter", "By Jane Doe and Li Wei | China Daily",
    /// "Written by Jane Doe", "Author: Jane Doe", "- JANE DOE", "JANE DOE, Staff Writer": the
    /// author's name.
    var author: String? {
        guard words <= 12 else { return nil }
        if let dash = ["- ", "– ", "— "].first(where: text.hasPrefix) {
            let name = text.dropFirst(dash.count)
            return Credits.isPersonName(name) ? String(name) : nil
        }
        guard let prefix = Self.bylinePrefixes.first(where: text.hasPrefix) else { return roleByline }
        let name = text.dropFirst(prefix.count).components(separatedBy: " - ")[0]
            .split(whereSeparator: { "|,(–—".contains($0) }).first.map(String.init)?.trimmingCharacters(in: .whitespaces) ?? ""
        let nameWords = name.split(separator: " ")
        guard (1...6).contains(nameWords.count), nameWords.allSatisfy({ $0.first?.isUppercase == true || $0 == "and" }) else { return nil }
        return name
    }

    /// What opens a byline before the author's name.
    static let bylinePrefixes = ["By: ", "By ", "BY ", "Written by ", "Posted by ", "Author: ", "Reporter: ", "Words by "]

    /// Words that say what a byline's person does for the outlet.
    private static let roles = ["staff writer", "staff reporter", "correspondent", "reporter", "writer", "columnist", "contributor",
                                "editor", "journalist"]

    /// "JANE DOE, Staff Writer", "Jane Doe - Business Correspondent": a name before its role.
    private var roleByline: String? {
        let lower = text.lowercased()
        guard words <= 8, Self.roles.contains(where: lower.hasSuffix) else { return nil }
        let name = text.components(separatedBy: CharacterSet(charactersIn: ",|–—")).first?
            .components(separatedBy: " - ").first?.trimmingCharacters(in: .whitespaces) ?? ""
        return name != text && Credits.isPersonName(Substring(name)) ? name : nil
    }

    /// A masthead: the outlet's name alone on a line ("The Malta Business Weekly").
    var masthead: String? {
        guard words <= 6, let name = Outlets.leadingName(Substring(text)), name == text else { return nil }
        return name
    }
}
