import Foundation

/// Who wrote a story and who carried it, as pages credit it: datelines with the agency in
/// brackets, lone agency lines, author lines with an outlet, end credits and reporting
/// credits. Every rule is about a shape of line, not a site.
enum Credits {
    /// A wire dateline opening a paragraph, with the agency in brackets anywhere in it:
    /// "BAOTOU, Aug. 10 (Xinhua) --", "NEW YORK (AP) —", "MUMBAI (Metal-Pages) 5-May-15.",
    /// "(Yicai Global) Nov. 10 --", "BRAINTREE, Mass., March 25 /PRNewswire/ --", and with a
    /// known agency "New Delhi, Jan 5 (IANS)". Returns the place (when it opens the line), the
    /// agency (the first known one of "Xinhua/GNA"), and the paragraph without the dateline.
    static func dateline(_ paragraph: String) -> Dateline? {
        let ns = paragraph as NSString
        let range = NSRange(location: 0, length: min(ns.length, 160))
        if let m = bracketed.firstMatch(in: paragraph, range: range) {
            let prefix = ns.substring(to: m.range.location).trimmingCharacters(in: .whitespaces)
            let agency = ns.substring(with: m.range(at: m.range(at: 1).location == NSNotFound ? 2 : 1)).trimmingCharacters(in: .whitespaces)
            guard isName(agency) else { return nil }
            let known = Outlets.canonical(agency) ?? agency.split(separator: "/").lazy.compactMap { Outlets.canonical(String($0)) }.first
            let place = placeOpening(prefix, titleCase: known != nil)
            guard prefix.isEmpty || place != nil else { return nil }
            let rest = ns.substring(from: m.range.upperBound)
            let tail = rest as NSString
            guard let after = datelineEnd.firstMatch(in: rest, range: NSRange(location: 0, length: min(tail.length, 40))) else {
                return nil
            }
            let text = tail.substring(from: after.range.upperBound)
            // Without a dash the dateline must open with a place and go on with a sentence.
            guard after.range(at: 1).location != NSNotFound || (place != nil && text.first?.isUppercase == true) else { return nil }
            return Dateline(paragraph: paragraph, place: place, agency: known ?? agency, rest: text)
        }
        if let m = spaced.firstMatch(in: paragraph, range: range) {
            let place = ns.substring(with: m.range(at: 1)).trimmingCharacters(in: .whitespaces)
            guard placeOpening(place) == place else { return nil }
            return Dateline(paragraph: paragraph, place: place, agency: nil, rest: ns.substring(from: m.range.upperBound))
        }
        return nil
    }

