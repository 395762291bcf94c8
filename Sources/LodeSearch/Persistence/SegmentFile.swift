import Foundation
import LodeCorpus

/// One segment of the index on disk: a run of documents by number, the terms and words they
/// brought to the index, every term's postings among them (and its headline postings), and
/// each document's term and word lists. Written once and never changed; read by mapping the
/// file, postings, block summaries and lists where they lie.
///
/// Layout (little-endian): "LODESEG\0", format u32, the block summary's memory layout (u32s:
/// stride, alignment, field offsets), the first document, term and word numbers (u32 each);
/// documents (count; per document its id, version i64, field lengths, date i32, source u32,
/// headline); terms (count; strings); words (count; string, term u32); postings, then headline
/// postings (count of lists; per list its term u32, postings u32, bytes, block count u32 and
/// the blocks in place); the documents' term lists, then word lists (bytes, then where each
/// starts, in place); and the checksum u32. Strings are u32 length + UTF-8; byte runs u32
/// length + bytes; what is read in place is padded to its alignment.
enum SegmentFile {
    static let magic = Array("LODESEG\0".utf8)
    /// Bumped too when the tokenizer changes what a text indexes as, so older files are
    /// rebuilt from the store. 5: segments.
    static let formatVersion: UInt32 = 5

    /// How this build lays out a block summary in memory, which the file's must match.
    static var blockLayout: [UInt32] {
        typealias B = PostingBlock
        let offsets: [Int?] = [MemoryLayout<B>.offset(of: \.previousLast), MemoryLayout<B>.offset(of: \.lastDocument),
                               MemoryLayout<B>.offset(of: \.start), MemoryLayout<B>.offset(of: \.end),
                               MemoryLayout<B>.offset(of: \.maxPseudoFrequency), MemoryLayout<B>.offset(of: \.frequencyCeilings),
                               MemoryLayout<B>.offset(of: \.lengthFloors), MemoryLayout<B>.offset(of: \.averageFloors)]
        return [UInt32(MemoryLayout<B>.stride), UInt32(MemoryLayout<B>.alignment)] + offsets.map { UInt32($0 ?? 0xFFFF) }
    }

    /// What the index knows of one document.
    struct Row {
        var id: String
        var version: Int64
        var lengths: FieldVector
        var date: Int32
        var source: UInt32
        var headline: String
    }

    /// What a segment holds. Its lists come as runs of parts and chunks, joined when written:
    /// a flush writes the parts sealed in memory, a merge the parts of several segments. Read
    /// back, each list is one part and each kind of document list one chunk.
    struct Contents {
        var firstDocument = 0
        var rows: [Row] = []
        var firstTerm = 0
        var terms: [String] = []
        var firstWord = 0
        var words: [(word: String, term: Int)] = []
        /// By ascending term.
        var postings: [(term: Int, parts: [PostingPart])] = []
        var headlinePostings: [(term: Int, parts: [PostingPart])] = []
        var documentTerms: [IDLists.Chunk] = []
        var documentWords: [IDLists.Chunk] = []

        var endDocument: Int { firstDocument + rows.count }
        var endTerm: Int { firstTerm + terms.count }
        var endWord: Int { firstWord + words.count }

        /// Segments `parts`, adjacent and in order, as one.
        static func joining(_ parts: [Contents]) -> Contents {
            var c = Contents()
            c.firstDocument = parts.first?.firstDocument ?? 0
            c.firstTerm = parts.first?.firstTerm ?? 0
            c.firstWord = parts.first?.firstWord ?? 0
            for p in parts {
                c.rows += p.rows
                c.terms += p.terms
                c.words += p.words
                c.documentTerms += p.documentTerms
                c.documentWords += p.documentWords
            }
            func join(_ lists: [[(term: Int, parts: [PostingPart])]]) -> [(term: Int, parts: [PostingPart])] {
                var byTerm: [Int: [PostingPart]] = [:]
                for segment in lists { for (term, runs) in segment { byTerm[term, default: []] += runs } }
                return byTerm.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
            }
            c.postings = join(parts.map(\.postings))
            c.headlinePostings = join(parts.map(\.headlinePostings))
            return c
        }

        /// Keeps the postings of the documents `isLive` says are live: a list that holds a dead
        /// one is made afresh as one part in memory (see ``PostingList/live(_:isLive:scoring:)``),
        /// and goes when none is live; the others stay as they are.
        mutating func dropDead(isLive: (UInt32) -> Bool,
                               scoring: (lengths: (UInt32) -> FieldVector, factors: (FieldVector) -> FieldVector, averages: FieldVector)) {
            guard (firstDocument..<endDocument).contains(where: { !isLive(UInt32($0)) }) else { return }
            func live(_ lists: [(term: Int, parts: [PostingPart])]) -> [(term: Int, parts: [PostingPart])] {
                lists.compactMap { list in
                    guard list.parts.contains(where: { $0.contains { !isLive($0) } }) else { return list }
                    return PostingList.live(list.parts, isLive: isLive, scoring: scoring).map { (list.term, [$0]) }
                }
            }
            postings = live(postings)
            headlinePostings = live(headlinePostings)
        }
    }

