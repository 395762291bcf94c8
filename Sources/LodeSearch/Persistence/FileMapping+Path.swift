import Foundation
import LodeCorpus

extension FileMapping {
    /// The whole file at `path`, mapped; an empty file is not a snapshot.
    convenience init(path: String) throws(SnapshotError) {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { throw .io("\(path): \(String(cString: strerror(errno)))") }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw .io("\(path): \(String(cString: strerror(errno)))") }
        guard info.st_size > 0 else { throw .notASnapshot }
        do {
            try self.init(descriptor: fd, count: Int(info.st_size))
        } catch {
            throw .io("\(path) cannot be mapped: \(error)")
        }
    }
}
