/// The documents of one term's posting list, optionally limited to one field, skipping
/// deleted documents. Decodes frequencies as it goes and positions only when asked.
final class TermMatcher: Matcher {
    let term: String
    private let list: PostingList
    private let bytes: UnsafePointer<UInt8>
    private let byteCount: Int
    private let context: ScoringContext
    /// 1 for the fields that count, 0 for the others.
    let fieldMask: FieldVector
    private let fieldBits: UInt8
    let idf: Float
    private let documentFrequency: Int
    private var block = 0
    private var offset = 0
    private var lastDecoded = UInt32.max
    private(set) var frequencies = FieldVector()
    private var presentFields: UInt8 = 0
    private var positionsStart = 0
    private var boundBlock = -1
    private var bound: Float = 0
    private lazy var maximum: Float = list.blocks.indices.map(blockBound).max() ?? 0

    /// - Parameter documentFrequency: live documents holding the term.
    init(term: String, list: PostingList, documentFrequency: Int, field: SearchField?, context: ScoringContext) {
        self.term = term
        self.list = list
        self.documentFrequency = documentFrequency
        bytes = UnsafePointer(list.bytes)
        byteCount = list.byteCount
        self.context = context
        if let field {
            var mask = FieldVector()
            mask[field.slot] = 1
            fieldMask = mask
            fieldBits = 1 << UInt8(field.slot)
        } else {
            fieldMask = FieldVector(repeating: 1)
            fieldBits = 0xFF
        }
        idf = context.ranking.idf(documentFrequency: documentFrequency, documents: max(context.documents, documentFrequency))
        super.init()
        read()
    }

    /// Decodes postings until one counts: a live document with the term in a wanted field.
    private func read() {
        while offset < byteCount {
            while offset >= Int(list.blocks[block].end) { block += 1 }
            let d = lastDecoded &+ 1 &+ Varint.read(bytes, &offset)
            lastDecoded = d
            presentFields = bytes[offset]
            offset += 1
            frequencies = FieldVector()
            var f = 0
            var bits = presentFields
            while bits != 0 {
                if bits & 1 != 0 { frequencies[f] = Float(Varint.read(bytes, &offset)) }
                bits >>= 1
                f += 1
            }
            let length = Int(Varint.read(bytes, &offset))
            positionsStart = offset
            offset += length
            if presentFields & fieldBits != 0, context.live[d] {
                doc = d
                return
            }
        }
        doc = Matcher.end
    }

    override func next() {
        guard doc != Matcher.end else { return }
        read()
    }

    override func advance(to target: UInt32) {
        guard doc < target else { return }
        let blocks = list.blocks
        if target > blocks[block].lastDocument {
            var lo = block + 1, hi = blocks.count
            while lo < hi {
                let mid = (lo + hi) / 2
                if blocks[mid].lastDocument < target { lo = mid + 1 } else { hi = mid }
            }
            guard lo < blocks.count else {
                doc = Matcher.end
                return
            }
            block = lo
            offset = Int(blocks[lo].start)
            lastDecoded = blocks[lo].previousLast
        }
        repeat { read() } while doc < target
    }

    /// The term's pseudo-frequency in the current document.
    var pseudoFrequency: Float {
        let factors = context.ranking.factors(lengths: context.lengths[Int(doc)], averages: context.averages)
        return (frequencies * fieldMask * factors).sum()
    }

    override func score() -> Float { context.ranking.score(idf: idf, pseudoFrequency: pseudoFrequency) }

    private func blockBound(_ i: Int) -> Float {
        let b = list.blocks[i]
        let factors = context.ranking.factors(lengths: b.minLengths, averages: context.averages)
        return context.ranking.score(idf: idf, pseudoFrequency: (b.maxFrequencies * fieldMask * factors).sum())
    }

    override func boundHere() -> Float {
        if boundBlock != block {
            boundBlock = block
            bound = blockBound(block)
        }
        return bound
    }

    override var maxScore: Float { maximum }
    override var cost: Int { list.count }

    /// The current document's positions in the field at `slot`, ascending.
    func positions(slot: Int) -> [UInt32] {
        guard presentFields & (1 << UInt8(slot)) != 0 else { return [] }
        var o = positionsStart
        var result: [UInt32] = []
        for f in 0..<FieldVector.scalarCount where presentFields & (1 << UInt8(f)) != 0 {
            var p: UInt32 = 0
            for _ in 0..<Int(frequencies[f]) {
                p += Varint.read(bytes, &o)
                if f == slot { result.append(p) }
            }
            if f == slot { break }
        }
        return result
    }

    override func explain() -> [Explanation] {
        let names = SearchField.allCases.sorted { $0.slot < $1.slot }
        var parts = [Explanation("idf, in \(documentFrequency) of \(context.documents) documents", Double(idf), depth: 1)]
        for field in names where frequencies[field.slot] * fieldMask[field.slot] > 0 {
            parts.append(Explanation("\(field.rawValue): \(Int(frequencies[field.slot])) times in \(Int(context.lengths[Int(doc)][field.slot])) words (weight \(context.ranking.weights[field.slot]))",
                                     Double(frequencies[field.slot]), depth: 1))
        }
        parts.append(Explanation("weighted frequency tf~", Double(pseudoFrequency), depth: 1))
        return [Explanation("term \(term)", Double(score()), depth: 0)] + parts
    }
}
