import CLibXML2

/// A page's visible text cut into blocks (the inline text one block element holds), with
/// the elements around each block and what main-text selection weighs: length, link text,
/// and whether a block sits in site furniture (navigation, sidebars, comments, share and
/// newsletter widgets, related-article lists), told by tag and by class, id and role.
struct HTMLBlocks {
    enum Kind: Equatable {
        case text, heading(level: Int), listItem, cell, caption, quote, preformatted
    }

    struct Block {
        var text: String
        /// Characters of the text, counted once: selection weighs them many times.
        var characters: Int
        /// Characters of the text inside links.
        var linkCharacters: Int
        /// The block element holding the text, an index into `elements`.
        var element: Int
        var kind: Kind

        var linkDensity: Double { characters == 0 ? 0 : Double(linkCharacters) / Double(characters) }
    }

    struct Element {
        var tag: String
        var parent: Int?
        /// Furniture by its tag (`nav`, `aside`, `footer`, `form`) or class, id or role.
        var furnitureHint: Bool
        /// A widget by its class (comments, sharing, related links): furniture unless it holds
        /// nearly all the page's prose.
        var widgetHint: Bool
        /// Marked as the article by its tag (`article`, `main`) or class, id or itemprop.
        var articleHint: Bool
        /// A widget by its class alone, and not one where readers write (comments): such a
        /// class on an element holding the article's paragraphs names a part of it (a share
        /// bar's container, `documentContent__sharingContainer`), not a widget around it.
        var quietWidgetHint = false

        /// Furniture by a tag that only ever holds it (`nav`, `aside`, `footer`, `menu`).
        var furnitureTag: Bool { HTMLBlocks.furnitureTags.contains(tag) }
    }

    /// A date an element classed as one states (`class="date"`, `post-meta`, `<abbr class="published">`),
    /// a `<time>` states, or a small element says and no more.
    struct DateMark {
        var stamp: Timestamp
        /// The block element it stands in.
        var element: Int
        /// How many blocks come before it.
        var position: Int
        /// Found by its text alone (a bare date), not by a class or id saying "date".
        var bare = false
    }

    private(set) var blocks: [Block] = []
    private(set) var elements: [Element] = []
    private(set) var dates: [DateMark] = []

    private static let skipped: Set<String> = ["script", "style", "template", "svg", "iframe", "button", "select",
                                               "head", "input", "textarea", "option", "label", "rt", "rp", "map", "canvas", "video", "audio",
                                               "object", "embed", "dialog"]
    /// Form controls: skipped with what they hold, unless a markup slip (an unclosed
    /// `<button>`) has them holding the page itself.
    private static let controls: Set<String> = ["button", "label", "select", "option", "dialog"]
    /// The page's own structure: what a control that holds it must be read for.
    private static let pageTags: Set<String> = ["main", "article", "section", "p", "h1", "h2"]
    private static let blockTags: Set<String> = ["p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "tr", "td", "th",
                                                 "table", "section", "article", "header", "footer", "main", "figure", "figcaption",
                                                 "blockquote", "pre", "dd", "dt", "dl", "hr", "title", "nav", "aside", "form",
                                                 "caption", "address", "details", "summary", "center", "body", "fieldset", "legend", "noscript"]
    private static let furnitureTags: Set<String> = ["nav", "aside", "footer", "menu"]
    /// Tags of the frame that broken pages sometimes leave open around everything (`<noscript>`, `<form>`).
    private static let frameTags: Set<String> = ["form", "noscript"]

