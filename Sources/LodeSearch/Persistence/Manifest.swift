/// The list of files that are the index on disk: its segments in document order and its state
/// file, each with its size. Replaced atomically (written beside, synced, renamed over), so
/// the index on disk is always one the manifest names whole; any other file in the folder is
/// the leftover of a flush or merge that did not finish, and is deleted.
///
/// Layout (little-endian): "LODEMAN\0", format u32; segments (count; per segment its number
/// u64 and size u64); the state file's number u64 and size u64; the checksum u32.
struct Manifest: Equatable {
    static let magic = Array("LODEMAN\0".utf8)
    static let formatVersion: UInt32 = 1
    static let fileName = "manifest"

    struct File: Equatable {
        var number: Int
        var bytes: Int
    }

    var segments: [File] = []
    var state = File(number: 0, bytes: 0)

    static func segmentName(_ number: Int) -> String { "segment-\(number).lseg" }
    static func stateName(_ number: Int) -> String { "state-\(number).lst" }

    /// The names of the files the manifest keeps.
    var fileNames: Set<String> { Set(segments.map { Self.segmentName($0.number) } + [Self.stateName(state.number), Self.fileName]) }

    func encode() -> [UInt8] {
        var w = SnapshotWriter(magic: Self.magic, format: Self.formatVersion)
        w.u32(UInt32(segments.count))
        for file in segments + [state] {
            w.i64(Int64(file.number))
            w.i64(Int64(file.bytes))
        }
        return w.finish()
    }

    static func decode(_ data: UnsafeRawBufferPointer) throws(SnapshotError) -> Manifest {
        var r = try SnapshotReader.checked(data, magic: magic, format: formatVersion)
        var m = Manifest()
        for _ in 0..<(try r.count(minimumSize: 16)) { m.segments.append(File(number: Int(try r.i64()), bytes: Int(try r.i64()))) }
        m.state = File(number: Int(try r.i64()), bytes: Int(try r.i64()))
        guard r.offset == r.bytes.count else { throw .damaged("its manifest has \(r.bytes.count - r.offset) bytes after its end") }
        return m
    }
}
