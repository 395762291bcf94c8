import CLibXML2
import Foundation

/// What an HTML page declares about itself, from every place pages put it: JSON-LD and
/// microdata (`datePublished`, `headline`, `author`, `publisher`), Open Graph and `article:`
/// meta, Dublin Core, `parsely-*`, `sailthru.*`, `<time>` and `<title>`.
///
/// Each fact is taken from the strongest place that gives it: structured data before meta,
/// except for dates (meta, structured data, the page's address, `<time>`). A publication date
/// beats a modification date, which is kept apart as a weak date; a UTC time is read on the
/// page's local day when another stamp gives its offset.
struct HTMLMetadata {
    private(set) var hints = PageHints()
    /// The `<title>` text.
    private(set) var title: String?
    /// The article's text as its structured data gives it (JSON-LD `articleBody`).
    private(set) var articleBody: String?

    /// How strong a place is: lower ranks win.
    private enum Rank: Int, Comparable {
        case structured, meta
        static func < (a: Rank, b: Rank) -> Bool { a.rawValue < b.rawValue }
        /// For dates the order turns: a `<meta>` publication tag names the moment of publishing
        /// itself, where structured data often carries a template's creation or update time.
        var forDates: Int { self == .meta ? 0 : 1 }
    }

    /// The publication date the strongest place states first.
    private var published: (stamp: Timestamp, rank: Rank)?
    /// A publication date a `<time>` element is classed as.
    private var publishedTime: Timestamp?
    /// A date the page's summary gives ("… (Notizia del 14 Gennaio 2020)").
    private(set) var descriptionDate: PublicationDate?
    private var modified: Timestamp?
    private var bareTime: Timestamp?
    /// A publication date in a page's script state (`"publishedAt": "..."`).
    private var scriptDate: Timestamp?
    /// A date in the page's own address (`/2018/06/28/` in its canonical link or `og:url`).
    private var addressDate: Timestamp?
    /// A date in the address of the page's picture, as uploads are filed by day.
    private var imageDate: Timestamp?
    private var seenHeadline = false
    private var timeAfterHeadline = false
    private var headline: (text: String, rank: Rank)?
    private var author: (text: String, rank: Rank)?
    private var publisher: (text: String, rank: Rank)?
    /// The first UTC offset other than zero that any stamp on the page states.
    private var pageOffset: Int?

    init(_ root: xmlNodePtr) {
        visit(root)
        var hints = PageHints()
        hints.headline = headline?.text
        hints.author = author?.text
        hints.publisher = publisher?.text
        // The page's own address outranks `<time>` elements, which may be other posts'.
        hints.date = (published?.stamp ?? addressDate ?? publishedTime).map(local)
        // A date in the page's title ("23.01.2022 - Wierer wins", "… | DW | 23.05.2011").
        let titleDate = title.flatMap(Timestamp.init)
        hints.weakDate = (modified ?? bareTime ?? titleDate ?? scriptDate ?? imageDate).map(local)
        self.hints = hints
    }

    /// A stamp's calendar day where the page is: a UTC time moves by the page's offset. When the
    /// page states none, its own address, filed under the publisher's local day, says which side
    /// of midnight the time falls: the day before (a UTC time before noon) or after (from 10:00,
    /// as no zone is more than 12 hours behind or 14 ahead).
    func local(_ stamp: Timestamp) -> PublicationDate {
        guard stamp.offset == 0 else { return stamp.date }
        if let offset = pageOffset { return stamp.shifted(by: offset) }
        guard let minutes = stamp.minutes, let address = addressDate?.date else { return stamp.date }
        let days = address.daysSince1970 - stamp.date.daysSince1970
        return (days == -1 && minutes < 12 * 60) || (days == 1 && minutes >= 10 * 60) ? address : stamp.date
    }

    // MARK: Reading the tree

