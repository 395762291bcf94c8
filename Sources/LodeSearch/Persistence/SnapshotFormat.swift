import CChecksum
import Foundation

/// Appends little-endian values to a byte buffer.
struct SnapshotWriter {
    private(set) var bytes: [UInt8]

    init(bytes: [UInt8]) { self.bytes = bytes }

    mutating func append(_ b: [UInt8]) { bytes.append(contentsOf: b) }

    mutating func u32(_ v: UInt32) { withUnsafeBytes(of: v.littleEndian) { bytes.append(contentsOf: $0) } }
    mutating func i32(_ v: Int32) { u32(UInt32(bitPattern: v)) }
    mutating func i64(_ v: Int64) { withUnsafeBytes(of: v.littleEndian) { bytes.append(contentsOf: $0) } }
    mutating func f32(_ v: Float) { u32(v.bitPattern) }
    mutating func vector(_ v: FieldVector) { for i in 0..<FieldVector.scalarCount { f32(v[i]) } }
    mutating func string(_ s: String) {
        u32(UInt32(s.utf8.count))
        bytes.append(contentsOf: s.utf8)
    }
    mutating func raw(_ b: UnsafeRawBufferPointer) {
        u32(UInt32(b.count))
        bytes.append(contentsOf: b)
    }
    /// Bytes as they are, without a length.
    mutating func append(_ b: UnsafeRawBufferPointer) { bytes.append(contentsOf: b) }
    /// Zeros up to the next multiple of `alignment`, so what follows can be read in place.
    mutating func align(_ alignment: Int) {
        bytes.append(contentsOf: repeatElement(0, count: (alignment - bytes.count % alignment) % alignment))
    }
    /// Plain values as they lie in memory, aligned for reading in place.
    mutating func inPlace<T: BitwiseCopyable>(_ values: UnsafeBufferPointer<T>) {
        align(MemoryLayout<T>.alignment)
        bytes.append(contentsOf: UnsafeRawBufferPointer(values))
    }
}

/// Reads what ``SnapshotWriter`` wrote, failing cleanly on a short or inconsistent file.
struct SnapshotReader {
    let bytes: UnsafeRawBufferPointer
    private(set) var offset = 0
    /// Where `bytes` start in the file: alignment is of file offsets.
    private let origin: Int

    init(_ bytes: UnsafeRawBufferPointer, origin: Int = 0) {
        self.bytes = bytes
        self.origin = origin
    }

    private mutating func take(_ n: Int) throws(SnapshotError) -> UnsafeRawBufferPointer {
        guard n >= 0, offset + n <= bytes.count else { throw .damaged("it ends early, at byte \(offset)") }
        defer { offset += n }
        return UnsafeRawBufferPointer(rebasing: bytes[offset..<(offset + n)])
    }

    mutating func u32() throws(SnapshotError) -> UInt32 { UInt32(littleEndian: try take(4).loadUnaligned(as: UInt32.self)) }
    mutating func i32() throws(SnapshotError) -> Int32 { Int32(bitPattern: try u32()) }
    mutating func i64() throws(SnapshotError) -> Int64 { Int64(littleEndian: try take(8).loadUnaligned(as: Int64.self)) }
    mutating func f32() throws(SnapshotError) -> Float { Float(bitPattern: try u32()) }
    mutating func vector() throws(SnapshotError) -> FieldVector {
        FieldVector(try f32(), try f32(), try f32(), try f32())
    }
    mutating func string() throws(SnapshotError) -> String {
        String(decoding: try take(Int(try u32())), as: UTF8.self)
    }
    mutating func raw() throws(SnapshotError) -> UnsafeRawBufferPointer { try take(Int(try u32())) }
    /// `count` values written by ``SnapshotWriter/inPlace(_:)``, read where they lie: valid as
    /// long as the bytes are.
    mutating func inPlace<T: BitwiseCopyable>(_ type: T.Type, count: Int) throws(SnapshotError) -> UnsafeBufferPointer<T> {
        let alignment = MemoryLayout<T>.alignment
        _ = try take((alignment - (origin + offset) % alignment) % alignment)
        guard count >= 0, count <= (bytes.count - offset) / MemoryLayout<T>.stride else { throw .damaged("a count of \(count) does not fit the file") }
        let raw = try take(count * MemoryLayout<T>.stride)
        guard let start = raw.baseAddress, count > 0 else { return UnsafeBufferPointer(start: nil, count: 0) }
        guard Int(bitPattern: start) % alignment == 0 else { throw .damaged("it is not aligned in memory") }
        return UnsafeBufferPointer(start: start.assumingMemoryBound(to: T.self), count: count)
    }
    /// A count of items each at least `minimumSize` bytes, checked against what is left.
    mutating func count(minimumSize: Int) throws(SnapshotError) -> Int {
        let n = Int(try u32())
        guard n * minimumSize <= bytes.count - offset else { throw .damaged("a count of \(n) does not fit the file") }
        return n
    }
}

/// Why the index on disk cannot be read or written; an unreadable one is rebuilt from the store.
public enum SnapshotError: Error, Equatable, CustomStringConvertible {
    case missing
    /// A single snapshot file, as builds before segments wrote.
    case olderFormat
    case notASnapshot
    case unsupportedVersion(UInt32)
    case checksumMismatch
    case damaged(String)
    case io(String)

    public var description: String {
        switch self {
        case .missing: "there is no search index on disk yet"
        case .olderFormat: "the search index on disk is a snapshot of an older format"
        case .notASnapshot: "a file of the search index on disk is not one Lode wrote"
        case .unsupportedVersion(let v): "a file of the search index on disk has format \(v), which this build does not read"
        case .checksumMismatch: "a file of the search index on disk fails its checksum"
        case .damaged(let why): "the search index on disk is damaged: \(why)"
        case .io(let why): "the search index on disk cannot be read or written: \(why)"
        }
    }
}

/// Every file of the index on disk starts with its magic and format and ends in a CRC-32C of
/// everything before it.
extension SnapshotWriter {
    init(magic: [UInt8], format: UInt32) {
        self.init(bytes: magic)
        u32(format)
    }

    /// The file's bytes, the checksum appended.
    mutating func finish() -> [UInt8] {
        let crc = bytes.withUnsafeBytes { SnapshotReader.checksum($0) }
        u32(crc)
        return bytes
    }
}

extension SnapshotReader {
    /// A reader after the magic and format of `data`, whose checksum is checked first.
    /// - Parameter verifyingChecksum: false for a file known to be as it was when verified
    ///   (``VerifiedSegments``).
    static func checked(_ data: UnsafeRawBufferPointer, magic: [UInt8], format: UInt32,
                        verifyingChecksum: Bool = true) throws(SnapshotError) -> SnapshotReader {
        guard data.count >= magic.count + 8, Array(data.prefix(magic.count)) == magic else { throw .notASnapshot }
        let body = UnsafeRawBufferPointer(rebasing: data[..<(data.count - 4)])
        guard !verifyingChecksum
            || checksum(body) == UInt32(littleEndian: data.loadUnaligned(fromByteOffset: data.count - 4, as: UInt32.self)) else {
            throw .checksumMismatch
        }
        var r = SnapshotReader(UnsafeRawBufferPointer(rebasing: body[magic.count...]), origin: magic.count)
        let version = try r.u32()
        guard version == format else { throw .unsupportedVersion(version) }
        return r
    }

    /// CRC-32C of `b`.
    static func checksum(_ b: UnsafeRawBufferPointer) -> UInt32 {
        guard let base = b.baseAddress else { return lode_crc32c(nil, 0) }
        return lode_crc32c(base, b.count)
    }
}
