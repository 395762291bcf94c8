import CLibXML2
import Foundation

/// An HTML page read with libxml2's forgiving HTML parser: its visible text, one block per
/// line (scripts, styles, navigation, headers and footers left out), and the metadata its
/// head declares (`<title>`, `og:` and `article:` meta, `<time datetime>`).
public struct HTMLPage {
    public let text: String
    public let hints: PageHints

    private static let skipped: Set<String> = ["script", "style", "noscript", "template", "svg", "iframe", "nav", "footer",
                                               "aside", "form", "button", "select", "head"]
    private static let blocks: Set<String> = ["p", "div", "br", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "tr",
                                              "table", "section", "article", "header", "main", "figure", "figcaption",
                                              "blockquote", "pre", "dd", "dt", "hr", "title"]

    /// Parses `bytes` as HTML (UTF-8 unless the page says otherwise).
    public init(_ bytes: [UInt8]) {
        let options = Int32(HTML_PARSE_RECOVER.rawValue | HTML_PARSE_NOERROR.rawValue | HTML_PARSE_NOWARNING.rawValue
                            | HTML_PARSE_NONET.rawValue | HTML_PARSE_NOBLANKS.rawValue)
        let document = bytes.isEmpty ? nil : bytes.withUnsafeBufferPointer { buffer in
            buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: buffer.count) {
                htmlReadMemory($0, Int32(buffer.count), nil, nil, options)
            }
        }
        guard let document, let root = xmlDocGetRootElement(document) else {
            if let document { xmlFreeDoc(document) }
            text = ""
            hints = PageHints()
            return
        }
        defer { xmlFreeDoc(document) }
        var hints = PageHints()
        var title: String?
        Self.readHead(root, into: &hints, title: &title)
        var lines: [String] = []
        var current = ""
        Self.collectText(root, lines: &lines, current: &current)
        if !current.isEmpty { lines.append(current) }
        hints.headline = hints.headline ?? title.map(Self.trimSiteName)
        self.text = lines.joined(separator: "\n")
        self.hints = hints
    }

    /// "Headline - Site" or "Headline | Site": the headline part.
    static func trimSiteName(_ title: String) -> String {
        for separator in [" | ", " - ", " – ", " — "] {
            if let r = title.range(of: separator, options: .backwards) {
                let head = String(title[..<r.lowerBound]).trimmingCharacters(in: .whitespaces)
                if head.split(separator: " ").count >= 3 { return head }
            }
        }
        return title
    }

    private static func name(_ node: xmlNodePtr) -> String {
        node.pointee.name.map { String(cString: $0).lowercased() } ?? ""
    }

    private static func attribute(_ node: xmlNodePtr, _ key: String) -> String? {
        guard let value = xmlGetProp(node, key) else { return nil }
        defer { lode_xml_free(value) }
        return String(cString: value)
    }

    private static func readHead(_ node: xmlNodePtr, into hints: inout PageHints, title: inout String?) {
        var child = node.pointee.children
        while let n = child {
            if n.pointee.type == XML_ELEMENT_NODE {
                switch name(n) {
                case "title" where title == nil:
                    if let content = xmlNodeGetContent(n) {
                        title = String(cString: content).trimmingCharacters(in: .whitespacesAndNewlines)
                        lode_xml_free(content)
                    }
                case "meta":
                    let key = (attribute(n, "property") ?? attribute(n, "name") ?? "").lowercased()
                    if let content = attribute(n, "content")?.trimmingCharacters(in: .whitespaces), !content.isEmpty {
                        switch key {
                        case "og:title", "twitter:title": hints.headline = hints.headline ?? content
                        case "og:site_name", "application-name": hints.publisher = hints.publisher ?? content
                        case "article:published_time", "pubdate", "publishdate", "date", "dc.date", "article:published":
                            hints.date = hints.date ?? DateFinder.firstDate(in: content)?.date
                        case "author", "article:author": hints.author = hints.author ?? content
                        default: break
                        }
                    }
                case "time":
                    if hints.date == nil, let stamp = attribute(n, "datetime") { hints.date = DateFinder.firstDate(in: stamp)?.date }
                default: break
                }
                readHead(n, into: &hints, title: &title)
            }
            child = n.pointee.next
        }
    }

    private static func collectText(_ node: xmlNodePtr, lines: inout [String], current: inout String) {
        var child = node.pointee.children
        while let n = child {
            switch n.pointee.type {
            case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
                if let content = n.pointee.content {
                    let piece = String(cString: content)
                    if !piece.allSatisfy(\.isWhitespace) {
                        if !current.isEmpty, current.last != " ", piece.first?.isWhitespace == true || current.last?.isLetter == true && piece.first?.isLetter == true {
                            current += " "
                        }
                        current += piece.split(whereSeparator: \.isWhitespace).joined(separator: " ")
                        if piece.last?.isWhitespace == true { current += " " }
                    }
                }
            case XML_ELEMENT_NODE:
                let tag = name(n)
                guard !skipped.contains(tag) else { break }
                let block = blocks.contains(tag)
                if block { flush(&lines, &current) }
                collectText(n, lines: &lines, current: &current)
                if block { flush(&lines, &current) }
            default:
                break
            }
            child = n.pointee.next
        }
    }

    private static func flush(_ lines: inout [String], _ current: inout String) {
        let line = current.trimmingCharacters(in: .whitespaces)
        if !line.isEmpty { lines.append(line) }
        current = ""
    }
}