    private mutating func visit(_ node: xmlNodePtr) {
        var child = node.pointee.children
        while let n = child {
            if n.pointee.type == XML_ELEMENT_NODE {
                let tag = n.tag
                switch tag {
                case "title" where title == nil:
                    title = n.textContent.nonEmpty
                case "meta":
                    readMeta(n)
                case "script":
                    let type = n["type"]?.lowercased() ?? ""
                    if type.contains("ld+json") {
                        readJSONLD(n.textContent)
                    } else if scriptDate == nil, type.isEmpty || type.contains("json") || type.contains("javascript") {
                        scriptDate = Self.scriptDate(n.textContent)
                    }
                case "time":
                    if let stamp = (n["datetime"]).flatMap(Timestamp.init) ?? Timestamp(n.textContent) {
                        note(stamp)
                        // Its own class or itemprop, or its parent's (`<p class="publication">Le <time …>`).
                        let hint = [n["class"], n["itemprop"], n.parent?["class"]].compactMap { $0 }.joined(separator: " ").lowercased()
                        if n["pubdate"] != nil || hint.contains("publish") || hint.contains("publication") || hint.contains("entry-date") || hint.contains("post-date") {
                            // Pages list other posts' times too: the first after the headline is the article's.
                            if publishedTime != nil, seenHeadline, !timeAfterHeadline { publishedTime = nil }
                            if publishedTime == nil {
                                publishedTime = stamp
                                timeAfterHeadline = seenHeadline
                            }
                        } else if bareTime == nil {
                            bareTime = stamp
                        }
                    }
                case "link":
                    if n["rel"]?.lowercased() == "canonical", let href = n["href"] { addressDate = addressDate ?? Self.pathDate(href) }
                case "h1":
                    seenHeadline = true
                default: break
                }
                if tag != "meta", let property = n["itemprop"] { readMicrodata(n, property: property.lowercased()) }
                // RDFa: `<span property="schema:dateCreated" content="...">`.
                if tag != "meta", let property = n["property"]?.lowercased(), let content = n["content"],
                   Self.publishedKeys.contains(property) {
                    offerPublished(content, .meta)
                }
                if tag != "script" && tag != "style" { visit(n) }
            }
            child = n.pointee.next
        }
    }

    private mutating func readMeta(_ n: xmlNodePtr) {
        let key = (n["property"] ?? n["name"] ?? n["itemprop"] ?? n["http-equiv"] ?? "").lowercased()
        guard let content = n["content"]?.trimmingCharacters(in: .whitespacesAndNewlines), !content.isEmpty else { return }
        if n["itemprop"] != nil, n["property"] == nil, n["name"] == nil {
            readProperty(key, content, rank: .structured)
            return
        }
        switch key {
        case _ where Self.publishedKeys.contains(key):
            offerPublished(content, .meta)
        case _ where Self.modifiedKeys.contains(key):
            offerModified(content)
        case "og:title", "twitter:title", "parsely-title", "sailthru.title", "dc.title", "dcterms.title":
            offer(&headline, content, .meta)
        case "author", "article:author", "parsely-author", "sailthru.author", "dc.creator", "dcterms.creator", "byl":
            if !content.hasPrefix("http"), !content.hasPrefix("www.") { offer(&author, Self.withoutBy(content), .meta) }
        case "og:url":
            addressDate = addressDate ?? Self.pathDate(content)
        case "description", "og:description", "twitter:description":
            descriptionDate = descriptionDate ?? DateFinder.firstDate(in: content)?.date
        case "og:image", "twitter:image", "twitter:image:src":
            imageDate = imageDate ?? Self.pathDate(content)
        case "og:site_name", "application-name", "dc.publisher", "dcterms.publisher":
            offer(&publisher, content, .meta)
        case "parsely-page":
            if let object = try? JSONSerialization.jsonObject(with: Data(content.utf8)) as? [String: Any] {
                if let date = object["pub_date"] as? String { offerPublished(date, .meta) }
                if let title = object["title"] as? String { offer(&headline, title, .meta) }
            }
        default: break
        }
    }

    /// `itemprop` on an element: its `content`, `datetime`, a date its `title` gives (Blogger's
    /// `<abbr itemprop="datePublished" title="2017-09-09T10:52:00+02:00">10:52</abbr>`), or text.
    private mutating func readMicrodata(_ n: xmlNodePtr, property: String) {
        guard ["datepublished", "datecreated", "datemodified", "headline", "author", "name"].contains(property) else { return }
        let titleDate = property.hasPrefix("date") ? n["title"].flatMap { Timestamp($0) == nil ? nil : $0 } : nil
        let value = n["content"] ?? n["datetime"] ?? titleDate ?? n.textContent
        guard let value = value.nonEmpty else { return }
        if property == "author" || property == "name" {
            // An author's name is a nested itemprop="name" under itemprop="author"; a bare name is not one.
            guard property == "author" || n.parent?["itemprop"]?.lowercased() == "author" else { return }
            if PageLine.wordCount(value) <= 5 { offer(&author, Self.withoutBy(value), .structured) }
            return
        }
        readProperty(property, value, rank: .structured)
    }

    private mutating func readProperty(_ key: String, _ value: String, rank: Rank) {
        switch key {
        case "datepublished", "datecreated":
            offerPublished(value, rank)
        case "datemodified":
            offerModified(value)
        case "headline":
            offer(&headline, value, rank)
        default: break
        }
    }

