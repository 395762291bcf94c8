/// The documents one term occurs in, in document order, compressed: per posting a varint
/// document gap and a varint length of the rest, which is a byte of fields present, a varint
/// frequency per field, and the positions (delta-coded varints, field by field). A cursor
/// stepping over postings reads two varints each; it decodes the rest only for candidates.
///
/// Every `blockSize` postings start a block whose summary (last document, end offset, the
/// highest frequency and shortest field lengths in it) lets a cursor skip whole blocks and
/// bound their best score without decoding them.
///
/// A list is a run of sealed parts, each read in place from a segment file or held in memory
/// until a flush writes it, then the tail that new postings are appended to.
///
/// Unchecked Sendable: changed only under the index's write lock, read under its read lock.
final class PostingList: @unchecked Sendable {
    static let blockSize = 32

    /// Sealed runs of postings, in document order, before the tail.
    private(set) var parts: [PostingPart] = []
    /// Postings appended since the last seal; nil while there are none (most lists of a
    /// loaded index never get one).
    private var tail: PostingTail?
    /// Postings in the parts and the tail.
    private(set) var count = 0
    /// The last document listed, `UInt32.max` before the first.
    private(set) var lastDocument = UInt32.max

    /// The tail as a part, if there is one; readers hold it while the index's lock keeps writers out.
    var tailPart: PostingPart? { tail?.part }

    /// Bytes of postings held, in parts and tail.
    var totalBytes: Int { parts.reduce(tail?.byteCount ?? 0) { $0 + $1.byteCount } }

    /// Adds a part after the others; the tail must be empty.
    func appendPart(_ part: PostingPart) {
        precondition(tail == nil, "a part goes before the tail")
        guard part.count > 0 else { return }
        parts.append(part)
        count += part.count
        lastDocument = part.blocks[part.blockCount - 1].lastDocument
    }

    /// Makes the tail a part of its own, held in memory until a flush writes it; new postings
    /// start a new tail.
    func seal() {
        guard let tail else { return }
        parts.append(tail.part)
        self.tail = nil
    }

    /// The run of parts from segments in `segments`, or none.
    func parts(in segments: Set<Int>) -> ArraySlice<PostingPart> {
        parts.firstRun { segments.contains($0.segment) }.map { parts[$0] } ?? []
    }

    /// Replaces the run of parts from `segments` by `part`, which holds the same postings or
    /// those of the live documents among them (none: nil).
    func replaceParts(in segments: Set<Int>, with part: PostingPart?) {
        guard let run = parts.firstRun(where: { segments.contains($0.segment) }) else { return }
        count += (part?.count ?? 0) - parts[run].reduce(0) { $0 + $1.count }
        parts.replaceSubrange(run, with: part.map { [$0] } ?? [])
    }

    /// The postings of `parts` (a run of one list's, in order) whose documents `isLive` keeps,
    /// as one part in memory, their block summaries made afresh; nil when none is live.
    /// - Parameter scoring: the documents' field lengths and the BM25F factors for them.
    static func live(_ parts: some Collection<PostingPart>, isLive: (UInt32) -> Bool,
                     scoring: (lengths: (UInt32) -> FieldVector, factors: (FieldVector) -> FieldVector, averages: FieldVector)) -> PostingPart? {
        guard let first = parts.first, first.blockCount > 0 else { return nil }
        let tail = PostingTail()
        var previous = first.blocks[0].previousLast
        var positions: [UInt32] = []
        for part in parts {
            part.forEachPosting { d, payload in
                guard isLive(d) else { return }
                let (frequencies, positionsAt) = PostingPart.frequencies(part.bytes, at: payload)
                var at = positionsAt
                positions.removeAll(keepingCapacity: true)
                for field in 0..<FieldVector.scalarCount {
                    var p: UInt32 = 0
                    for _ in 0..<Int(frequencies[field]) {
                        p += Varint.read(part.bytes, &at)
                        positions.append(Position.make(field: field, offset: p))
                    }
                }
                let lengths = scoring.lengths(d)
                tail.append(document: d, after: previous, positions: positions[...], lengths: lengths, factors: scoring.factors(lengths),
                            averages: scoring.averages)
                previous = d
            }
        }
        return tail.count > 0 ? tail.part : nil
    }

    /// Appends a posting; `document` must be above every document already in the list.
    /// - Parameters:
    ///   - positions: ``Position`` values, ascending (so grouped by field).
    ///   - factors: the document's BM25F factors under `averages`, the field length
    ///     averages at the time, for the block's score bound.
    func append(document: UInt32, positions: ArraySlice<UInt32>, lengths: FieldVector, factors: FieldVector, averages: FieldVector) {
        let tail = self.tail ?? PostingTail()
        self.tail = tail
        tail.append(document: document, after: lastDocument, positions: positions, lengths: lengths, factors: factors, averages: averages)
        count += 1
        lastDocument = document
    }
}