    /// "(Xinhua)", "(AP)", "/PRNewswire/": the agency in brackets or slashes, within the dateline's reach.
    private static let bracketed = try! NSRegularExpression(pattern: #"\(([^()]{2,40})\)|/([A-Za-z][^/]{2,39})/"#)
    /// After the agency: an optional date ("Nov. 10", "5-May-15.") and the dash that ends the dateline.
    private static let datelineEnd = try! NSRegularExpression(
        pattern: #"^\s*(?:[A-Z][a-z]{2,9}\.?\s+\d{1,2}|\d{1,2}-[A-Z][a-z]{2}-\d{2,4}\.?)?\s*(--|—|–|-(?=\s))?\s*"#)
    /// "BAOTOU, Aug. 10 --": a capitalised place and a date, no agency.
    private static let spaced = try! NSRegularExpression(
        pattern: #"^([A-Z][A-Z .'’-]{1,40}?),\s*[A-Z][a-z]{2,9}\.?\s+\d{1,2}\s*(?:--|—|–)\s+"#)

    /// A dateline as found: its place and agency, its month and day when it gives them
    /// ("HARARE, Dec 20 (Reuters) –"), and the paragraph after it.
    struct Dateline {
        var place: String?
        var agency: String?
        var rest: String
        var day: (month: Int, day: Int)?

        init(paragraph: String, place: String?, agency: String?, rest: String) {
            self.place = place
            self.agency = agency
            self.rest = rest
            day = DateFinder.monthAndDay(in: String(paragraph.utf8.prefix(paragraph.utf8.count - rest.utf8.count)) ?? "")
        }
    }

    /// The place a dateline's text before the agency opens with: a first comma-separated part
    /// in capitals ("HARARE", "NEW YORK"), or capitalised words when a known agency follows
    /// ("New Delhi"), then at most a region and a date ("Mass., March 25").
    private static func placeOpening(_ prefix: String, titleCase: Bool = false) -> String? {
        guard !prefix.isEmpty else { return nil }
        let parts = prefix.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
        guard let place = parts.first, place.count >= 3, place.count <= 40, place.first?.isLetter == true, parts.count <= 3,
              PageLine.wordCount(prefix) <= 8 else { return nil }
        let capitals = place == place.uppercased()
        let capitalised = place.split(separator: " ").allSatisfy { $0.first?.isUppercase == true } && PageLine.wordCount(place) <= 3
        return capitals || (titleCase && capitalised && parts.count >= 2) ? place : nil
    }

    /// Looks like an outlet's name: a domain, or a few words starting with a letter, no photo credit.
    private static func isName(_ text: String) -> Bool {
        if Outlets.domainName(text) != nil { return true }
        guard let first = text.first, first.isLetter, PageLine.wordCount(text) <= 5 else { return false }
        let lower = text.lowercased()
        return !["photo", "file", "image", "video", "ticker", "nyse", "nasdaq", "otc", "sha:", "updated"].contains { lower.contains($0) }
            && text.contains(where: \.isUppercase)
    }

    /// A line that is only an outlet's name, with bullets, brackets or dashes around it:
    /// "• Reuters", "(Xinhua)", "Associated Press", "— AFP".
    static func outletLine(_ text: String) -> String? {
        let trimmed = text.trimmingCharacters(in: CharacterSet(charactersIn: " •·|()[]–—-:").union(.whitespaces))
        guard PageLine.wordCount(trimmed) <= 5 else { return nil }
        if let outlet = Outlets.canonical(trimmed) { return outlet }
        // "Bloomberg Beijing": the outlet and the place it filed from.
        let words = trimmed.split(separator: " ")
        guard words.count >= 2, let place = words.last, place.first?.isUppercase == true, place.allSatisfy(\.isLetter) else { return nil }
        return Outlets.canonical(words.dropLast().joined(separator: " "))
    }

    /// "Howard Fendrich · The Associated Press", "By ELAINE KURTENBACH – Associated Press":
    /// an author and the known outlet they write for, on one short line.
    static func authorWithOutlet(_ text: String) -> (author: String, outlet: String)? {
        guard PageLine.wordCount(text) <= 10 else { return nil }
        for separator in [" · ", " | ", " – ", " — ", " - ", ", "] where text.contains(separator) {
            let parts = text.components(separatedBy: separator).map { $0.trimmingCharacters(in: .whitespaces) }
            guard parts.count == 2, let outlet = Outlets.canonical(parts[1]) else { continue }
            var name = Substring(parts[0])
            if let prefix = PageLine.bylinePrefixes.first(where: name.hasPrefix) { name = name.dropFirst(prefix.count) }
            guard isPersonName(name) else { continue }
            return (String(name), outlet)
        }
        return nil
    }

    /// Two to five capitalised words ("Cheng Yu", "MARI YAMAGUCHI", "Ajoy K Das").
    static func isPersonName(_ text: Substring) -> Bool {
        let words = text.split(separator: " ")
        return (2...5).contains(words.count) && words.allSatisfy { w in
            w.first?.isUppercase == true && w.allSatisfy { $0.isLetter || ".'’-".contains($0) }
        }
    }

    /// Whether `text` names a press-release wire ("PRNewswire", "GLOBE NEWSWIRE", "Business Wire").
    static func namesReleaseWire(_ text: String) -> Bool {
        let lower = text.lowercased()
        return ["newswire", "business wire", "businesswire", "accesswire", "marketwire", "globe newswire"].contains(where: lower.contains)
    }

    /// The company a press release is from: the first name with a company suffix in its
    /// opening ("Haemonetics Corporation (NYSE: HAE) today announced ...").
    static func issuer(in text: String) -> String? {
        let ns = text as NSString
        for m in issuerPattern.matches(in: text, range: NSRange(location: 0, length: min(ns.length, 400))) {
            let name = ns.substring(with: m.range(at: 1))
            // "The Group" is the company already named, not a name.
            if name.split(separator: " ").filter({ $0 != "The" }).count >= 2 { return name }
        }
        return nil
    }

    private static let issuerPattern = try! NSRegularExpression(
        pattern: #"\b((?:[A-Z][\w&'-]*\s){1,5}(?:Corporation|Corp\.|Inc\.|Incorporated|Ltd\.|Limited|plc|PLC|Group|Company|AG|SE|N\.V\.|Holdings|Oyj|ASA|S\.A\.))(?=[\s,.(]|$)"#)

    /// "(Reporting by Nelson Banya; Editing by Deepa Babington)": the credit inside, as written.
    static func reportingCredit(_ text: String) -> String? {
        let inner = text.trimmingCharacters(in: CharacterSet(charactersIn: "() ").union(.whitespaces))
        let lower = inner.lowercased()
        guard ["reporting by ", "writing by ", "reported by "].contains(where: lower.hasPrefix), PageLine.wordCount(inner) <= 30 else {
            return nil
        }
        return inner
    }

    /// An agency credited at the end of a paragraph: "... on Monday. (Yonhap)", "... —AFP";
    /// with the paragraph without the credit.
    static func endCredit(_ paragraph: String) -> (agency: String, rest: String)? {
        let ns = paragraph as NSString
        // "(With inputs from PTI)"
        if let m = inputsPattern.firstMatch(in: paragraph, range: NSRange(location: 0, length: ns.length)),
           let agency = Outlets.canonical(ns.substring(with: m.range(at: 1))) {
            return (agency, ns.substring(to: m.range.location).trimmingCharacters(in: .whitespaces))
        }
        guard let m = endCreditPattern.firstMatch(in: paragraph, range: NSRange(location: 0, length: ns.length)),
              let agency = Outlets.canonical(ns.substring(with: m.range(at: 1))) else { return nil }
        return (agency, ns.substring(to: m.range(at: 1).location).trimmingCharacters(in: CharacterSet(charactersIn: "(—–- ")))
    }

    private static let inputsPattern = try! NSRegularExpression(
        pattern: #"\(?\b(?:with )?(?:agency )?inputs from (?:the )?([A-Za-z .]{2,30}?)\)?\.?\s*$"#, options: .caseInsensitive)

    private static let endCreditPattern = try! NSRegularExpression(pattern: #"(?:[.!?"”]\s*|^)(?:\(|--\s*|—\s*|–\s*)([A-Z][A-Za-z .]{1,30})\)?\s*$"#)

    /// An outlet a sentence credits: "..., Kallanish reports.", "reports Xinhua", "told Reuters",
    /// "seen by Reuters", "according to the Global Times".
    static func credited(in text: String) -> String? {
        let ns = text as NSString
        if let m = reportsPattern.firstMatch(in: text, range: NSRange(location: 0, length: ns.length)) {
            let name = ns.substring(with: m.range(at: m.range(at: 1).location == NSNotFound ? 2 : 1))
            return Outlets.canonical(name) ?? name
        }
        return Outlets.credited(in: text)
    }

    private static let reportsPattern = try! NSRegularExpression(
        pattern: #",\s+(?:the\s+)?([A-Z][\w.&-]*(?:\s[A-Z][\w.&-]*){0,3})\s+(?:reports|reported|said in a report)\.\s*$|,\s+reports?\s+(?:the\s+)?([A-Z][\w.&-]*(?:\s[A-Z][\w.&-]*){0,3})\.\s*$"#)

    /// "Source: China Metals e-mail": the capitalised name a short source line gives.
    static func sourceLine(_ text: String) -> String? {
        guard text.lowercased().hasPrefix("source:"), PageLine.wordCount(text) <= 8 else { return nil }
        let words = text.dropFirst(7).split(separator: " ").prefix { $0.first?.isUppercase == true }
        guard !words.isEmpty else { return nil }
        let name = words.joined(separator: " ").trimmingCharacters(in: .punctuationCharacters)
        return Outlets.canonical(name) ?? name
    }
}
