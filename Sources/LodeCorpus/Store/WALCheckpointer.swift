import Foundation
import GRDB
import GRDBSQLite
import Synchronization

/// Copies the write-ahead log back into the store file on a thread of its own. SQLite's
/// automatic checkpoint runs inside every commit that leaves the log past 1,000 pages, so
/// during an ingest the committing thread (the pipeline's serial stage) rewrote the store
/// file after nearly every batch, the same catalogue pages again and again. Here the writer's
/// commit hook only asks for a checkpoint once the log holds `threshold` pages, and a
/// passive one (it never blocks the writer or readers) runs beside the next commits; the
/// writer checkpoints itself only past `bound`, should these fall behind.
final class WALCheckpointer: Sendable {
    /// Pages in the log (4 KB each) from which a commit asks for a checkpoint: 32 MB.
    let threshold: Int32
    /// Pages in the log from which the writer checkpoints in its commit, as SQLite would: 256 MB.
    let bound: Int32
    private let path: String
    /// Runs the checkpoints one after another.
    private let queue = DispatchQueue(label: "lode.checkpoint", qos: .utility)
    /// Whether a checkpoint is queued and not yet started, and the connection they run on (a
    /// connection of its own: the pool's readers are read-only), opened by the first.
    private let state = Mutex<(pending: Bool, connection: DatabaseQueue?)>((false, nil))

    init(path: String, threshold: Int32 = 8_192, bound: Int32 = 65_536) {
        self.path = path
        self.threshold = threshold
        self.bound = bound
    }

    /// Installs the commit hook on a connection (only the writer's commits call it), in place
    /// of SQLite's automatic checkpoint.
    func watch(_ db: Database) {
        // The pool's configuration holds this object as long as the connection lives.
        sqlite3_wal_hook(db.sqliteConnection, { context, connection, name, pages in
            let me = Unmanaged<WALCheckpointer>.fromOpaque(context!).takeUnretainedValue()
            if pages >= me.bound {
                sqlite3_wal_checkpoint_v2(connection, name, SQLITE_CHECKPOINT_PASSIVE, nil, nil)
            } else if pages >= me.threshold {
                me.request()
            }
            return SQLITE_OK
        }, Unmanaged.passUnretained(self).toOpaque())
    }

    /// Asks for a checkpoint: one is queued unless one is queued already and has not started,
    /// so commits arriving faster than checkpoints share them.
    func request() {
        let queued = state.withLock { s in
            defer { s.pending = true }
            return s.pending
        }
        if !queued { queue.async { self.run() } }
    }

    private func run() {
        let connection = state.withLock { s in
            s.pending = false
            if s.connection == nil { s.connection = try? DatabaseQueue(path: path) }
            return s.connection
        }
        // A checkpoint that cannot be made (the store unreadable, the writer's own under way)
        // leaves the pages in the log, where readers find them; the next one copies them.
        _ = try? connection?.writeWithoutTransaction { try $0.checkpoint(.passive) }
    }

    /// Waits for the checkpoints asked for so far.
    func drain() { queue.sync {} }

    /// Waits for a checkpoint under way and closes the connection.
    func close() throws {
        drain()
        try state.withLock { s in
            try s.connection?.close()
            s.connection = nil
        }
    }
}