/// Postings appended in memory: a list's tail, then, once sealed, the memory of its part.
private final class PostingTail: @unchecked Sendable {
    private(set) var bytes: UnsafeMutablePointer<UInt8>
    private(set) var byteCount = 0
    let blocks = ColumnBuffer<PostingBlock>(capacity: 1)
    private(set) var count = 0
    private var capacity = 16

    init() { bytes = .allocate(capacity: capacity) }

    deinit { bytes.deallocate() }

    var part: PostingPart {
        PostingPart(bytes: UnsafePointer(bytes), byteCount: byteCount, blocks: UnsafePointer(blocks.base), blockCount: blocks.count,
                    count: count, segment: PostingPart.unwritten, owner: self)
    }

    /// Appends a posting of `document`, which comes after `previous` in its list.
    func append(document: UInt32, after previous: UInt32, positions: ArraySlice<UInt32>, lengths: FieldVector, factors: FieldVector,
                averages: FieldVector) {
        if count % PostingList.blockSize == 0 {
            blocks.append(PostingBlock(previousLast: previous, start: UInt32(byteCount)))
        }
        reserve(32 + positions.count * 5)
        writeVarint(document &- previous &- 1)
        var frequencies = FieldVector()
        var positionBytes: UInt32 = 0
        var field = -1
        var last: UInt32 = 0
        for p in positions {
            let f = Position.field(p)
            if f != field {
                field = f
                last = 0
            }
            frequencies[f] += 1
            positionBytes += Varint.size(Position.offset(p) - last)
            last = Position.offset(p)
        }
        var mask: UInt8 = 0
        var rest = 1 + positionBytes
        for f in 0..<FieldVector.scalarCount where frequencies[f] > 0 {
            mask |= 1 << f
            rest += Varint.size(UInt32(frequencies[f]))
        }
        writeVarint(rest)
        bytes[byteCount] = mask
        byteCount += 1
        for f in 0..<FieldVector.scalarCount where frequencies[f] > 0 { writeVarint(UInt32(frequencies[f])) }
        field = -1
        for p in positions {
            let f = Position.field(p)
            if f != field {
                field = f
                last = 0
            }
            writeVarint(Position.offset(p) - last)
            last = Position.offset(p)
        }
        blocks[blocks.count - 1].add(document: document, frequencies: frequencies, lengths: lengths, end: UInt32(byteCount),
                                     pseudoFrequency: (frequencies * factors).sum(), averages: averages)
        count += 1
    }

    private func reserve(_ extra: Int) {
        guard byteCount + extra > capacity else { return }
        let grown = max(capacity * 2, byteCount + extra)
        let fresh = UnsafeMutablePointer<UInt8>.allocate(capacity: grown)
        fresh.update(from: bytes, count: byteCount)
        bytes.deallocate()
        bytes = fresh
        capacity = grown
    }

    @inline(__always)
    private func writeVarint(_ value: UInt32) {
        var v = value
        while v >= 0x80 {
            bytes[byteCount] = UInt8(truncatingIfNeeded: v) | 0x80
            byteCount += 1
            v >>= 7
        }
        bytes[byteCount] = UInt8(v)
        byteCount += 1
    }
}

/// A sealed run of a posting list: its encoded postings and block summaries, read in place
/// from a segment file's mapping or from memory a tail handed over when it was sealed.
/// Block offsets count from `bytes`. A block's first gap counts from its `previousLast`: the
/// list's document before it, or a later one a merge dropped; so runs concatenate as they are.
struct PostingPart: @unchecked Sendable {
    /// The `segment` of a part no segment file holds yet.
    static let unwritten = -1
    /// A part of no postings, for a list that has none.
    static let empty: PostingPart = {
        let none = UnsafeMutablePointer<PostingBlock>.allocate(capacity: 1)
        return PostingPart(bytes: UnsafePointer(UnsafeMutablePointer<UInt8>.allocate(capacity: 1)), byteCount: 0, blocks: UnsafePointer(none),
                           blockCount: 0, count: 0, segment: unwritten, owner: EmptyOwner())
    }()

    let bytes: UnsafePointer<UInt8>
    let byteCount: Int
    let blocks: UnsafePointer<PostingBlock>
    let blockCount: Int
    let count: Int
    /// The number of the segment file the part is read from, or `unwritten`.
    let segment: Int
    /// Keeps the memory alive: a segment's mapping, or a sealed tail's memory.
    let owner: AnyObject

    /// The frequencies per field of the posting whose rest starts at `payload` in `bytes` (its
    /// field byte), and where its positions start.
    @inline(__always)
    static func frequencies(_ bytes: UnsafePointer<UInt8>, at payload: Int) -> (FieldVector, positionsAt: Int) {
        var o = payload
        let present = bytes[o]
        o += 1
        var f = FieldVector()
        for slot in 0..<FieldVector.scalarCount where present & (1 << UInt8(slot)) != 0 {
            f[slot] = Float(Varint.read(bytes, &o))
        }
        return (f, o)
    }

