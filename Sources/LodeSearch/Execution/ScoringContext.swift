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
