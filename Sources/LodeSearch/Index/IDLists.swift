/// A list of ascending ids per document, delta-coded varints: which terms and words each
/// document holds, so removing it can uncount them. Like a posting list, a run of sealed
/// chunks (read in place from segment files, or held in memory until a flush writes them),
/// then a tail that new documents' lists are appended to.
///
/// Unchecked Sendable: chunks are read-only memory their owners keep alive.
struct IDLists: @unchecked Sendable {
    /// The lists of a run of documents, `starts[i]` to `starts[i + 1]` in `bytes` for the
    /// document numbered `firstDocument + i`.
    struct Chunk: @unchecked Sendable {
        let firstDocument: Int
        let bytes: UnsafeRawBufferPointer
        /// One more than the documents: where the last list ends.
        let starts: UnsafeBufferPointer<UInt32>
        /// The number of the segment file the chunk is read from, or `PostingPart.unwritten`.
        let segment: Int
        /// Keeps the memory alive: a segment's mapping, or a sealed tail's memory.
        let owner: AnyObject

        var count: Int { starts.count - 1 }
        var endDocument: Int { firstDocument + count }
    }

    private(set) var chunks: [Chunk] = []
    /// The tail: lists of the documents after the chunks'.
    private var bytes: [UInt8] = []
    /// Where each tail document's list starts in `bytes`; it ends where the next starts.
    private var starts: [UInt32] = []

    init() {}

    /// Documents in the chunks.
    private var chunked: Int { chunks.last?.endDocument ?? 0 }

    /// Appends the next document's ids, already ascending.
    mutating func append(sorted ids: [Int]) {
        starts.append(UInt32(bytes.count))
        var last = 0
        for id in ids {
            Varint.append(UInt32(id - last), to: &bytes)
            last = id
        }
    }

    /// Adds a chunk after the others; the tail must be empty and the chunk must go on from
    /// the documents before it.
    mutating func appendChunk(_ chunk: Chunk) {
        precondition(starts.isEmpty && chunk.firstDocument == chunked, "a chunk goes on from the documents before it")
        chunks.append(chunk)
    }

    /// Moves the tail into a chunk of its own, held in memory until a flush writes it.
    mutating func seal() {
        guard !starts.isEmpty else { return }
        let sealed = SealedLists(bytes: bytes, starts: starts + [UInt32(bytes.count)])
        chunks.append(Chunk(firstDocument: chunked, bytes: UnsafeRawBufferPointer(start: sealed.bytes.baseAddress, count: bytes.count),
                            starts: UnsafeBufferPointer(sealed.starts), segment: PostingPart.unwritten, owner: sealed))
        bytes = []
        starts = []
    }

    /// The run of chunks from segments in `segments`.
    func chunks(in segments: Set<Int>) -> ArraySlice<Chunk> {
        chunks.firstRun { segments.contains($0.segment) }.map { chunks[$0] } ?? []
    }

    /// Replaces the run of chunks from `segments` by `chunk`, which holds the same lists.
    mutating func replaceChunks(in segments: Set<Int>, with chunk: Chunk) {
        if let run = chunks.firstRun(where: { segments.contains($0.segment) }) { chunks.replaceSubrange(run, with: [chunk]) }
    }

    func ids(of document: Int) -> [Int] {
        if document >= chunked {
            let i = document - chunked
            let end = i + 1 < starts.count ? Int(starts[i + 1]) : bytes.count
            return bytes.withUnsafeBytes { Self.decode($0, Int(starts[i]), end) }
        }
        var lo = 0, hi = chunks.count - 1
        while lo < hi {
            let mid = (lo + hi + 1) / 2
            if chunks[mid].firstDocument <= document { lo = mid } else { hi = mid - 1 }
        }
        let chunk = chunks[lo]
        let i = document - chunk.firstDocument
        return Self.decode(chunk.bytes, Int(chunk.starts[i]), Int(chunk.starts[i + 1]))
    }

    private static func decode(_ bytes: UnsafeRawBufferPointer, _ start: Int, _ end: Int) -> [Int] {
        guard let base = bytes.baseAddress, start < end else { return [] }
        let p = base.assumingMemoryBound(to: UInt8.self)
        var out: [Int] = []
        var offset = start
        var last = 0
        while offset < end {
            last += Int(Varint.read(p, &offset))
            out.append(last)
        }
        return out
    }
}

/// The memory of a sealed tail of lists, freed with its last chunk.
private final class SealedLists: @unchecked Sendable {
    let bytes: UnsafeMutableBufferPointer<UInt8>
    let starts: UnsafeMutableBufferPointer<UInt32>

    init(bytes: [UInt8], starts: [UInt32]) {
        self.bytes = .allocate(capacity: max(bytes.count, 1))
        self.starts = .allocate(capacity: starts.count)
        _ = self.bytes.initialize(from: bytes)
        _ = self.starts.initialize(from: starts)
    }

    deinit {
        bytes.deallocate()
        starts.deallocate()
    }
}