    /// Whether a posting's document is one `matches` accepts; read from the gaps alone.
    func contains(where matches: (UInt32) -> Bool) -> Bool {
        var found = false
        forEachPosting { d, _ in found = found || matches(d) }
        return found
    }

    /// Calls `body` with each posting's document and where the rest of it starts (its field byte).
    func forEachPosting(_ body: (UInt32, Int) -> Void) {
        for b in 0..<blockCount {
            var o = Int(blocks[b].start)
            var last = blocks[b].previousLast
            while o < Int(blocks[b].end) {
                last = last &+ 1 &+ Varint.read(bytes, &o)
                let rest = Int(Varint.read(bytes, &o))
                body(last, o)
                o += rest
            }
        }
    }
}

/// Owns nothing: the memory of ``PostingPart/empty`` lives as long as the process.
private final class EmptyOwner: Sendable {}

/// What a cursor needs to know about a run of postings without reading them: 48 bytes, the
/// bounds' parts rounded so they stay bounds (frequencies up, lengths and averages down).
struct PostingBlock: Sendable {
    /// The document the block's first gap counts from (`UInt32.max`: from none).
    var previousLast: UInt32
    var lastDocument: UInt32 = 0
    var start: UInt32
    var end: UInt32 = 0
    /// The highest BM25F pseudo-frequency in the block, each computed with the field length
    /// averages of its time: with the smallest of those averages, the tight bound (a
    /// pseudo-frequency grows at most in proportion to the averages).
    var maxPseudoFrequency: Float = 0
    /// Highest frequency per field; `UInt16.max` stands for that or more.
    var frequencyCeilings = SIMD4<UInt16>()
    /// Shortest field lengths (past `UInt16.max`, that).
    var lengthFloors = SIMD4<UInt16>(repeating: .max)
    /// Smallest field length averages, in 64ths, rounded down.
    var averageFloors = SIMD4<UInt16>(repeating: .max)

    init(previousLast: UInt32, start: UInt32) {
        self.previousLast = previousLast
        self.start = start
    }

    /// Highest frequency per field in the block: with `minLengths`, an upper bound of any
    /// score in it for any fields and any averages.
    var maxFrequencies: FieldVector {
        let f = FieldVector(frequencyCeilings)
        return f.replacing(with: 1e9, where: f .== Float(UInt16.max))
    }
    /// Shortest field lengths in the block.
    var minLengths: FieldVector { FieldVector(lengthFloors) }
    /// Smallest field length averages the block's pseudo-frequencies were computed with.
    var minAverages: FieldVector { FieldVector(averageFloors) / 64 }

    mutating func add(document: UInt32, frequencies: FieldVector, lengths: FieldVector, end: UInt32, pseudoFrequency: Float,
                      averages: FieldVector) {
        lastDocument = document
        self.end = end
        let limit = FieldVector(repeating: Float(UInt16.max))
        frequencyCeilings = pointwiseMax(frequencyCeilings, SIMD4<UInt16>(pointwiseMin(frequencies.rounded(.up), limit)))
        lengthFloors = pointwiseMin(lengthFloors, SIMD4<UInt16>(pointwiseMin(lengths.rounded(.down), limit)))
        averageFloors = pointwiseMin(averageFloors, SIMD4<UInt16>(pointwiseMin((averages * 64).rounded(.down), limit)))
        maxPseudoFrequency = max(maxPseudoFrequency, pseudoFrequency)
    }
}

/// A token's place in a document: its field in the top two bits, its ordinal in the rest.
enum Position {
    static func make(field: Int, offset: UInt32) -> UInt32 { UInt32(field) << 30 | min(offset, 1 << 30 - 1) }
    @inline(__always) static func field(_ p: UInt32) -> Int { Int(p >> 30) }
    @inline(__always) static func offset(_ p: UInt32) -> UInt32 { p & (1 << 30 - 1) }
}

/// A value per indexed field: headline, body, source, captions.
public typealias FieldVector = SIMD4<Float>

/// LEB128 varints: 7 bits a byte, low bits first.
enum Varint {
    /// Appends `value` to `bytes`.
    static func append(_ value: UInt32, to bytes: inout [UInt8]) {
        var v = value
        while v >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: v) | 0x80)
            v >>= 7
        }
        bytes.append(UInt8(v))
    }

    @inline(__always)
    static func size(_ value: UInt32) -> UInt32 {
        value < 1 << 7 ? 1 : value < 1 << 14 ? 2 : value < 1 << 21 ? 3 : value < 1 << 28 ? 4 : 5
    }

    /// Reads a varint at `offset`, advancing it.
    @inline(__always)
    static func read(_ bytes: UnsafePointer<UInt8>, _ offset: inout Int) -> UInt32 {
        var b = bytes[offset]
        offset += 1
        if b < 0x80 { return UInt32(b) }
        var value = UInt32(b & 0x7F)
        var shift: UInt32 = 7
        repeat {
            b = bytes[offset]
            offset += 1
            value |= UInt32(b & 0x7F) << shift
            shift += 7
        } while b >= 0x80 && shift < 35
        return value
    }
}
