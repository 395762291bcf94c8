import Foundation

/// Turns the text of a news page, as a scraper saw it, into a `CleanedPage`.
///
/// The rules are general, not tuned to one site: site furniture is recognised by shape
/// (tickers and breadcrumbs are runs of short items between separators; widgets and footers
/// by their stock phrases), captions by their photo credits, bylines as short lines carrying
/// a full date, and the body as the prose from the first sentence-shaped line on. When a fact
/// cannot be found the field stays empty: no date is better than a wrong one.
public enum PageCleaner {
    /// `bodyFrom`, when given, is the line where the article is known to start (an HTML page's
    /// article element): from it on, every line that is not furniture, a byline, stamp or
    /// caption is body, prose or not; the lines before it give the headline, bylines and stamps.
    public static func clean(_ text: String, hints: PageHints = PageHints(), bodyFrom: Int? = nil) -> CleanedPage {
        var page = CleanedPage()
        var rawLines = normalizedLines(text)
        var feedDate: PublicationDate?
        if let first = rawLines.first, let (date, rest) = DateFinder.feedDate(opening: first.text) {
            feedDate = date
            if let rest { rawLines[0].text = rest } else { rawLines.removeFirst() }
        }
        var printHeadline: String?
        /// The outlet the site names itself by: a masthead or a copyright footer.
        var siteOutlet: String?
        /// Stamps (a date, maybe an outlet) by line number: the one after the headline wins.
        var stamps: [(line: Int, date: PublicationDate, source: String?)] = []
        /// Outlets credited by lines of their own ("• Reuters", "Jane Doe · AP").
        var creditedOutlets: [String] = []
        var reportingCredit: String?
        /// Lines that are photo captions or stamps: what stands under a headline.
        var underHeadline = Set<Int>()
        var textLines: [(number: Int, line: PageLine)] = []
        /// Chrome lines that open other stories ("Related articles"): where the article may end.
        var storyLabels: [(number: Int, line: PageLine)] = []
        for (number, line) in rawLines.map({ PageLine($0.text, afterBlank: $0.afterBlank) }).enumerated() {
            if let printed = line.printHeadline {
                printHeadline = printHeadline ?? printed
            } else if let credit = Credits.reportingCredit(line.text) {
                reportingCredit = reportingCredit ?? credit
            } else if let (author, outlet) = Credits.authorWithOutlet(line.text) {
                page.author = page.author ?? author
                creditedOutlets.append(outlet)
            } else if let author = line.author {
                page.author = page.author ?? author
                if let (date, source) = stamp(line) { stamps.append((number, date, source)) }
            } else if line.isCaption {
                page.captions.append(line.text)
                underHeadline.insert(number)
                // "22/11/2020 - 04:30 - Source: Agência Brasil - Photo: ...": a stamp carrying the photo's credit.
                if let (date, range) = DateFinder.firstDate(in: line.text), range.lowerBound == line.text.startIndex, line.words <= 20 {
                    stamps.append((number, date, nil))
                }
            } else if let (date, source) = stamp(line) {
                stamps.append((number, date, source))
                underHeadline.insert(number)
                page.author = page.author ?? stampAuthor(line.text)
            } else if let outlet = Credits.outletLine(line.text) ?? Credits.sourceLine(line.text) {
                creditedOutlets.append(outlet)
            } else if line.isChrome {
                if ArticleEdges.opensOtherStories(line.text) { storyLabels.append((number, line)) }
                if siteOutlet == nil, line.text.contains("©") || line.text.lowercased().contains("copyright") {
                    siteOutlet = Outlets.named(in: line.text)
                }
            } else if number < 6, textLines.isEmpty, let name = line.masthead {
                siteOutlet = siteOutlet ?? Outlets.canonical(name) ?? name
            } else {
                textLines.append((number, line))
            }
        }

        // The headline opens the article: the first headline-shaped line before the body.
        // A long line the next one continues in lower case is a broken sentence, not a headline.
        var firstBody = textLines.indices.first { i in
            let line = textLines[i].line
            return line.startsBody
                || (line.isProse && i + 1 < textLines.count && textLines[i + 1].line.text.first?.isLowercase == true)
        } ?? textLines.endIndex
        if let bodyFrom, let start = textLines.firstIndex(where: { $0.number >= bodyFrom }) { firstBody = min(firstBody, start) }
        var title = textLines[..<firstBody].first { $0.line.isHeadlineShaped }
        var bodyLines = Array(textLines[firstBody...])
        // Some scrapes put the headline after the lead: a headline-shaped line with a photo
        // caption or a date stamp right under it.
        if title == nil, printHeadline == nil,
           let k = bodyLines.firstIndex(where: { $0.line.isHeadlineShaped && underHeadline.contains($0.number + 1) }) {
            title = bodyLines.remove(at: k)
        }
        page.headline = title?.line.text ?? printHeadline
        // What trails the last sentence is a list of other headlines, not the article.
        while let last = bodyLines.last?.line, !last.isProse, !(last.endsSentence && last.words >= 3) { bodyLines.removeLast() }
        // A label over other stories inside the body stands as a paragraph of its own, for
        // `ArticleEdges` to end the article at.
        var paragraphs: [String] = []
        var run: [PageLine] = []
        let inside = (bodyLines.first?.number ?? 0)..<(bodyLines.last?.number ?? 0)
        let labels = storyLabels.filter { inside.contains($0.number) }
        let labelNumbers = Set(labels.map(\.number))
        for entry in (bodyLines + labels).sorted(by: { $0.number < $1.number }) {
            if labelNumbers.contains(entry.number) {
                paragraphs += joinBrokenSentences(run) + [entry.line.text]
                run = []
            } else {
                run.append(entry.line)
            }
        }
        paragraphs += joinBrokenSentences(run)
        var repeated = Set<String>()
        paragraphs.removeAll { !repeated.insert($0).inserted }

        // A dateline within the first paragraphs: what stands before it is stray template text.
        let found = paragraphs.prefix(3).lazy.enumerated().compactMap { k, p in Credits.dateline(p).map { (k, $0) } }.first
        if let (k, line) = found {
            page.dateline = line.place
            paragraphs[k] = line.rest
            paragraphs.removeFirst(k)
        }
        let agency = found?.1.agency
        let datelineDay = found?.1.day
        paragraphs = ArticleEdges.trimmed(paragraphs)
        // An agency credited at the end of the story is its source, not its text.
        var ending: String?
        for k in paragraphs.indices.suffix(2).reversed() {
            guard ending == nil, let credit = Credits.endCredit(paragraphs[k]) else { continue }
            ending = credit.agency
            if credit.rest.isEmpty { paragraphs.remove(at: k) } else { paragraphs[k] = credit.rest }
        }
        page.paragraphs = paragraphs

        let headlineLine = title?.number ?? -1
        // A stamp labelled as a change ("Updated:", "Letzte Änderung:") only when no other dates the page.
        let published = stamps.filter { !isChangeStamp(rawLines[$0.line].text) }
        let stamp = published.first { $0.line > headlineLine } ?? published.first ?? stamps.first { $0.line > headlineLine } ?? stamps.first
        page.date = stamp?.date ?? feedDate ?? datelineDay.flatMap { yearFixed($0, by: paragraphs) }
            ?? paragraphs.prefix(2).lazy.compactMap(openingDate).first
        if let bodyFrom, let stamp { page.datedInBody = stamp.line >= bodyFrom }
        // Who wrote the story, strongest evidence first: the wire named in the dateline, the
        // page's stamp, lines crediting an outlet, end credits, a sentence crediting one, the site.
        let stamped: String? = stamp?.source ?? stamps.lazy.compactMap(\.source).first
        let phrased: String? = page.paragraphs.lazy.compactMap(Credits.credited(in:)).first
        page.source = agency ?? stamped ?? creditedOutlets.first ?? ending ?? phrased ?? siteOutlet
        // A press release is the issuing company's, whatever wire carried it.
        if rawLines.prefix(10).contains(where: { Credits.namesReleaseWire($0.text) }),
           let issuer = page.paragraphs.prefix(2).lazy.compactMap(Credits.issuer(in:)).first {
            page.source = issuer
        }
        page.author = page.author ?? reportingCredit
        page.publisher = siteOutlet
        page.apply(hints)
        return page
    }

