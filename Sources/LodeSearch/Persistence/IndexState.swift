/// What changes with every document added or removed, for the whole index: which documents
/// are live, how many live documents hold each term and use each word, and the source names.
/// Small beside the segments: written whole at every flush, beside them.
///
/// Layout (little-endian): "LODESTA\0", format u32; documents u32 and the live bits (u64s);
/// source names (count; strings); terms u32 and each one's live documents (u32s); words u32
/// and each one's live documents (u32s); the checksum u32.
struct IndexState {
    static let magic = Array("LODESTA\0".utf8)
    static let formatVersion: UInt32 = 1

    var documents = 0
    /// Bit `d` of word `d / 64`: whether document `d` is live.
    var live: [UInt64] = []
    var sourceNames: [String] = []
    var documentFrequencies: [UInt32] = []
    var wordDocuments: [UInt32] = []

    func encode() -> [UInt8] {
        var w = SnapshotWriter(magic: Self.magic, format: Self.formatVersion)
        w.u32(UInt32(documents))
        for word in live.prefix((documents + 63) / 64) { w.i64(Int64(bitPattern: word)) }
        w.u32(UInt32(sourceNames.count))
        for name in sourceNames { w.string(name) }
        for counts in [documentFrequencies, wordDocuments] {
            w.u32(UInt32(counts.count))
            for c in counts { w.u32(c) }
        }
        return w.finish()
    }

    static func decode(_ data: UnsafeRawBufferPointer) throws(SnapshotError) -> IndexState {
        var r = try SnapshotReader.checked(data, magic: magic, format: formatVersion)
        var s = IndexState()
        s.documents = Int(try r.u32())
        for _ in 0..<((s.documents + 63) / 64) { s.live.append(UInt64(bitPattern: try r.i64())) }
        for _ in 0..<(try r.count(minimumSize: 4)) { s.sourceNames.append(try r.string()) }
        for _ in 0..<(try r.count(minimumSize: 4)) { s.documentFrequencies.append(try r.u32()) }
        for _ in 0..<(try r.count(minimumSize: 4)) { s.wordDocuments.append(try r.u32()) }
        guard r.offset == r.bytes.count else { throw .damaged("its state has \(r.bytes.count - r.offset) bytes after its end") }
        return s
    }
}