    private mutating func readJSONLD(_ text: String) {
        var body = text.trimmingCharacters(in: .whitespacesAndNewlines)
        for wrapper in ["<![CDATA[", "]]>", "<!--", "-->", "//"] where body.hasPrefix(wrapper) || body.hasSuffix(wrapper) {
            body = body.replacingOccurrences(of: wrapper, with: "")
        }
        while body.hasSuffix(";") { body.removeLast() }
        guard let object = try? JSONSerialization.jsonObject(with: Data(body.utf8), options: [.fragmentsAllowed]) else {
            // Broken JSON (a stray comma, a raw line break in a string): its dates are still read.
            let ns = body as NSString
            for m in Self.jsonDate.matches(in: body, range: NSRange(location: 0, length: ns.length)) {
                readProperty(ns.substring(with: m.range(at: 1)).lowercased(), ns.substring(with: m.range(at: 2)), rank: .structured)
            }
            return
        }
        var items: [[String: Any]] = []
        Self.collectItems(object, into: &items)
        // The article itself first; pages also describe their site, breadcrumbs and images.
        let ordered = items.filter { Self.isArticle($0) } + items.filter { !Self.isArticle($0) && !Self.isPart($0) }
        for item in ordered {
            for key in ["datePublished", "dateCreated", "dateModified"] {
                if let value = item[key] as? String { readProperty(key.lowercased(), value, rank: .structured) }
            }
            guard Self.isArticle(item) else { continue }
            if let title = item["headline"] as? String { offer(&headline, title, .structured) }
            if articleBody == nil, let body = item["articleBody"] as? String, !body.isEmpty { articleBody = body }
            if let name = Self.names(item["author"]).first { offer(&author, name, .structured) }
            if let name = Self.names(item["publisher"]).first { offer(&publisher, name, .structured) }
        }
    }

    private static func collectItems(_ value: Any, into items: inout [[String: Any]]) {
        if let object = value as? [String: Any] {
            if object["@type"] != nil { items.append(object) }
            for key in ["@graph", "mainEntity", "mainEntityOfPage", "itemListElement"] {
                if let inner = object[key] { collectItems(inner, into: &items) }
            }
        } else if let array = value as? [Any] {
            for element in array { collectItems(element, into: &items) }
        }
    }

    private static func types(_ item: [String: Any]) -> [String] {
        (item["@type"] as? String).map { [$0] } ?? (item["@type"] as? [Any])?.compactMap { $0 as? String } ?? []
    }

    private static func isArticle(_ item: [String: Any]) -> Bool {
        types(item).contains { $0.hasSuffix("Article") || $0.hasSuffix("Posting") || $0 == "Report" || $0 == "LiveBlogPosting" }
    }

    /// Things a page is made of or about, whose dates are not the page's.
    private static func isPart(_ item: [String: Any]) -> Bool {
        types(item).contains { ["ImageObject", "VideoObject", "Comment", "Review", "Event", "Person", "Organization", "Product",
                                "BreadcrumbList", "ListItem", "Offer"].contains($0) }
    }

    /// Names in a JSON-LD `author` or `publisher`: a string, an object with `name`, or a list of them.
    private static func names(_ value: Any?) -> [String] {
        if let name = value as? String { return name.hasPrefix("http") ? [] : [name] }
        if let object = value as? [String: Any] { return (object["name"] as? String).map { [$0] } ?? [] }
        if let array = value as? [Any] { return array.flatMap { names($0) } }
        return []
    }

    private static func withoutBy(_ name: String) -> String {
        let trimmed = name.trimmingCharacters(in: .whitespacesAndNewlines)
        for prefix in ["By ", "by ", "BY "] where trimmed.hasPrefix(prefix) { return String(trimmed.dropFirst(prefix.count)) }
        return trimmed
    }

