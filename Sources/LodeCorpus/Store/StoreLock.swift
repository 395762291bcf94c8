import Foundation

/// One server at a time on a store: an exclusive `flock` on a file beside it
/// (`lode.sqlite.lock`), with the holder's process id written in it, held until this goes
/// away or the process ends (even by kill -9). Two servers on one store would each keep their
/// own search index, near-duplicate index and catalogue cache, and write over each other's
/// index files.
public final class StoreLock: Sendable {
    private let descriptor: Int32
    /// The lock file's path.
    public let path: String

    /// Takes the lock of the store at `store`, making the file if need be; throws
    /// ``StoreError/inUse(_:pid:)`` when another process holds it.
    public init(store: String) throws(StoreError) {
        path = store + ".lock"
        do {
            try FileManager.default.createDirectory(at: URL(fileURLWithPath: path).deletingLastPathComponent(),
                                                    withIntermediateDirectories: true)
        } catch {
            throw .readOnly(store)
        }
        descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw errno == EACCES || errno == EROFS ? .readOnly(store) : .sqlite(code: nil, "cannot open \(path): \(String(cString: strerror(errno)))") }
        guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
            let holder = Self.holder(descriptor)
            close(descriptor)
            throw .inUse(store, pid: holder)
        }
        let pid = Array("\(getpid())\n".utf8)
        _ = ftruncate(descriptor, 0)
        _ = pwrite(descriptor, pid, pid.count, 0)
    }

    deinit { close(descriptor) }

    /// The process id the holder wrote, if it reads as one.
    private static func holder(_ descriptor: Int32) -> Int32? {
        var bytes = [UInt8](repeating: 0, count: 16)
        let count = pread(descriptor, &bytes, bytes.count, 0)
        guard count > 0 else { return nil }
        return Int32(String(decoding: bytes.prefix(count), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines))
    }
}
