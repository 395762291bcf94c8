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
        /// Characters of the text inside links.
        var linkCharacters: Int
        /// The block element holding the text, an index into `elements`.
        var element: Int
        var kind: Kind

        var characters: Int { text.count }
        var linkDensity: Double { characters == 0 ? 0 : Double(linkCharacters) / Double(characters) }
    }

    struct Element {
        var tag: String
        var parent: Int?
        /// Furniture by its tag (`nav`, `aside`, `footer`, `form`) or class, id or role.
        var furnitureHint: Bool
        /// Furniture by a tag that only ever holds it (`nav`, `aside`, `footer`, `menu`).
        var furnitureTag: Bool
        /// A widget by its class (comments, sharing, related links): furniture unless it holds
        /// nearly all the page's prose.
        var widgetHint: Bool
        /// Marked as the article by its tag (`article`, `main`) or class, id or itemprop.
        var articleHint: Bool
    }

    /// A date an element classed as one states (`class="date"`, `post-meta`, `<abbr class="published">`).
    struct DateMark {
        var stamp: Timestamp
        /// The block element it stands in.
        var element: Int
        /// How many blocks come before it.
        var position: Int
    }

    private(set) var blocks: [Block] = []
    private(set) var elements: [Element] = []
    private(set) var dates: [DateMark] = []

    private static let skipped: Set<String> = ["script", "style", "template", "svg", "iframe", "button", "select",
                                               "head", "input", "textarea", "option", "label", "map", "canvas", "video", "audio",
                                               "object", "embed", "dialog"]
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
        "rating", "login", "author-bio", "authorbio", "author-info", "author-description", "about-the-author", "breadcrumb", "pagination", "pager", "tagcloud", "tag-cloud", "post-tags", "entry-tags",
        "article-tags", "skip-link", "jump-to", "print-only", "teaser-list", "latest-news", "popup", "modal",
    ]
    /// Words that mark the page's frame: furniture unless the element also looks like the article.
    private static let frameWords = [
        "sidebar", "widget", "footer", "masthead", "navigation", "navbar", "banner", "toolbar", "site-header", "topbar",
    ]
    /// Frame words that must be a whole class word ("nav", not "canvas").
    private static let frameTokens: Set<String> = ["nav", "menu", "ad", "ads", "tags", "keywords"]
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
                if Self.skipped.contains(tag) || Self.isHidden(n) { continue }
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
                elements.append(Element(tag: tag, parent: parent, furnitureHint: hints.furniture,
                                        furnitureTag: Self.furnitureTags.contains(tag), widgetHint: hints.widget, articleHint: hints.article))
                markDate(n, element: index)
                let inner = Self.isCaption(n) ? .caption : Self.kind(tag) ?? kind
                walk(n, parent: index, owner: index, kind: inner, inLink: inLink, current: &current, links: &links)
                flush(&current, &links, owner: index, kind: inner)
            default:
                break
            }
        }
    }

    private mutating func markDate(_ n: xmlNodePtr, element: Int) {
        if element >= 0, Self.isDateClassed(n), let stamp = Self.statedDate(n) {
            dates.append(DateMark(stamp: stamp, element: element, position: blocks.count))
        }
    }

    /// An element whose class or id says it holds a date: "date", "time", "published", "posted", "post-meta".
    private static func isDateClassed(_ n: xmlNodePtr) -> Bool {
        guard let names = [n["class"], n["id"]].compactMap({ $0?.lowercased() }).joined(separator: " ").nonEmpty else { return false }
        return names.split { !$0.isLetter }.contains { word in dateClassWords.contains { word.hasPrefix($0) } }
    }

    private static let dateClassWords = ["date", "time", "publish", "posted", "datum", "fecha", "meta", "byline"]

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
            blocks.append(Block(text: text, linkCharacters: min(links, text.count), element: owner, kind: kind))
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

    private static func holdsHeadline(_ n: xmlNodePtr) -> Bool {
        var child = n.pointee.children
        while let c = child {
            if c.pointee.type == XML_ELEMENT_NODE, c.tag == "h1" || holdsHeadline(c) { return true }
            child = c.pointee.next
        }
        return false
    }

    /// A caption or photo credit by its class ("wp-caption-text", "image-credit").
    private static func isCaption(_ n: xmlNodePtr) -> Bool {
        guard let names = n["class"]?.lowercased() else { return false }
        return names.split { !$0.isLetter && !$0.isNumber }.contains { $0.hasPrefix("caption") || $0.hasPrefix("credit") }
    }

    private static func isHidden(_ n: xmlNodePtr) -> Bool {
        if n["hidden"] != nil { return true }
        guard let style = n["style"]?.lowercased() else { return false }
        let compact = style.filter { !$0.isWhitespace }
        return compact.contains("display:none") || compact.contains("visibility:hidden")
    }

    private static func hints(_ n: xmlNodePtr, tag: String) -> (furniture: Bool, widget: Bool, article: Bool) {
        // The article's own tags are not furniture whatever their classes say.
        if tag == "article" || tag == "main" || n["itemprop"]?.lowercased() == "articlebody" { return (false, false, true) }
        // Each class name (and the id) on its own: "comment-content" is a comment's content, but
        // in "entry share" the element is the entry, carrying a share bar's class as well.
        let names = [n["class"], n["id"], n["role"]].compactMap { $0?.lowercased() }.flatMap { $0.split(separator: " ").map(String.init) }
        func tokens(_ name: String) -> [String] {
            name.split { !$0.isLetter && !$0.isNumber }.map(String.init).filter { !notFurniture.contains($0) }
        }
        func matches(_ name: String, _ list: [String]) -> Bool {
            list.contains { word in word.contains("-") ? name.contains(word) : tokens(name).contains { $0.hasPrefix(word) } }
        }
        func isArticle(_ name: String) -> Bool {
            matches(name, articleWords) || ["articlebody", "article-body", "entry-content"].contains { name.contains($0) }
        }
        let article = names.contains(where: isArticle)
        let widget = names.contains { matches($0, widgetWords) } && !names.contains { isArticle($0) && !matches($0, widgetWords) }
        func matches(_ word: String) -> Bool { names.contains { matches($0, [word]) } }
        let allTokens = names.flatMap(tokens)
        // A `<header>` holding the headline is the article's; any other is the site's.
        let frame = furnitureTags.contains(tag) || frameTags.contains(tag) || (tag == "header" && !article && !holdsHeadline(n))
            || !article && (frameWords.contains(where: matches) || allTokens.contains(where: frameTokens.contains))
            || ["navigation", "banner", "contentinfo", "complementary", "search", "menu", "menubar"].contains(n["role"]?.lowercased() ?? "")
        return (widget || frame, widget, article)
    }
}
