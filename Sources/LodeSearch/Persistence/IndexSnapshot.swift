import CZlib
import Foundation

/// The index on disk: one file holding documents, postings with their block summaries and
/// the vocabulary, ending in a CRC-32 of everything before it. Written to a temporary file,
/// synced, then renamed over the old one, so a crash leaves the old snapshot or the new.
///
/// Layout (little-endian): "LODEIDX\0", format u32, then the sections below in order, then
/// the checksum u32. Strings are u32 length + UTF-8; byte runs u32 length + bytes.
enum IndexSnapshot {
    static let magic = Array("LODEIDX\0".utf8)
    /// Also bumped when the tokenizer changes what a text indexes as (2: apostrophes join words),
    /// so an older snapshot is rebuilt from the store.
    static let formatVersion: UInt32 = 2

    static func encode(_ c: IndexContents) -> [UInt8] {
        var w = SnapshotWriter(bytes: magic)
        w.u32(formatVersion)
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
        for (id, term) in c.terms.enumerated() {
            let list = c.postings[id]
            w.string(term)
            w.u32(UInt32(c.documentFrequencies[id]))
            w.u32(UInt32(list.count))
            w.raw(list.encoded)
            w.u32(UInt32(list.blocks.count))
            for b in list.blocks.elements {
                w.u32(b.previousLast)
                w.u32(b.lastDocument)
                w.u32(b.start)
                w.u32(b.end)
                w.vector(b.maxFrequencies)
                w.vector(b.minLengths)
                w.f32(b.maxPseudoFrequency)
                w.vector(b.minAverages)
            }
        }
        w.u32(UInt32(c.vocabulary.words.count))
        for (word, entry) in zip(c.vocabulary.words, c.vocabulary.entries) {
            w.string(word)
            w.u32(UInt32(entry.term))
            w.u32(UInt32(entry.documents))
        }
        for lists in [c.documentTerms, c.documentWords] {
            lists.bytes.withUnsafeBufferPointer { w.raw($0) }
            for start in lists.starts { w.u32(UInt32(start)) }
        }
        let checksum = checksumBytes(w.bytes)
        w.append(checksum)
        return w.bytes
    }

    static func decode(_ data: UnsafeRawBufferPointer) throws(SnapshotError) -> IndexContents {
        guard data.count >= magic.count + 8, Array(data.prefix(magic.count)) == magic else { throw .notASnapshot }
        let body = UnsafeRawBufferPointer(rebasing: data[..<(data.count - 4)])
        guard checksumBytes(body) == Array(data.suffix(4)) else { throw .checksumMismatch }
        var r = SnapshotReader(UnsafeRawBufferPointer(rebasing: body[magic.count...]))
        let version = try r.u32()
        guard version == formatVersion else { throw .unsupportedVersion(version) }
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
        for _ in 0..<(try r.count(minimumSize: 20)) {
            let term = try r.string()
            let frequency = Int(try r.u32())
            let count = Int(try r.u32())
            let bytes = try r.raw()
            var blocks: [PostingBlock] = []
            let blockCount = try r.count(minimumSize: 68)
            blocks.reserveCapacity(blockCount)
            for _ in 0..<blockCount {
                let block = PostingBlock(previousLast: try r.u32(), lastDocument: try r.u32(), start: try r.u32(), end: try r.u32(),
                                         maxFrequencies: try r.vector(), minLengths: try r.vector(),
                                         maxPseudoFrequency: try r.f32(), minAverages: try r.vector())
                guard Int(block.end) <= bytes.count, block.lastDocument < documents else {
                    throw .damaged("a posting block of \(term) points outside its list")
                }
                blocks.append(block)
            }
            guard blockCount == (count + PostingList.blockSize - 1) / PostingList.blockSize, frequency <= count else {
                throw .damaged("\(term) has \(count) postings in \(blockCount) blocks")
            }
            c.termIDs[term] = c.terms.count
            c.terms.append(term)
            c.documentFrequencies.append(frequency)
            c.postings.append(PostingList(bytes: bytes, blocks: blocks, count: count))
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
            let bytes = Array(try r.raw().bindMemory(to: UInt8.self))
            var starts: [Int] = []
            starts.reserveCapacity(documents)
            for _ in 0..<documents {
                let start = Int(try r.u32())
                guard start <= bytes.count, start >= (starts.last ?? 0) else { throw .damaged("a document's term list is out of place") }
                starts.append(start)
            }
            let list = IDLists(bytes: bytes, starts: starts)
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
        guard let data = FileManager.default.contents(atPath: path) else { throw .io("\(path) cannot be read") }
        let contents = data.withUnsafeBytes { b in Result { () throws(SnapshotError) in try IndexSnapshot.decode(b) } }
        return SearchIndex(contents: try contents.get())
    }
}
