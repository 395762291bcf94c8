import Foundation

/// Turns the text of a news page, as a scraper saw it, into a `CleanedPage`.
///
/// The rules are general, not tuned to one site: site furniture is recognised by shape
/// (tickers and breadcrumbs are runs of short items between separators; widgets and footers
/// by their stock phrases), captions by their photo credits, bylines as short lines carrying
/// a full date, and the body as the prose from the first sentence-shaped line on. When a fact
/// cannot be found the field stays empty: no date is better than a wrong one.
public enum PageCleaner {
    public static func clean(_ text: String, hints: PageHints = PageHints()) -> CleanedPage {
        var page = CleanedPage()
        var printHeadline: String?
        /// The outlet a copyright footer names: the site's own.
        var siteOutlet: String?
        var textLines: [PageLine] = []
        for line in normalizedLines(text).map(PageLine.init) {
            if let printed = line.printHeadline {
                printHeadline = printHeadline ?? printed
            } else if let author = line.author {
                page.author = page.author ?? author
                if let (date, source) = byline(line) {
                    page.date = page.date ?? date
                    page.source = page.source ?? source
                }
            } else if line.isCaption {
                page.captions.append(line.text)
            } else if let (date, source) = byline(line) {
                page.date = page.date ?? date
                page.source = page.source ?? source
            } else if !line.isChrome {
                textLines.append(line)
            } else if siteOutlet == nil, line.text.contains("©") || line.text.lowercased().contains("copyright") {
                siteOutlet = Outlets.named(in: line.text)
            }
        }

        let firstProse = textLines.firstIndex(where: \.isProse) ?? textLines.endIndex
        // Navigation comes before the headline, the byline after it: the last title-shaped
        // line before the prose is the headline.
        let titleLine = textLines[..<firstProse].last { $0.isTitleShaped && $0.words >= 4 }
        page.headline = titleLine?.text ?? printHeadline
        var body = Array(textLines[firstProse...])
        // What trails the last sentence is a list of other headlines, not the article.
        while let last = body.last, !last.isProse, !(last.endsSentence && last.words >= 3) { body.removeLast() }
        page.paragraphs = joinBrokenSentences(body)

        if let first = page.paragraphs.first, let (place, agency, rest) = dateline(first) {
            page.dateline = place
            page.source = page.source ?? agency
            page.paragraphs[0] = rest
        }
        page.source = page.source ?? siteOutlet ?? page.paragraphs.lazy.compactMap(Outlets.credited(in:)).first

        page.apply(hints)
        return page
    }

    /// Article text that carries no site furniture (a structured record's body): every line
    /// is kept, broken sentences are rejoined, and metadata comes from `hints` alone.
    public static func cleanText(_ text: String, hints: PageHints = PageHints()) -> CleanedPage {
        var page = CleanedPage(paragraphs: joinBrokenSentences(normalizedLines(text).map(PageLine.init)))
        page.apply(hints)
        return page
    }

    /// Lines with line ends, no-break and zero-width spaces and runs of blanks normalised,
    /// trimmed, empty ones dropped. Works on UTF-8 bytes: it runs over every page.
    static func normalizedLines(_ text: String) -> [String] {
        var lines: [String] = []
        var line: [UInt8] = []
        var pendingSpace = false
        func endLine() {
            if !line.isEmpty { lines.append(String(decoding: line, as: UTF8.self)) }
            line.removeAll(keepingCapacity: true)
            pendingSpace = false
        }
        let bytes = Array(text.utf8)
        var i = 0
        while i < bytes.count {
            let b = bytes[i]
            var width = 1
            var kind = 0  // 0 keep, 1 blank, 2 drop, 3 line end
            switch b {
            case 0x0A: kind = 3
            case 0x0D: kind = 2
            case 0x20, 0x09, 0x0B, 0x0C: kind = 1
            case 0xC2 where i + 1 < bytes.count && (bytes[i + 1] == 0xA0 || bytes[i + 1] == 0xAD):
                width = 2
                kind = bytes[i + 1] == 0xA0 ? 1 : 2
            case 0xE2 where i + 2 < bytes.count && bytes[i + 1] == 0x80 && (0x80...0x8D).contains(bytes[i + 2]):
                width = 3
                kind = bytes[i + 2] >= 0x8B ? 2 : 1
            case 0xE3 where i + 2 < bytes.count && bytes[i + 1] == 0x80 && bytes[i + 2] == 0x80:
                width = 3
                kind = 1
            case 0xEF where i + 2 < bytes.count && bytes[i + 1] == 0xBB && bytes[i + 2] == 0xBF:
                width = 3
                kind = 2
            default: break
            }
            switch kind {
            case 3: endLine()
            case 1: pendingSpace = !line.isEmpty
            case 2: break
            default:
                if pendingSpace { line.append(0x20) }
                pendingSpace = false
                line.append(contentsOf: bytes[i..<(i + width)])
            }
            i += width
        }
        endLine()
        return lines
    }

