import Foundation

/// One server at a time on a store: an exclusive `flock` on a file beside it
/// (`lode.sqlite.lock`), held until this goes away or the process ends (even by kill -9).
/// Two servers on one store would each keep their own search index, near-duplicate index and
/// catalogue cache, and write over each other's index files.
///
/// The file also says how the store was left: the holder's process id while it is open, and
/// after a clean close (``recordClose()``) the store file's identity, size and modification
/// time. A store found exactly so, with no write-ahead log, was not touched since it was
/// checked and closed: its quick check (which reads every page, seconds for gigabytes) can be
/// skipped. After a crash, or any change to the file, it runs.
public final class StoreLock: Sendable {
    private let descriptor: Int32
    private let store: String
    /// Whether the store is as this lock's last holder closed it.
    public let closedCleanly: Bool

    /// Takes the lock of the store at `store`, making the file if need be; throws
    /// ``StoreError/inUse(_:pid:)`` when another process holds it.
    public init(store: String) throws(StoreError) {
        self.store = store
        let path = store + ".lock"
        do {
            try FileManager.default.createDirectory(at: URL(fileURLWithPath: path).deletingLastPathComponent(),
                                                    withIntermediateDirectories: true)
        } catch {
            throw .readOnly(store)
        }
        descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            throw errno == EACCES || errno == EROFS ? .readOnly(store) : .sqlite(code: nil, "cannot open \(path): \(String(cString: strerror(errno)))")
        }
        guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
            let holder = Int32(Self.read(descriptor).trimmingCharacters(in: .whitespacesAndNewlines))
            close(descriptor)
            throw .inUse(store, pid: holder)
        }
        closedCleanly = Self.read(descriptor) == Self.closedRecord(store) && FileIdentity(path: store + "-wal")?.size ?? 0 == 0
        write("\(getpid())\n")
    }

    deinit { close(descriptor) }

    /// Notes that the store was closed cleanly, as its file now is; call after closing it.
    public func recordClose() {
        if let record = Self.closedRecord(store) { write(record) }
    }

    private func write(_ text: String) {
        let bytes = Array(text.utf8)
        _ = ftruncate(descriptor, 0)
        _ = pwrite(descriptor, bytes, bytes.count, 0)
        _ = fsync(descriptor)
    }

    /// "closed" with the store file's identity; nil when it cannot be read.
    private static func closedRecord(_ store: String) -> String? {
        FileIdentity(path: store).map { "closed \($0)\n" }
    }

    private static func read(_ descriptor: Int32) -> String {
        var bytes = [UInt8](repeating: 0, count: 256)
        let count = pread(descriptor, &bytes, bytes.count, 0)
        return count > 0 ? String(decoding: bytes.prefix(count), as: UTF8.self) : ""
    }
}