    /// Article text that carries no site furniture (a structured record's body): every line
    /// is kept, broken sentences are rejoined, and metadata comes from `hints` alone.
    public static func cleanText(_ text: String, hints: PageHints = PageHints()) -> CleanedPage {
        var page = CleanedPage(paragraphs: joinBrokenSentences(normalizedLines(text).map { PageLine($0.text, afterBlank: $0.afterBlank) }))
        page.apply(hints)
        return page
    }

    /// Lines with line ends, no-break and zero-width spaces and runs of blanks normalised,
    /// trimmed, empty ones dropped (each line says whether one stood before it). Works on UTF-8 bytes: it runs over every page.
    static func normalizedLines(_ text: String) -> [(text: String, afterBlank: Bool)] {
        var lines: [(text: String, afterBlank: Bool)] = []
        var line: [UInt8] = []
        var pendingSpace = false
        var blank = false
        func endLine() {
            if !line.isEmpty {
                lines.append((String(decoding: line, as: UTF8.self), blank))
                blank = false
            } else {
                blank = !lines.isEmpty
            }
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

    /// A date stamp: a short line with a full date, and the outlet it names. "Xinhua, August
    /// 10, 2016 Adjust font size:", "Updated: 2023-02-15 08:17 | Source: China Daily",
    /// "08:45, July 01, 2024 By Cheng Yu ( Chinadaily.com.cn".
    static func stamp(_ line: PageLine) -> (PublicationDate, String?)? {
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
        let parts = (String(text[..<range.lowerBound]) + " | " + String(text[range.upperBound...]))
            .replacingOccurrences(of: #"(?i)\b(last updated|updated|published|posted|released|date|time)\b\s*:?"#, with: "", options: .regularExpression)
            .split(whereSeparator: { "|•·(".contains($0) })
            .map { $0.trimmingCharacters(in: CharacterSet(charactersIn: " ,:-–—0123456789)")) }
            .filter { !$0.isEmpty && !$0.hasPrefix("By ") && !$0.hasPrefix("By:") }
        let source = parts.lazy.compactMap { part in
            Outlets.canonical(part) ?? Outlets.named(in: part) ?? Outlets.domainName(part)
                ?? Outlets.leadingName(Substring(part)).flatMap { $0 == part ? $0 : nil }
        }.first
            // A lone word before a comma is as often the place a story was filed from ("Tampere, 27 September 2011").
            ?? parts.lazy.compactMap(Outlets.stampName).first { !text.contains($0 + ",") }
        return (date, source)
    }

    /// Whether the words before a stamp's date label it as a change rather than the publication.
    static func isChangeStamp(_ text: String) -> Bool {
        guard let (_, range) = DateFinder.firstDate(in: text) else { return false }
        let before = text[..<range.lowerBound].lowercased()
        return changeLabels.contains { before.contains($0) }
    }

    /// "Updated" and "last changed" in the web's commoner European languages.
    private static let changeLabels = ["updated", "modified", "last changed", "aktualisiert", "letzte änderung", "geändert",
                                       "mis à jour", "modifié", "actualizado", "actualización", "aggiornato", "atualizado",
                                       "bijgewerkt", "gewijzigd", "uppdaterad", "oppdatert", "opdateret", "päivitetty", "zaktualizowano"]

    /// A dateline's day completed with the year of a full date the story gives within a week
    /// of it ("BRAINTREE, March 25 -- ... expired on Wednesday, March 24, 2010"); nil when none
    /// does, or two years would do.
    static func yearFixed(_ day: (month: Int, day: Int), by paragraphs: [String]) -> PublicationDate? {
        var years = Set<Int>()
        for date in paragraphs.flatMap(DateFinder.allDates(in:)) {
            guard let candidate = PublicationDate(year: date.year, month: day.month, day: day.day) else { continue }
            if abs(candidate.daysSince1970 - date.daysSince1970) <= 7 { years.insert(date.year) }
        }
        return years.count == 1 ? PublicationDate(year: years.first!, month: day.month, day: day.day) : nil
    }

    /// "27.1.2022 - Bei der Erinnerung …", "12 March 2024 – The ministry said …": the date that
    /// opens a paragraph with a dash, bar or colon after it, as a press release stamps its text.
    static func openingDate(_ paragraph: String) -> PublicationDate? {
        guard let (date, range) = DateFinder.firstDate(in: paragraph), range.lowerBound == paragraph.startIndex,
              let mark = paragraph[range.upperBound...].first(where: { !$0.isWhitespace }), "-–—|:".contains(mark) else { return nil }
        return date
    }

    /// The author a stamp names: "By Cheng Yu" anywhere in it, or the name before its date
    /// ("Albert Galea Monday, 11 October 2021, 22:52").
    static func stampAuthor(_ text: String) -> String? {
        let ns = text as NSString
        if let m = stampAuthorPattern.firstMatch(in: text, range: NSRange(location: 0, length: ns.length)) {
            return ns.substring(with: m.range(at: 1))
        }
        guard let (_, range) = DateFinder.firstDate(in: text) else { return nil }
        let before = text[..<range.lowerBound].split(separator: ",").first.map(String.init) ?? ""
        let name = before.split(separator: " ").filter { !DateFinder.weekdays.contains($0.lowercased()) }.joined(separator: " ")
        guard Credits.isPersonName(Substring(name)), Outlets.canonical(name) == nil, Outlets.leadingName(Substring(name)) == nil else {
            return nil
        }
        return name
    }

    private static let stampAuthorPattern = try! NSRegularExpression(pattern: #"\bBy:?\s+([A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){1,4})"#)

    /// Paragraphs from body lines: a line that stops mid-sentence continues on the next,
    /// unless a blank line stands between them and the next does not go on in lower case.
    static func joinBrokenSentences(_ lines: [PageLine]) -> [String] {
        var paragraphs: [String] = []
        var current = ""
        for line in lines {
            if current.isEmpty {
                current = line.text
            } else if PageLine.endsSentence(current) || (line.afterBlank && line.text.first?.isLowercase != true) {
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