    /// A date filed in a url's path: `/2018/06/28/`, `/2018-06-28-`, a 14-digit stamp
    /// `/20201007120909`, a segment `/20200428/`, `/2020/oct/02/`, or a day-first `/29-10-2021`
    /// whose day cannot be a month.
    /// The address of a Wayback Machine copy (`…/web/20140109030403/http://example.org/2013/12/09/…`)
    /// is read as the page it copies: the capture's time is not the page's date.
    static func pathDate(_ address: String) -> Timestamp? {
        let archived = address as NSString
        let url = archivedCopy.firstMatch(in: address, range: NSRange(location: 0, length: archived.length))
            .map { archived.substring(from: $0.range.upperBound) } ?? address
        let ns = url as NSString
        guard let m = pathDatePattern.firstMatch(in: url, range: NSRange(location: 0, length: ns.length)) else { return nil }
        func text(_ k: Int) -> String? { m.range(at: k).location == NSNotFound ? nil : ns.substring(with: m.range(at: k)) }
        func int(_ k: Int) -> Int? { text(k).flatMap { Int($0) } }
        let (y, mo, d): (Int?, Int?, Int?) =
            if int(1) != nil { (int(1), int(2), int(3)) }
            else if int(4) != nil { (int(4), int(5), int(6)) }
            else if let month = text(8) { (int(7), DateFinder.monthNames[String(month.prefix(3)).lowercased()], int(9)) }
            else if let day = int(10), day > 12 { (int(12), int(11), day) }
            else if int(13) != nil { (int(13), int(14), int(15)) }
            else { (nil, nil, nil) }
        guard let y, let mo, let d, let date = PublicationDate(year: y, month: mo, day: d), y >= 1995 else { return nil }
        return Timestamp(date: date)
    }

    private static let archivedCopy = try! NSRegularExpression(pattern: #"^(?:[a-z]+:)?(?://[^/]+)?/web/[0-9]{4,14}[a-z_]*/"#)

    private static let pathDatePattern = try! NSRegularExpression(
        pattern: #"/((?:19|20)[0-9]{2})[/-]([01]?[0-9])[/-]([0-3]?[0-9])(?:[/-]|$)|/((?:19|20)[0-9]{2})([01][0-9])([0-3][0-9])[0-2][0-9][0-5][0-9][0-5][0-9]"#
            + #"|/((?:19|20)[0-9]{2})/((?i:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*)/([0-3]?[0-9])/"#
            + #"|/([0-3]?[0-9])-([01]?[0-9])-((?:19|20)[0-9]{2})(?:[/-]|$)"#
            + #"|/((?:19|20)[0-9]{2})([01][0-9])([0-3][0-9])(?:/|$)"#)

    // MARK: Choosing

    private mutating func note(_ stamp: Timestamp) {
        if pageOffset == nil, let offset = stamp.offset, offset != 0 { pageOffset = offset }
    }

    /// A publication date as `text` states it, if it states one.
    private mutating func offerPublished(_ text: String, _ rank: Rank) {
        guard let stamp = Timestamp(text) else { return }
        note(stamp)
        if published == nil || rank.forDates < published!.rank.forDates { published = (stamp, rank) }
    }

    /// A modification date as `text` states it: the first one stands.
    private mutating func offerModified(_ text: String) {
        guard let stamp = Timestamp(text) else { return }
        note(stamp)
        modified = modified ?? stamp
    }

    private func offer(_ slot: inout (text: String, rank: Rank)?, _ value: String, _ rank: Rank) {
        let text = value.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        guard !text.isEmpty, slot == nil || rank < slot!.rank else { return }
        slot = (text, rank)
    }

    private static func scriptDate(_ text: String) -> Timestamp? {
        let ns = text as NSString
        guard let m = scriptDatePattern.firstMatch(in: text, range: NSRange(location: 0, length: ns.length)) else { return nil }
        return Timestamp(ns.substring(with: m.range(at: 1)))
    }

    private static let scriptDatePattern = try! NSRegularExpression(
        pattern: #""(?:datePublished|publishDate|published_at|publishedAt|pub_date|publicationDate)"\s*:\s*"([0-9]{4}-[^"]{5,35})""#)

    private static let jsonDate = try! NSRegularExpression(pattern: #""(datePublished|dateCreated|dateModified)"\s*:\s*"([^"]{8,40})""#)

    static let publishedKeys: Set<String> = [
        "article:published_time", "article:published", "og:published_time", "og:article:published_time", "published_time",
        "publish_date", "publishdate", "publish-date", "pubdate", "datepublished", "date", "dc.date", "dc.date.issued",
        "dc.date.created", "dcterms.date", "dcterms.issued", "dcterms.created", "citation_publication_date", "citation_date",
        "parsely-pub-date", "sailthru.date", "article.published", "originalpublicationdate", "article_date_original",
        "date_published", "created", "og:pubdate", "rnews:datepublished", "bt:pubdate", "cxenseparse:recs:publishtime",
        "publication_date", "sw-pubdate", "schema:datepublished", "schema:datecreated", "article:published_date",
    ]
    static let modifiedKeys: Set<String> = [
        "article:modified_time", "og:updated_time", "article:modified", "dc.date.modified", "dcterms.modified", "lastmod",
        "last-modified", "datemodified", "modified", "revised",
    ]
}
