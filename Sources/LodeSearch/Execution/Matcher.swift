/// A stream of matching documents in ascending number order, the building block of query
/// evaluation (document at a time). After creation a matcher stands on its first match;
/// `doc` is `Matcher.end` once it has none left.
class Matcher {
    static let end = UInt32.max
    var doc: UInt32 = 0

    /// Moves to the next match after `doc`.
    func next() { fatalError("abstract") }

    /// Moves to the first match at or after `target`; stays if already there.
    func advance(to target: UInt32) { fatalError("abstract") }

    /// The score of the current match.
    func score() -> Float { 0 }

    /// An upper bound of `score()` for any match from `doc` to `regionEnd`: lets top-k skip
    /// scoring, and whole regions.
    func boundHere() -> Float { 0 }

    /// The last document `boundHere()` holds for.
    var regionEnd: UInt32 { Matcher.end }

    /// The exact number of matches, when known without counting them.
    var exactCount: Int? { nil }

    /// An upper bound of `score()` for every match.
    var maxScore: Float { 0 }

    /// Roughly how many matches to expect: conjunctions lead with the rarest.
    var cost: Int { 0 }

    /// Why the current match scores what it does.
    func explain() -> [Explanation] { [] }
}

/// One line of a score's explanation: what, the value, and its parts one level deeper.
public struct Explanation: Equatable, Sendable {
    public var description: String
    public var value: Double
    public var depth: Int

    public init(_ description: String, _ value: Double, depth: Int) {
        self.description = description
        self.value = value
        self.depth = depth
    }
}

/// What scoring needs from the index, fixed for the duration of a query. Its pointers are
/// valid while the index's read lock is held.
struct ScoringContext {
    let ranking: BM25F
    let averages: FieldVector
    let documents: Int
    let lengths: UnsafePointer<FieldVector>
    let live: UnsafePointer<UInt64>
    /// `1 − b` and `b / average` per field: BM25F's length normalisation as one multiply-add.
    private let oneMinusB: FieldVector
    private let bOverAverage: FieldVector

    init(ranking: BM25F, averages: FieldVector, documents: Int, lengths: UnsafePointer<FieldVector>, live: UnsafePointer<UInt64>) {
        self.ranking = ranking
        self.averages = averages
        self.documents = documents
        self.lengths = lengths
        self.live = live
        oneMinusB = FieldVector(repeating: 1) - ranking.b
        bOverAverage = ranking.b / averages
    }

    /// Per-field factors for field lengths `l`: `tf~ = Σ (tf · factors)`.
    @inline(__always)
    func factors(_ l: FieldVector) -> FieldVector { ranking.weights / (oneMinusB + bOverAverage * l) }

    @inline(__always)
    func isLive(_ d: UInt32) -> Bool { Bitset.contains(live, d) }
}

/// Matches no document.
final class EmptyMatcher: Matcher {
    override init() {
        super.init()
        doc = Matcher.end
    }

    override func next() {}
    override func advance(to target: UInt32) {}
}

/// Every live document passing a test on its metadata: the base of a query that only filters.
final class AllMatcher: Matcher {
    private let count: UInt32
    private let accepts: (UInt32) -> Bool

    init(count: Int, accepts: @escaping (UInt32) -> Bool) {
        self.count = UInt32(count)
        self.accepts = accepts
        super.init()
        doc = 0
        settle()
    }

    private func settle() {
        while doc < count, !accepts(doc) { doc += 1 }
        if doc >= count { doc = Matcher.end }
    }

    override func next() {
        guard doc != Matcher.end else { return }
        doc += 1
        settle()
    }

    override func advance(to target: UInt32) {
        guard doc < target else { return }
        doc = target
        settle()
    }

    override var cost: Int { Int(count) }
}
