import Foundation

/// A file mapped read-only into memory, unmapped when the last holder lets go. What an index
/// reads in place from a segment file holds on to it: deleting the file (once a merge has
/// replaced it) leaves the mapping readable.
final class FileMapping: Sendable {
    nonisolated(unsafe) let bytes: UnsafeRawBufferPointer

    init(path: String) throws(SnapshotError) {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { throw .io("\(path): \(String(cString: strerror(errno)))") }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw .io("\(path): \(String(cString: strerror(errno)))") }
        let size = Int(info.st_size)
        guard size > 0 else { throw .notASnapshot }
        guard let start = mmap(nil, size, PROT_READ, MAP_PRIVATE, fd, 0), start != MAP_FAILED else {
            throw .io("\(path) cannot be mapped: \(String(cString: strerror(errno)))")
        }
        bytes = UnsafeRawBufferPointer(start: start, count: size)
    }

    deinit { munmap(UnsafeMutableRawPointer(mutating: bytes.baseAddress), bytes.count) }
}