    /// Class, id and role words that mark furniture even on an element that also looks like
    /// the article ("comment-content"): a word matches a class word it begins ("comments",
    /// "sharedaddy"), a phrase with a hyphen matches anywhere.
    private static let widgetWords = [
        "comment", "related", "share", "sharing", "social", "newsletter", "subscri", "signup", "recommend", "trending",
        "popular", "mostread", "most-read", "more-stories", "morestories", "also-read", "further-reading", "cookie", "consent",
        "gdpr", "outbrain", "taboola", "disqus", "promo", "advert", "sponsor", "author-box", "authorbox", "about-author",
        "rating", "login", "paywall", "buybox", "read-also", "nextstory", "next-post", "sabox", "author-bio", "authorbio", "author-info", "author-description", "about-the-author", "breadcrumb", "pagination", "pager", "tagcloud", "tag-cloud", "post-tags", "entry-tags",
        "article-tags", "skip-link", "jump-to", "print-only", "teaser-list", "latest-news", "popup", "modal",
    ]
    /// Words that mark the page's frame: furniture unless the element also looks like the article.
    private static let frameWords = [
        "sidebar", "widget", "footer", "masthead", "navigation", "navbar", "banner", "toolbar", "site-header", "topbar",
    ]
    /// Frame words that must be a whole class word ("nav", not "canvas").
    private static let frameTokens: Set<String> = ["nav", "menu", "ad", "ads", "tags", "keywords", "cta"]
    /// Class words that begin like furniture but are not ("commentary" is an opinion piece).
    private static let notFurniture: Set<String> = ["commentary", "commentaries", "shared", "promoted"]
    private static let articleWords = ["article", "content", "entry", "post-body", "postbody", "story", "text", "main", "hentry",
                                       "body", "blog-post", "post"]

    /// The blocks of the tree below `root`, elements hidden by `hidden` or `display:none` left out.
    init(_ root: xmlNodePtr) {
        var current = ""
        var links = 0
        walk(root, parent: nil, owner: -1, kind: .text, inLink: false, current: &current, links: &links)
        flush(&current, &links, owner: -1, kind: .text)
    }

    private mutating func walk(_ node: xmlNodePtr, parent: Int?, owner: Int, kind: Kind, inLink: Bool,
                               current: inout String, links: inout Int) {
        var child = node.pointee.children
        while let n = child {
            defer { child = n.pointee.next }
            switch n.pointee.type {
            case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
                guard let content = n.pointee.content else { continue }
                let piece = String(cString: content)
                guard piece.contains(where: { !$0.isWhitespace }) else {
                    if !current.isEmpty, current.last != " " { current += " " }
                    continue
                }
                if !current.isEmpty, current.last != " ", piece.first?.isWhitespace == true {
                    current += " "
                }
                let words = piece.split(whereSeparator: \.isWhitespace).joined(separator: " ")
                current += words
                if inLink { links += words.count }
                if piece.last?.isWhitespace == true { current += " " }
            case XML_ELEMENT_NODE:
                let tag = n.tag
                if Self.skipped.contains(tag), !(Self.controls.contains(tag) && n.holds(anyOf: Self.pageTags)) { continue }
                if Self.isHidden(n) { continue }
                if tag == "br" {
                    flush(&current, &links, owner: owner, kind: kind)
                    continue
                }
                if tag == "img" {
                    continue
                }
                guard Self.blockTags.contains(tag) else {
                    markDate(n, element: owner)
                    walk(n, parent: parent, owner: owner, kind: kind, inLink: inLink || tag == "a", current: &current, links: &links)
                    continue
                }
                flush(&current, &links, owner: owner, kind: kind)
                let index = elements.count
                let hints = Self.hints(n, tag: tag)
                elements.append(Element(tag: tag, parent: parent, furnitureHint: hints.furniture, widgetHint: hints.widget,
                                        articleHint: hints.article, quietWidgetHint: hints.quietWidget))
                markDate(n, element: index)
                let inner = kind == .caption || Self.isCaption(n) ? .caption : Self.kind(tag) ?? kind
                walk(n, parent: index, owner: index, kind: inner, inLink: inLink, current: &current, links: &links)
                flush(&current, &links, owner: index, kind: inner)
            default:
                break
            }
        }
    }

