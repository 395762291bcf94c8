import CZlib
import Foundation

/// The index on disk: one file holding documents, each term's postings and headline postings
/// with their block summaries, the vocabulary and each document's terms and words, ending in
/// a CRC-32 of everything before it. Written to a temporary file, synced, then renamed over
/// the old one, so a crash leaves the old snapshot or the new. Loaded by mapping the file: postings, block summaries and the
/// documents' term and word lists are read where they lie (until a change copies one), so
/// they cost no heap and no decoding.
///
/// Layout (little-endian): "LODEIDX\0", format u32, the block summary's memory layout (u32s:
/// stride, alignment, field offsets), then the sections below in order, then the checksum
/// u32. Strings are u32 length + UTF-8; byte runs u32 length + bytes; what is read in place
/// is padded to its alignment.
enum IndexSnapshot {
    static let magic = Array("LODEIDX\0".utf8)
    /// Also bumped when the tokenizer changes what a text indexes as (2: apostrophes join words),
    /// so an older snapshot is rebuilt from the store. 3: read in place; 4: headline postings.
    static let formatVersion: UInt32 = 4

    /// How this build lays out a block summary in memory, which the file's must match.
    static var blockLayout: [UInt32] {
        typealias B = PostingBlock
        let offsets: [Int?] = [MemoryLayout<B>.offset(of: \.previousLast), MemoryLayout<B>.offset(of: \.lastDocument),
                               MemoryLayout<B>.offset(of: \.start), MemoryLayout<B>.offset(of: \.end),
                               MemoryLayout<B>.offset(of: \.maxFrequencies), MemoryLayout<B>.offset(of: \.minLengths),
                               MemoryLayout<B>.offset(of: \.maxPseudoFrequency), MemoryLayout<B>.offset(of: \.minAverages)]
        return [UInt32(MemoryLayout<B>.stride), UInt32(MemoryLayout<B>.alignment)] + offsets.map { UInt32($0 ?? 0xFFFF) }
    }

    static func encode(_ c: IndexContents) -> [UInt8] {
        var w = SnapshotWriter(bytes: magic)
        w.u32(formatVersion)
        for v in blockLayout { w.u32(v) }
        let d = c.documents
        w.u32(UInt32(d.sourceNames.count))
        for name in d.sourceNames { w.string(name) }
        w.u32(UInt32(d.count))
        for i in 0..<d.count {
            w.string(d.ids[i])
            w.i64(d.versions[i])
            w.vector(d.lengths[i])
            w.i32(d.dates[i])
            w.u32(d.sources[i])
            w.string(d.headlines[i])
            w.u32(d.live[UInt32(i)] ? 1 : 0)
        }
        w.u32(UInt32(c.terms.count))
        func write(_ list: PostingList) {
            w.u32(UInt32(list.count))
            w.raw(list.encoded)
            w.u32(UInt32(list.blocks.count))
            w.inPlace(list.blocks.elements)
        }
        for (id, term) in c.terms.enumerated() {
            w.string(term)
            w.u32(UInt32(c.documentFrequencies[id]))
            write(c.postings[id])
            // The headline postings, or none (a count of 0).
            if let headline = c.headlinePostings[id] { write(headline) } else { w.u32(0) }
        }
        w.u32(UInt32(c.vocabulary.words.count))
        for (word, entry) in zip(c.vocabulary.words, c.vocabulary.entries) {
            w.string(word)
            w.u32(UInt32(entry.term))
            w.u32(UInt32(entry.documents))
        }
        for lists in [c.documentTerms, c.documentWords] {
            let (bytes, starts) = lists.encoded()
            bytes.withUnsafeBufferPointer { w.raw($0) }
            starts.withUnsafeBufferPointer { w.inPlace($0) }
        }
        let checksum = checksumBytes(w.bytes)
        w.append(checksum)
        return w.bytes
    }

