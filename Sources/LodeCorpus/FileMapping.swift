import Foundation

/// Bytes of a file mapped read-only into memory, unmapped when the last holder lets go.
/// What reads in place from a mapped file holds on to it: deleting or unlinking the file
/// leaves the mapping readable.
public final class FileMapping: Sendable {
    public nonisolated(unsafe) let bytes: UnsafeRawBufferPointer

    /// Why a file could not be mapped.
    public struct Failure: Error, CustomStringConvertible {
        public let description: String
    }

    /// The first `count` bytes (more than 0) of the file open as `descriptor`, mapped
    /// read-only; `shared` maps the file's own pages (`MAP_SHARED`), else a private view.
    /// The descriptor may be closed afterwards.
    public init(descriptor: Int32, count: Int, shared: Bool = false) throws(Failure) {
        guard count > 0 else { throw Failure(description: "an empty file cannot be mapped") }
        guard let start = mmap(nil, count, PROT_READ, shared ? MAP_SHARED : MAP_PRIVATE, descriptor, 0), start != MAP_FAILED else {
            throw Failure(description: String(cString: strerror(errno)))
        }
        bytes = UnsafeRawBufferPointer(start: start, count: count)
    }

    deinit { munmap(UnsafeMutableRawPointer(mutating: bytes.baseAddress), bytes.count) }
}
