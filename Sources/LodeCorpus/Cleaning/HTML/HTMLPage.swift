import CLibXML2
import Foundation

/// An HTML page read with libxml2's forgiving HTML parser: the article's text, one block per
/// line, chosen from the page's blocks (`MainText`), and what the page declares about itself
/// (`HTMLMetadata`).
public struct HTMLPage {
    /// The article's lines: headline, bylines and stamps above it, its paragraphs.
    public let text: String
    /// Figure captions inside the article.
    public let captions: [String]
    /// The article's text as the page's structured data gives it, for pages that draw their text with scripts.
    let declaredBody: String?
    /// The line of `text` where the article's own blocks start.
    let bodyStart: Int?
    /// Every line outside site furniture (looser when that says next to nothing), for when the
    /// article's text yields nothing.
    public let looseText: String
    public let hints: PageHints
    /// The `<title>`, site name trimmed: the headline when neither metadata nor the page gives one.
    public let title: String?
    /// The first-level heading over the article: the headline as the page shows it, which
    /// wins over the one its metadata gives for sharing.
    public let shownHeadline: String?
    /// The first full date in the page's text: its date when nothing else gives one.
    let firstTextDate: PublicationDate?
    /// The date an element classed as one states, nearest the article's opening (`MainText`).
    let statedDate: PublicationDate?
    /// A date the page's description gives: the last resort.
    let descriptionDate: PublicationDate?

    /// Parses `bytes` as HTML: UTF-8 when they are valid UTF-8 (a saved page is often re-encoded
    /// while its `<meta charset>` still names the old encoding), else what the page says.
    public init(_ bytes: [UInt8]) {
        let options = Int32(HTML_PARSE_RECOVER.rawValue | HTML_PARSE_NOERROR.rawValue | HTML_PARSE_NOWARNING.rawValue
                            | HTML_PARSE_NONET.rawValue | HTML_PARSE_NOBLANKS.rawValue)
        lode_xml_quiet()
        // libxml2 stops reading at a NUL byte, which some saved pages carry.
        let bytes = bytes.contains(0) ? bytes.map { $0 == 0 ? 0x20 : $0 } : bytes
        let utf8 = bytes.contains { $0 >= 0x80 } && String(validating: bytes, as: UTF8.self) != nil
        let document = bytes.isEmpty ? nil : bytes.withUnsafeBufferPointer { buffer in
            buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: buffer.count) {
                htmlReadMemory($0, Int32(buffer.count), nil, utf8 ? "UTF-8" : nil, options)
            }
        }
        guard let document, let root = xmlDocGetRootElement(document) else {
            if let document { xmlFreeDoc(document) }
            text = ""
            captions = []
            looseText = ""
            hints = PageHints()
            title = nil
            shownHeadline = nil
            bodyStart = nil
            declaredBody = nil
            firstTextDate = nil
            statedDate = nil
            descriptionDate = nil
            return
        }
        defer { xmlFreeDoc(document) }
        let metadata = HTMLMetadata(root)
        title = metadata.title.map(Self.trimSiteName)
        declaredBody = metadata.articleBody
        let main = MainText(HTMLBlocks(root))
        shownHeadline = main.headline
        firstTextDate = main.firstTextDate
        statedDate = main.statedDate.map(metadata.local)
        descriptionDate = metadata.descriptionDate
        bodyStart = main.bodyStart
        var hints = metadata.hints
        // A date an element is classed as is weaker than a stamp in the text, stronger than a modification.
        hints.weakDate = main.statedDate.map(metadata.local) ?? hints.weakDate
        self.hints = hints
        // Blocks are paragraphs: a blank line between them keeps a heading off the text under it.
        text = main.lines.joined(separator: "\n\n")
        captions = main.captions
        looseText = main.looseLines.joined(separator: "\n\n")
    }

    /// The page cleaned like any other (`PageCleaner`), its metadata filling what `given` lacks;
    /// when no article text is left, every line outside furniture is kept instead, if it says
    /// anything (ten words or more); when nothing else dates it, the first date its text gives does.
    public func cleaned(hints given: PageHints = PageHints()) -> CleanedPage {
        var hints = given.filled(from: self.hints)
        if given.headline.nonEmpty == nil, let shownHeadline { hints.headline = shownHeadline }
        var page = PageCleaner.clean(text, hints: hints, bodyFrom: bodyStart)
        // A date the page's markup classes as one, by the headline, over a stamp deep in the body.
        if page.datedInBody, let statedDate { page.date = statedDate }
        if page.paragraphs.isEmpty {
            let loose = PageCleaner.cleanText(looseText, hints: hints)
            if loose.wordCount >= MainText.looseMinimumWords { page.paragraphs = loose.paragraphs }
        }
        // A page drawn by scripts shows little of the text its structured data declares.
        if let declaredBody {
            let declared = PageCleaner.cleanText(declaredBody)
            if declared.wordCount >= 2 * max(page.wordCount, 20) { page.paragraphs = declared.paragraphs }
        }
        page.captions = captions + page.captions.filter { !captions.contains($0) }
        page.headline = page.headline ?? title
        // A web page is not older than the web: a date it gives from before is a birthday or a
        // misread stamp (one the caller gives stands).
        func ofTheWeb(_ date: PublicationDate?) -> PublicationDate? { date.flatMap { $0.year < MainText.earliestWebYear ? nil : $0 } }
        if given.date == nil { page.date = ofTheWeb(page.date) ?? firstTextDate ?? ofTheWeb(descriptionDate) }
        return page
    }

    /// "Headline - Site", "Headline | Section | Site | 23.05.2011": the headline part. Short
    /// trailing parts are trimmed one by one while three words or more stay before them.
    static func trimSiteName(_ title: String) -> String {
        var head = title
        while let r = [" | ", " - ", " – ", " — ", " :: ", " · "].compactMap({ head.range(of: $0, options: .backwards) }).max(by: { $0.lowerBound < $1.lowerBound }),
              head[r.upperBound...].split(separator: " ").count <= 3 {
            let rest = String(head[..<r.lowerBound]).trimmingCharacters(in: .whitespaces)
            guard rest.split(separator: " ").count >= 3 else { break }
            head = rest
        }
        return head
    }
}
