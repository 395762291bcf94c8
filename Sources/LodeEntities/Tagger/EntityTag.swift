/// The entity types the tagger finds.
public enum EntityType: String, CaseIterable, Sendable {
    case person = "PER", organization = "ORG", location = "LOC", miscellaneous = "MISC"
}

/// A token's tag in BIO form: outside, or beginning or inside an entity of a type.
public struct EntityTag: Hashable, Sendable, CustomStringConvertible {
    /// 0 is O; then B and I for each type in ``EntityType`` order.
    public let index: Int

    public static let count = 1 + 2 * EntityType.allCases.count
    public static let outside = EntityTag(index: 0)
    public static let all = (0..<count).map(EntityTag.init(index:))

    init(index: Int) { self.index = index }

    public init(_ type: EntityType, begins: Bool) {
        index = 1 + 2 * EntityType.allCases.firstIndex(of: type)! + (begins ? 0 : 1)
    }

    public var type: EntityType? { index == 0 ? nil : EntityType.allCases[(index - 1) / 2] }
    public var begins: Bool { index != 0 && (index - 1) % 2 == 0 }

    /// `O`, `B-PER`, `I-ORG`, ...
    public var description: String { type.map { (begins ? "B-" : "I-") + $0.rawValue } ?? "O" }

    public init?(_ text: String) {
        if text == "O" { self = .outside; return }
        let parts = text.split(separator: "-", maxSplits: 1)
        guard parts.count == 2, let type = EntityType(rawValue: String(parts[1])), parts[0] == "B" || parts[0] == "I" else { return nil }
        self.init(type, begins: parts[0] == "B")
    }

    /// Whether this tag may follow `previous`: an inside tag continues an entity of its type.
    public func mayFollow(_ previous: EntityTag) -> Bool {
        guard let type, !begins else { return true }
        return previous.type == type
    }
}
