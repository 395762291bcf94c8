import CLibXML2

extension UnsafeMutablePointer where Pointee == xmlNode {
    /// The element's name, lower-cased.
    var tag: String { pointee.name.map { String(cString: $0).lowercased() } ?? "" }

    /// An attribute's value.
    subscript(_ key: String) -> String? {
        guard let value = xmlGetProp(self, key) else { return nil }
        defer { lode_xml_free(value) }
        return String(cString: value)
    }

    /// All text below this node, white space as in the source.
    var textContent: String {
        guard let content = xmlNodeGetContent(self) else { return "" }
        defer { lode_xml_free(content) }
        return String(cString: content)
    }

    var parent: xmlNodePtr? { pointee.parent.flatMap { $0.pointee.type == XML_ELEMENT_NODE ? $0 : nil } }

    /// Whether an element below this one, at any depth, has one of `tags`.
    func holds(anyOf tags: Set<String>) -> Bool {
        var child = pointee.children
        while let c = child {
            if c.pointee.type == XML_ELEMENT_NODE, tags.contains(c.tag) || c.holds(anyOf: tags) { return true }
            child = c.pointee.next
        }
        return false
    }
}
