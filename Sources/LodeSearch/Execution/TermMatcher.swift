import CPrefetch

/// The documents of one term's posting list, optionally limited to one field, skipping
/// deleted documents. Steps over postings reading their gaps and lengths only; decodes
/// frequencies when a posting is scored, positions when a phrase asks. Walks the list's
/// parts one after the other.
final class TermMatcher: Matcher {
    let term: String
    private let list: PostingList
    private let parts: [PostingPart]
    private var part = 0
    /// The current part's.
    private var blocks: UnsafePointer<PostingBlock>
    private var blockCount: Int
    private var bytes: UnsafePointer<UInt8>
    private var byteCount: Int
    private let context: ScoringContext
    /// 1 for the fields that count, 0 for the others.
    let fieldMask: FieldVector
    private let fieldBits: UInt8
    let idf: Float
    private let documentFrequency: Int
    private var block = 0
    private var blockEnd: Int
    private var offset = 0
    private var lastDecoded = UInt32.max
    /// Where the current posting's field byte is.
    private var payload = 0
    private var decoded = false
    private var decodedFrequencies = FieldVector()
    private var positionsStart = 0
    private var boundBlock = -1
    private var frequencyBound: Float = 0
    private var bound: Float = 0
    /// The most the term's pseudo-frequency can be anywhere.
    private(set) lazy var maximumPseudoFrequency: Float =
        parts.lazy.flatMap { p in (0..<p.blockCount).lazy.map { self.blockFrequencyBound(p.blocks[$0]) } }.max() ?? 0
    private lazy var maximum: Float = context.ranking.score(idf: idf, pseudoFrequency: maximumPseudoFrequency)

