/// Entity-level precision, recall and F1 with conlleval's exact-span semantics: an entity
/// counts as found only when its type and both its ends are right.
public struct EntityScores: Sendable {
    public struct Counts: Sendable {
        public var correct = 0, predicted = 0, gold = 0

        public init() {}
        public var precision: Double { predicted == 0 ? 0 : Double(correct) / Double(predicted) }
        public var recall: Double { gold == 0 ? 0 : Double(correct) / Double(gold) }
        public var f1: Double { precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall) }
    }

    public private(set) var byType: [EntityType: Counts] = [:]
    public private(set) var overall = Counts()
    public private(set) var tokens = 0

    public init() {}

    public mutating func add(gold: [EntityTag], predicted: [EntityTag]) {
        tokens += gold.count
        let g = Set(Self.spans(gold)), p = Set(Self.spans(predicted))
        for span in g { byType[span.type, default: Counts()].gold += 1 }
        for span in p { byType[span.type, default: Counts()].predicted += 1 }
        for span in g.intersection(p) { byType[span.type, default: Counts()].correct += 1 }
        overall.gold += g.count
        overall.predicted += p.count
        overall.correct += g.intersection(p).count
    }

    public struct Span: Hashable, Sendable {
        public let start: Int, end: Int
        public let type: EntityType
    }

    /// Entities in a tag sequence: one starts at a B tag or at an I tag that does not
    /// continue an entity of its type, and runs while I tags of its type follow.
    public static func spans(_ tags: [EntityTag]) -> [Span] {
        var out: [Span] = []
        var i = 0
        while i < tags.count {
            guard let type = tags[i].type else { i += 1; continue }
            var end = i + 1
            while end < tags.count, tags[end].type == type, !tags[end].begins { end += 1 }
            out.append(Span(start: i, end: end, type: type))
            i = end
        }
        return out
    }
}