    static func encode(_ c: Contents) -> [UInt8] {
        var w = SnapshotWriter(magic: magic, format: formatVersion)
        for v in blockLayout { w.u32(v) }
        w.u32(UInt32(c.firstDocument))
        w.u32(UInt32(c.firstTerm))
        w.u32(UInt32(c.firstWord))
        w.u32(UInt32(c.rows.count))
        for r in c.rows {
            w.string(r.id)
            w.i64(r.version)
            w.vector(r.lengths)
            w.i32(r.date)
            w.u32(r.source)
            w.string(r.headline)
        }
        w.u32(UInt32(c.terms.count))
        for t in c.terms { w.string(t) }
        w.u32(UInt32(c.words.count))
        for (word, term) in c.words {
            w.string(word)
            w.u32(UInt32(term))
        }
        for lists in [c.postings, c.headlinePostings] {
            w.u32(UInt32(lists.count))
            for (term, parts) in lists {
                w.u32(UInt32(term))
                w.u32(UInt32(parts.reduce(0) { $0 + $1.count }))
                w.u32(UInt32(parts.reduce(0) { $0 + $1.byteCount }))
                var blocks: [PostingBlock] = []
                var offset: UInt32 = 0
                for p in parts {
                    w.append(UnsafeRawBufferPointer(start: p.bytes, count: p.byteCount))
                    for var b in UnsafeBufferPointer(start: p.blocks, count: p.blockCount) {
                        b.start += offset
                        b.end += offset
                        blocks.append(b)
                    }
                    offset += UInt32(p.byteCount)
                }
                w.u32(UInt32(blocks.count))
                blocks.withUnsafeBufferPointer { w.inPlace($0) }
            }
        }
        for chunks in [c.documentTerms, c.documentWords] {
            var starts: [UInt32] = []
            var offset: UInt32 = 0
            for chunk in chunks {
                starts += chunk.starts.dropLast().map { $0 + offset }
                offset += chunk.starts.last!
            }
            starts.append(offset)
            w.u32(offset)
            for chunk in chunks { w.append(UnsafeRawBufferPointer(rebasing: chunk.bytes.prefix(Int(chunk.starts.last!)))) }
            starts.withUnsafeBufferPointer { w.inPlace($0) }
        }
        return w.finish()
    }

    /// The segment in `mapping`, numbered `segment`, whose lists it keeps alive; checked
    /// against `sources` source names and throwing on anything out of place.
    static func decode(_ mapping: FileMapping, segment: Int, sources: Int, verifyingChecksum: Bool = true) throws(SnapshotError) -> Contents {
        var r = try SnapshotReader.checked(mapping.bytes, magic: magic, format: formatVersion, verifyingChecksum: verifyingChecksum)
        for v in blockLayout where try r.u32() != v { throw .damaged("its block summaries are laid out for another build") }
        var c = Contents()
        c.firstDocument = Int(try r.u32())
        c.firstTerm = Int(try r.u32())
        c.firstWord = Int(try r.u32())
        for _ in 0..<(try r.count(minimumSize: 40)) {
            let row = Row(id: try r.string(), version: try r.i64(), lengths: try r.vector(), date: try r.i32(), source: try r.u32(),
                          headline: try r.string())
            guard Int(row.source) < sources else { throw .damaged("document \(row.id) names source \(row.source)") }
            c.rows.append(row)
        }
        for _ in 0..<(try r.count(minimumSize: 4)) { c.terms.append(try r.string()) }
        for _ in 0..<(try r.count(minimumSize: 8)) {
            let word = try r.string()
            let term = Int(try r.u32())
            guard term < c.endTerm else { throw .damaged("the word \(word) names term \(term)") }
            c.words.append((word, term))
        }
        for headline in [false, true] {
            var lists: [(term: Int, parts: [PostingPart])] = []
            var previous = -1
            for _ in 0..<(try r.count(minimumSize: 16)) {
                let term = Int(try r.u32())
                guard term > previous, term < c.endTerm else { throw .damaged("a posting list names term \(term) out of order") }
                previous = term
                let count = Int(try r.u32())
                let bytes = try r.raw()
                let blocks = try r.inPlace(PostingBlock.self, count: Int(try r.u32()))
                guard count > 0, let base = bytes.baseAddress, let first = blocks.first, let last = blocks.last,
                      Int(last.end) == bytes.count, Int(first.start) == 0,
                      first.previousLast == .max || first.previousLast < first.lastDocument,
                      Int(last.lastDocument) < c.endDocument, blocks.count <= count else {
                    throw .damaged("a posting list of term \(term) is out of place")
                }
                for (a, b) in zip(blocks, blocks.dropFirst()) where a.end != b.start || a.lastDocument > b.previousLast || b.previousLast >= b.lastDocument {
                    throw .damaged("the posting blocks of term \(term) do not follow on")
                }
                lists.append((term, [PostingPart(bytes: base.assumingMemoryBound(to: UInt8.self), byteCount: bytes.count,
                                                 blocks: blocks.baseAddress!, blockCount: blocks.count, count: count,
                                                 segment: segment, owner: mapping)]))
            }
            if headline { c.headlinePostings = lists } else { c.postings = lists }
        }
        for words in [false, true] {
            let bytes = try r.raw()
            let starts = try r.inPlace(UInt32.self, count: c.rows.count + 1)
            guard starts.count == c.rows.count + 1, Int(starts[c.rows.count]) == bytes.count,
                  zip(starts, starts.dropFirst()).allSatisfy({ $0 <= $1 }) else { throw .damaged("a document's term list is out of place") }
            let chunk = IDLists.Chunk(firstDocument: c.firstDocument, bytes: bytes, starts: starts, segment: segment, owner: mapping)
            if words { c.documentWords = [chunk] } else { c.documentTerms = [chunk] }
        }
        guard r.offset == r.bytes.count else { throw .damaged("it has \(r.bytes.count - r.offset) bytes after its end") }
        return c
    }
}