    static func decode(_ data: UnsafeRawBufferPointer) throws(SnapshotError) -> IndexContents {
        guard data.count >= magic.count + 8, Array(data.prefix(magic.count)) == magic else { throw .notASnapshot }
        let body = UnsafeRawBufferPointer(rebasing: data[..<(data.count - 4)])
        guard checksumBytes(body) == Array(data.suffix(4)) else { throw .checksumMismatch }
        var r = SnapshotReader(UnsafeRawBufferPointer(rebasing: body[magic.count...]), origin: magic.count)
        let version = try r.u32()
        guard version == formatVersion else { throw .unsupportedVersion(version) }
        for v in blockLayout where try r.u32() != v { throw .damaged("its block summaries are laid out for another build") }
        var c = IndexContents()
        var d = DocumentTable()
        d.sourceNames = []
        d.sourceByKey = [:]
        for _ in 0..<(try r.count(minimumSize: 4)) {
            let name = try r.string()
            d.sourceByKey[name.lowercased()] = UInt32(d.sourceNames.count)
            d.sourceNames.append(name)
        }
        let documents = try r.count(minimumSize: 40)
        for i in 0..<documents {
            let id = try r.string()
            let version = try r.i64()
            let lengths = try r.vector()
            let date = try r.i32()
            let source = try r.u32()
            guard Int(source) < d.sourceNames.count else { throw .damaged("document \(id) names source \(source)") }
            let headline = try r.string()
            let live = try r.u32() == 1
            d.ids.append(id)
            d.versions.append(version)
            d.lengths.append(lengths)
            d.dates.append(date)
            d.sources.append(source)
            d.headlines.append(headline)
            d.live.append(live)
            if live {
                d.byID[id] = UInt32(i)
                d.liveCount += 1
                d.totalLengths &+= DocumentTable.integers(lengths)
            }
        }
        c.documents = d
        /// A posting list read in place; nil for a count of 0 with nothing after it.
        func readList(_ term: String) throws(SnapshotError) -> PostingList? {
            let count = Int(try r.u32())
            guard count > 0 else { return nil }
            let bytes = try r.raw()
            let blockCount = Int(try r.u32())
            let blocks = try r.inPlace(PostingBlock.self, count: blockCount)
            for block in blocks where Int(block.end) > bytes.count || block.lastDocument >= documents {
                throw .damaged("a posting block of \(term) points outside its list")
            }
            guard blockCount == (count + PostingList.blockSize - 1) / PostingList.blockSize else {
                throw .damaged("\(term) has \(count) postings in \(blockCount) blocks")
            }
            return PostingList(borrowing: bytes, blocks: blocks, count: count)
        }
        for _ in 0..<(try r.count(minimumSize: 20)) {
            let term = try r.string()
            let frequency = Int(try r.u32())
            let list = try readList(term)
            guard let list else { throw .damaged("\(term) has no postings") }
            guard frequency <= list.count else { throw .damaged("\(term) is in more documents than its postings") }
            c.termIDs[term] = c.terms.count
            c.terms.append(term)
            c.documentFrequencies.append(frequency)
            c.postings.append(list)
            c.headlinePostings.append(try readList(term))
        }
        var words: [String] = []
        var entries: [Vocabulary.Entry] = []
        for _ in 0..<(try r.count(minimumSize: 12)) {
            let word = try r.string()
            let term = Int(try r.u32())
            let documents = Int(try r.u32())
            guard term < c.terms.count else { throw .damaged("the word \(word) names term \(term)") }
            words.append(word)
            entries.append(Vocabulary.Entry(term: term, documents: documents))
        }
        c.vocabulary = Vocabulary(words: words, entries: entries)
        var lists: [IDLists] = []
        for limit in [c.terms.count, words.count] {
            let bytes = try r.raw()
            let starts = try r.inPlace(UInt32.self, count: documents + 1)
            guard starts.count == documents + 1, Int(starts[documents]) == bytes.count,
                  zip(starts, starts.dropFirst()).allSatisfy({ $0 <= $1 }) else { throw .damaged("a document's term list is out of place") }
            let list = IDLists(borrowing: bytes, starts: starts)
            guard documents == 0 || list.ids(of: documents - 1).allSatisfy({ $0 < limit }) else {
                throw .damaged("a document names an unknown term or word")
            }
            lists.append(list)
        }
        c.documentTerms = lists[0]
        c.documentWords = lists[1]
        return c
    }

    private static func checksumBytes(_ bytes: [UInt8]) -> [UInt8] {
        bytes.withUnsafeBytes { checksumBytes($0) }
    }

    private static func checksumBytes(_ b: UnsafeRawBufferPointer) -> [UInt8] {
        var crc: uLong = crc32(0, nil, 0)
        var offset = 0
        while offset < b.count {
            let n = min(b.count - offset, 1 << 30)
            crc = crc32(crc, b.baseAddress!.assumingMemoryBound(to: Bytef.self) + offset, uInt(n))
            offset += n
        }
        return withUnsafeBytes(of: UInt32(truncatingIfNeeded: crc).littleEndian) { Array($0) }
    }
}

extension SearchIndex {
    /// Writes the index to `path` atomically; returns the bytes written.
    @discardableResult
    public func save(to path: String) throws(SnapshotError) -> Int {
        let bytes = reading { IndexSnapshot.encode($0) }
        let temporary = path + ".tmp"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        guard fd >= 0 else { throw .io("\(temporary): \(String(cString: strerror(errno)))") }
        var written = 0
        let ok = bytes.withUnsafeBytes { b -> Bool in
            while written < b.count {
                let n = write(fd, b.baseAddress! + written, b.count - written)
                if n <= 0 { return false }
                written += n
            }
            return fsync(fd) == 0
        }
        let error = String(cString: strerror(errno))
        close(fd)
        guard ok, rename(temporary, path) == 0 else {
            unlink(temporary)
            throw .io("\(path): \(error)")
        }
        return bytes.count
    }

    /// Loads an index saved with ``save(to:)``.
    public static func load(from path: String) throws(SnapshotError) -> SearchIndex {
        guard FileManager.default.fileExists(atPath: path) else { throw .missing }
        let mapping = try FileMapping(path: path)
        var contents = try IndexSnapshot.decode(mapping.bytes)
        contents.mapping = mapping
        return SearchIndex(contents: contents)
    }
}