    private mutating func markDate(_ n: xmlNodePtr, element: Int) {
        guard element >= 0 else { return }
        if Self.isDateClassed(n) || n.tag == "time", let stamp = Self.statedDate(n) {
            dates.append(DateMark(stamp: stamp, element: element, position: blocks.count))
        } else if let stamp = Self.bareDate(n) {
            dates.append(DateMark(stamp: stamp, element: element, position: blocks.count, bare: true))
        }
    }

    /// A date that is all a small element says (`<small>31.01.2022</small>`,
    /// `<h3>21.01.2022</h3>`), give or take a time of day or a two-word label.
    private static func bareDate(_ n: xmlNodePtr) -> Timestamp? {
        var children = 0
        var child = n.pointee.children
        while let c = child, children <= 3 {
            children += 1
            child = c.pointee.next
        }
        guard children <= 3 else { return nil }
        let text = n.textContent.trimmingCharacters(in: .whitespacesAndNewlines)
        guard text.count <= 40, let found = DateFinder.firstDate(in: text) else { return nil }
        let rest = text[..<found.range.lowerBound] + " " + text[found.range.upperBound...]
        guard rest.split(whereSeparator: { !$0.isLetter }).count <= 2 else { return nil }
        return Timestamp(date: found.date)
    }

    /// An element whose class or id says it holds a date: "date", "time", "published", "posted", "post-meta".
    private static func isDateClassed(_ n: xmlNodePtr) -> Bool {
        ClassName([n["class"], n["id"]].compactMap { $0?.lowercased() }.joined(separator: " ")).matches(dateClassBytes)
    }

    private static let dateClassWords = ["date", "time", "publish", "posted", "updated", "datum", "fecha", "meta", "byline"]

    /// The date an element states in its `datetime`, `title` or `content`, or in its text when short.
    private static func statedDate(_ n: xmlNodePtr) -> Timestamp? {
        for key in ["datetime", "content", "title"] {
            if let value = n[key], let stamp = Timestamp(value) { return stamp }
        }
        let text = n.textContent
        guard text.count <= 160 else { return nil }
        return Timestamp(text)
    }

    private mutating func flush(_ current: inout String, _ links: inout Int, owner: Int, kind: Kind) {
        let text = current.trimmingCharacters(in: .whitespaces)
        if !text.isEmpty, owner >= 0 {
            let characters = text.count
            blocks.append(Block(text: text, characters: characters, linkCharacters: min(links, characters), element: owner, kind: kind))
        }
        current = ""
        links = 0
    }

    private static func kind(_ tag: String) -> Kind? {
        switch tag {
        case "h1", "h2", "h3", "h4", "h5", "h6": .heading(level: Int(String(tag.last!))!)
        case "li", "dd", "dt": .listItem
        case "td", "th": .cell
        case "figcaption", "caption": .caption
        case "blockquote": .quote
        case "pre": .preformatted
        case "p": .text
        default: nil
        }
    }

    /// A class name as bytes, cut into its words ("post-meta" → post, meta).
    private struct ClassName {
        let bytes: [UInt8]
        let tokens: [ArraySlice<UInt8>]

        init(_ name: some StringProtocol) {
            bytes = Array(name.utf8)
            tokens = bytes.split { !HTMLBlocks.isWordByte($0) }.filter { !HTMLBlocks.notFurnitureBytes.contains(Array($0)) }
        }

        /// Whether a word of `list` begins one of the name's words, or (a phrase with a hyphen) occurs in it.
        func matches(_ list: [(bytes: [UInt8], phrase: Bool)]) -> Bool {
            list.contains { word in
                word.phrase ? Self.find(word.bytes, in: bytes[...]) : tokens.contains { $0.count >= word.bytes.count && $0.prefix(word.bytes.count).elementsEqual(word.bytes) }
            }
        }

        func contains(_ phrases: [[UInt8]]) -> Bool { phrases.contains { Self.find($0, in: bytes[...]) } }

        static func find(_ needle: [UInt8], in hay: ArraySlice<UInt8>) -> Bool {
            guard !needle.isEmpty, needle.count <= hay.count else { return needle.isEmpty }
            var i = hay.startIndex
            while i + needle.count <= hay.endIndex {
                if hay[i] == needle[0], hay[i..<(i + needle.count)].elementsEqual(needle) { return true }
                i += 1
            }
            return false
        }
    }