    /// - Parameter documentFrequency: live documents holding the term.
    init(term: String, list: PostingList, documentFrequency: Int, field: SearchField?, context: ScoringContext) {
        self.term = term
        self.list = list
        self.documentFrequency = documentFrequency
        parts = list.tailPart.map { list.parts + [$0] } ?? (list.parts.isEmpty ? [PostingPart.empty] : list.parts)
        bytes = parts[0].bytes
        byteCount = parts[0].byteCount
        blocks = parts[0].blocks
        blockCount = parts[0].blockCount
        blockEnd = blockCount == 0 ? 0 : Int(blocks[0].end)
        lastDecoded = blockCount == 0 ? UInt32.max : blocks[0].previousLast
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

    /// Moves to the start of part `i`.
    private func enter(part i: Int) {
        part = i
        let p = parts[i]
        bytes = p.bytes
        byteCount = p.byteCount
        blocks = p.blocks
        blockCount = p.blockCount
        block = 0
        blockEnd = Int(blocks[0].end)
        offset = 0
        lastDecoded = blocks[0].previousLast
        boundBlock = -1
    }

    /// Steps to the next posting that counts, going on into later parts.
    private func read() {
        while true {
            readInPart()
            guard doc == Matcher.end, part + 1 < parts.count else { return }
            enter(part: part + 1)
        }
    }

    /// Steps to the next posting that counts in the current part: a live document with the
    /// term in a wanted field. Works on local copies of its state: class properties passed
    /// `inout` cost an exclusivity check each.
    private func readInPart() {
        var o = offset
        var last = lastDecoded
        var b = block
        var end = blockEnd
        defer {
            offset = o
            lastDecoded = last
            block = b
            blockEnd = end
        }
        while o < byteCount {
            while o >= end {
                b += 1
                end = Int(blocks[b].end)
                last = blocks[b].previousLast
            }
            let d = last &+ 1 &+ Varint.read(bytes, &o)
            last = d
            let rest = Int(Varint.read(bytes, &o))
            let at = o
            o += rest
            if context.isLive(d), fieldBits == 0xFF || bytes[at] & fieldBits != 0 {
                payload = at
                doc = d
                decoded = false
                return
            }
        }
        doc = Matcher.end
    }

    override func next() {
        guard doc != Matcher.end else { return }
        read()
        if doc != Matcher.end {
            // Stepping from match to match, each is likely scored: its field lengths, and the
            // next posting's, are asked for from memory while the caller gets to it.
            lode_prefetch(context.lengths + Int(doc))
            if offset < blockEnd {
                var o = offset
                lode_prefetch(context.lengths + Int(doc &+ 1 &+ Varint.read(bytes, &o)))
            }
        }
    }

    override func advance(to target: UInt32) {
        guard doc < target else { return }
        if target > blocks[blockCount - 1].lastDocument {
            guard let later = parts[(part + 1)...].firstIndex(where: { $0.blocks[$0.blockCount - 1].lastDocument >= target }) else {
                doc = Matcher.end
                return
            }
            enter(part: later)
        }
        if target > blocks[block].lastDocument {
            // Gallop from the current block, then bisect: targets are usually close.
            var step = 1
            var lo = block + 1
            while lo + step < blockCount, blocks[lo + step].lastDocument < target {
                lo += step
                step *= 2
            }
            var hi = min(blockCount, lo + step + 1)
            while lo < hi {
                let mid = (lo + hi) / 2
                if blocks[mid].lastDocument < target { lo = mid + 1 } else { hi = mid }
            }
            guard lo < blockCount else {
                doc = Matcher.end
                return
            }
            block = lo
            blockEnd = Int(blocks[lo].end)
            offset = Int(blocks[lo].start)
            lastDecoded = blocks[lo].previousLast
        }
        skipInBlock(below: target)
        repeat { read() } while doc < target
        if doc != Matcher.end { lode_prefetch(context.lengths + Int(doc)) }
    }

    /// Steps over the current block's postings of documents below `target`, reading their
    /// gaps and lengths alone: none of them is a match.
    private func skipInBlock(below target: UInt32) {
        var o = offset
        var last = lastDecoded
        let end = blockEnd
        while o < end {
            var next = o
            let d = last &+ 1 &+ Varint.read(bytes, &next)
            guard d < target else { break }
            let rest = Int(Varint.read(bytes, &next))
            o = next + rest
            last = d
        }
        offset = o
        lastDecoded = last
    }

    /// The current posting's frequency in each field.
    var frequencies: FieldVector {
        if !decoded {
            (decodedFrequencies, positionsStart) = PostingPart.frequencies(bytes, at: payload)
            decoded = true
        }
        return decodedFrequencies
    }

    /// The term's pseudo-frequency in the current document.
    var pseudoFrequency: Float {
        (frequencies * fieldMask * context.factors(context.lengths[Int(doc)])).sum()
    }

    override func score() -> Float { context.ranking.score(idf: idf, pseudoFrequency: pseudoFrequency) }

    /// The most the term's pseudo-frequency can be in a document of block `b`.
    private func blockFrequencyBound(_ b: PostingBlock) -> Float {
        var t = (b.maxFrequencies * fieldMask * context.factors(b.minLengths)).sum()
        if fieldBits == 0xFF {
            // Grown in proportion to the averages at most; a hair more for rounding.
            let growth = max(1, (context.averages / b.minAverages).max())
            t = min(t, b.maxPseudoFrequency * growth * 1.0001)
        }
        return t
    }

    /// The most the term's pseudo-frequency can be up to `regionEnd` (a phrase's is no more
    /// than any of its words').
    var pseudoFrequencyBound: Float {
        settleBounds()
        return frequencyBound
    }

    override func boundHere() -> Float {
        settleBounds()
        return bound
    }

    /// The current block's bounds, worked out once a block: WAND asks for them at every step.
    private func settleBounds() {
        guard boundBlock != block else { return }
        boundBlock = block
        frequencyBound = blockFrequencyBound(blocks[block])
        bound = context.ranking.score(idf: idf, pseudoFrequency: frequencyBound)
    }

    override var regionEnd: UInt32 { blocks[block].lastDocument }
    override var exactCount: Int? { fieldBits == 0xFF ? documentFrequency : nil }
    override var maxScore: Float { maximum }
    override var cost: Int { list.count }

    /// Replaces `out` with the current document's positions in the field at `slot`, ascending.
    func positions(slot: Int, into out: inout [UInt32]) {
        out.removeAll(keepingCapacity: true)
        let counts = frequencies
        guard counts[slot] > 0 else { return }
        var o = positionsStart
        for f in 0...slot where counts[f] > 0 {
            var p: UInt32 = 0
            for _ in 0..<Int(counts[f]) {
                p += Varint.read(bytes, &o)
                if f == slot { out.append(p) }
            }
        }
    }

    override func explain() -> [Explanation] {
        let names = SearchField.allCases.sorted { $0.slot < $1.slot }
        var parts = [Explanation("idf, in \(documentFrequency) of \(context.documents) documents", Double(idf), depth: 1)]
        let counts = frequencies
        for field in names where counts[field.slot] * fieldMask[field.slot] > 0 {
            parts.append(Explanation("\(field.rawValue): \(Int(counts[field.slot])) times in \(Int(context.lengths[Int(doc)][field.slot])) words (weight \(context.ranking.weights[field.slot]))",
                                     Double(counts[field.slot]), depth: 1))
        }
        parts.append(Explanation("weighted frequency tf~", Double(pseudoFrequency), depth: 1))
        return [Explanation("term \(term)", Double(score()), depth: 0)] + parts
    }
}
