import Foundation
import GRDB

/// Why the store could not be opened or used.
public enum StoreError: Error, Equatable, CustomStringConvertible {
    /// The file is not a SQLite database (or its header is damaged).
    case notADatabase(String)
    /// A SQLite database, but another program's.
    case foreign(String)
    /// SQLite's integrity check failed.
    case corrupt(String, String)
    /// Written by a newer Lode.
    case newerSchema(String)
    /// The store (its file, folder or file system) cannot be written.
    case readOnly(String)
    /// Writing failed for want of room: the disk is full, or a file-size limit was reached.
    case full(String)
    /// Another connection holds the database locked.
    case busy(String)
    /// Another server has the store open (``StoreLock``): the store's path and that process's id.
    case inUse(String, pid: Int32?)
    /// Any other failure: SQLite's result code (nil when SQLite did not fail) and its words.
    case sqlite(code: Int32?, String)

    /// The store error `error` (thrown by GRDB while using the store at `path`) stands for.
    public init(_ error: any Error, path: String) {
        guard let database = error as? DatabaseError else {
            self = (error as? StoreError) ?? .sqlite(code: nil, "\(error)")
            return
        }
        let sqlite = "\(database)"
        switch database.resultCode {
        case .SQLITE_READONLY, .SQLITE_PERM:
            self = .readOnly(path)
        case .SQLITE_CANTOPEN where !FileManager.default.isWritableFile(atPath: path):
            self = .readOnly(path)
        case .SQLITE_FULL:
            self = .full(Self.shortage(at: path) ?? "the disk holding \(path) is full (\(sqlite))")
        case .SQLITE_IOERR:
            // A write cut short by a file-size limit or a full disk reads as an I/O error.
            self = Self.shortage(at: path).map(StoreError.full) ?? .sqlite(code: database.resultCode.rawValue, sqlite)
        case .SQLITE_BUSY, .SQLITE_LOCKED:
            self = .busy(sqlite)
        default:
            self = .sqlite(code: database.resultCode.rawValue, sqlite)
        }
    }

    /// What leaves no room to write the store at `path`, if anything does: the file-size limit
    /// its files have reached, or a file system with under 1 MB free.
    private static func shortage(at path: String) -> String? {
        var limit = rlimit()
        if getrlimit(Int32(RLIMIT_FSIZE.rawValue), &limit) == 0, limit.rlim_cur != rlim_t.max {
            let largest = ["", "-wal", "-shm"].compactMap {
                (try? FileManager.default.attributesOfItem(atPath: path + $0)[.size] as? UInt64) ?? nil
            }.max() ?? 0
            if largest + 65_536 >= limit.rlim_cur {
                return "loded's file-size limit (\(limit.rlim_cur) bytes, ulimit -f) stops \(path) from growing"
            }
        }
        var fs = statvfs()
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
        if statvfs(folder, &fs) == 0, UInt64(fs.f_bavail) * UInt64(fs.f_frsize) < 1_048_576 {
            return "the disk holding \(path) is full"
        }
        return nil
    }

    public var description: String {
        switch self {
        case .notADatabase(let p): "\(p) is not a SQLite database (damaged, or not a Lode store); it was left untouched"
        case .foreign(let p): "\(p) is a SQLite database but not a Lode store; it was left untouched. Pass --store with another path"
        case .corrupt(let p, let why): "\(p) failed SQLite's integrity check (\(why)); it was left untouched. Restore a backup or pass --store with another path"
        case .newerSchema(let p): "\(p) was written by a newer Lode; upgrade lode, or pass --store with another path"
        case .readOnly(let p): "\(p) cannot be written (a read-only file, folder or file system, or another user's); make it writable for uid \(getuid()), or pass --store with another path"
        case .full(let why): "the store could not be written: \(why). Nothing of the failed write was kept; make room and send it again"
        case .busy(let why): "the store is locked by another connection (\(why)); try again"
        case .inUse(let p, let pid): "\(p) is in use by another loded\(pid.map { " (pid \($0))" } ?? ""); stop it, or pass --store with another path"
        case .sqlite(_, let why): "store error: \(why)"
        }
    }
}