    private static func bytes(_ words: [String]) -> [(bytes: [UInt8], phrase: Bool)] { words.map { (Array($0.utf8), $0.utf8.contains(0x2D)) } }
    private static let widgetBytes = bytes(widgetWords)
    private static let frameBytes = bytes(frameWords)
    private static let articleBytes = bytes(articleWords)
    private static let articlePhrases = ["articlebody", "article-body", "entry-content"].map { Array($0.utf8) }
    private static let frameTokenBytes = Set(frameTokens.map { Array($0.utf8) })
    private static let notFurnitureBytes = Set(notFurniture.map { Array($0.utf8) })
    private static let dateClassBytes = bytes(dateClassWords)
    private static let captionBytes = bytes(["caption", "credit"])
    /// Widgets where readers write, whose paragraphs are theirs.
    private static let talkBytes = bytes(["comment", "disqus", "reply", "respond", "discussion", "forum"])

    /// A letter or digit of a class name (bytes of non-ASCII letters count as letters).
    private static func isWordByte(_ b: UInt8) -> Bool {
        (b >= 0x61 && b <= 0x7A) || (b >= 0x30 && b <= 0x39) || b >= 0x80
    }

    /// A caption or photo credit by its class ("wp-caption-text", "image-credit").
    private static func isCaption(_ n: xmlNodePtr) -> Bool {
        n["class"].map { ClassName($0.lowercased()).matches(captionBytes) } ?? false
    }

    private static func isHidden(_ n: xmlNodePtr) -> Bool {
        if n["hidden"] != nil { return true }
        guard let style = n["style"]?.lowercased() else { return false }
        let compact = style.filter { !$0.isWhitespace }
        return compact.contains("display:none") || compact.contains("visibility:hidden")
    }

    private static func hints(_ n: xmlNodePtr, tag: String) -> (furniture: Bool, widget: Bool, article: Bool, quietWidget: Bool) {
        // The article's own tags are not furniture whatever their classes say.
        if tag == "article" || tag == "main" || n["itemprop"]?.lowercased() == "articlebody" { return (false, false, true, false) }
        // Each class name (and the id) on its own: "comment-content" is a comment's content, but
        // in "entry share" the element is the entry, carrying a share bar's class as well.
        let names = [n["class"], n["id"], n["role"]].compactMap { $0?.lowercased() }.flatMap { $0.split(separator: " ") }
        guard !names.isEmpty || furnitureTags.contains(tag) || frameTags.contains(tag) || tag == "header" else { return (false, false, false, false) }
        // Byte-wise: this runs for every element of every page.
        let classes = names.map(ClassName.init)
        func isArticle(_ c: ClassName) -> Bool { c.matches(articleBytes) || c.contains(articlePhrases) }
        let article = classes.contains(where: isArticle)
        // A widget's class on the element that holds the page's headline names a part of its
        // intro (a breadcrumb or share bar beside the title), not a widget around it.
        let widget = classes.contains { $0.matches(widgetBytes) } && !classes.contains { isArticle($0) && !$0.matches(widgetBytes) }
            && !n.holds(anyOf: ["h1"])
        let framed = classes.contains { $0.matches(frameBytes) || $0.tokens.contains { frameTokenBytes.contains(Array($0)) } }
        // A `<header>` holding the headline is the article's; any other is the site's.
        let frame = furnitureTags.contains(tag) || frameTags.contains(tag) || (tag == "header" && !article && !n.holds(anyOf: ["h1"]))
            || !article && framed
            || ["navigation", "banner", "contentinfo", "complementary", "search", "menu", "menubar"].contains(n["role"]?.lowercased() ?? "")
        let quiet = widget && !frame && !classes.contains { $0.matches(talkBytes) }
        return (widget || frame, widget, article, quiet)
    }
}