    /// A byline or date stamp: a short line with a full date, and the outlet it names.
    /// "Xinhua, August 10, 2016 Adjust font size:", "Updated: 2023-02-15 08:17 | Source: China Daily".
    static func byline(_ line: PageLine) -> (PublicationDate, String?)? {
        guard line.words <= 16, !line.isProse || line.words <= 10, let (date, range) = DateFinder.firstDate(in: line.text) else {
            return nil
        }
        let text = line.text
        if let r = text.range(of: "Source:", options: .caseInsensitive) {
            let name = text[r.upperBound...].split(whereSeparator: { "|•".contains($0) }).first.map {
                $0.trimmingCharacters(in: .whitespaces)
            }
            if let name, let outlet = Outlets.leadingName(Substring(name)) ?? (name.isEmpty ? nil : name) {
                return (date, Outlets.canonical(outlet) ?? outlet)
            }
        }
        let parts = text[..<range.lowerBound]
            .replacingOccurrences(of: #"(?i)\b(updated|published|posted|released|date|time)\s*:?"#, with: "", options: .regularExpression)
            .split(whereSeparator: { "|•·".contains($0) })
            .map { $0.trimmingCharacters(in: CharacterSet(charactersIn: " ,:-–—0123456789")) }
            .filter { !$0.isEmpty && !$0.hasPrefix("By ") }
        let source = parts.lazy.compactMap { Outlets.canonical($0) ?? Outlets.leadingName(Substring($0)) }.first
            ?? parts.first { $0.split(separator: " ").count <= 4 && $0.first?.isUppercase == true }
        return (date, source)
    }

    private static let datelinePattern = try! NSRegularExpression(
        pattern: #"^([A-Z][A-Z .'’-]{1,40}?)(?:,\s*[A-Z][a-z]{2,9}\.?\s+\d{1,2})?\s*(?:\(([^)]{2,40})\))?\s*(?:--|—|–|-)\s+"#)

    /// A wire dateline opening the body: "BAOTOU, Aug. 10 (Xinhua) -- ...". Returns the place,
    /// the agency if named, and the paragraph without the dateline.
    static func dateline(_ paragraph: String) -> (String, String?, String)? {
        let ns = paragraph as NSString
        guard let m = datelinePattern.firstMatch(in: paragraph, range: NSRange(location: 0, length: ns.length)) else { return nil }
        let place = ns.substring(with: m.range(at: 1)).trimmingCharacters(in: .whitespaces)
        guard place.count >= 3, place == place.uppercased() else { return nil }
        let agency = m.range(at: 2).location == NSNotFound ? nil : ns.substring(with: m.range(at: 2))
        return (place, agency.map { Outlets.canonical($0) ?? $0 }, ns.substring(from: m.range.upperBound))
    }

    /// Paragraphs from body lines: a line that stops mid-sentence continues on the next.
    static func joinBrokenSentences(_ lines: [PageLine]) -> [String] {
        var paragraphs: [String] = []
        var current = ""
        for line in lines {
            if current.isEmpty {
                current = line.text
            } else if PageLine.endsSentence(current) {
                paragraphs.append(current)
                current = line.text
            } else if current.hasSuffix("-"), line.text.first?.isLowercase == true {
                current.removeLast()
                current += line.text
            } else {
                current += " " + line.text
            }
        }
        if !current.isEmpty { paragraphs.append(current) }
        return paragraphs
    }
}

extension Optional where Wrapped == String {
    /// The string unless it is nil or blank.
    var nonEmpty: String? {
        guard let s = self?.trimmingCharacters(in: .whitespacesAndNewlines), !s.isEmpty else { return nil }
        return s
    }
}
