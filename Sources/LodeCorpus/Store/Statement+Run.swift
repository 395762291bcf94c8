import GRDB
import GRDBSQLite

/// A value bound straight through SQLite's C API by ``GRDB/Statement/run(_:)``.
enum SQLValue {
    case integer(Int64)
    case text(String?)
    case blob([UInt8])
}

extension Statement {
    /// Runs this statement (one that returns no rows) with `values` bound in order through
    /// SQLite's C API, then resets it. For the catalogue's small rows, written by the
    /// thousand a batch, GRDB's arguments (a boxed value per argument, checked and converted)
    /// cost more than the write.
    func run(_ values: [SQLValue]) throws {
        let statement = sqliteStatement
        defer {
            sqlite3_reset(statement)
            sqlite3_clear_bindings(statement)
        }
        for (i, value) in values.enumerated() {
            let at = Int32(i + 1)
            switch value {
            case .integer(let v): sqlite3_bind_int64(statement, at, v)
            case .text(nil): sqlite3_bind_null(statement, at)
            case .text(let s?):
                var s = s
                s.withUTF8 { bytes in
                    _ = sqlite3_bind_text(statement, at, bytes.baseAddress.map { UnsafeRawPointer($0).assumingMemoryBound(to: CChar.self) },
                                          Int32(bytes.count), unsafeBitCast(-1, to: sqlite3_destructor_type.self))
                }
            case .blob(let b):
                b.withUnsafeBytes { bytes in
                    _ = sqlite3_bind_blob(statement, at, bytes.baseAddress, Int32(bytes.count),
                                          unsafeBitCast(-1, to: sqlite3_destructor_type.self))
                }
            }
        }
        let code = sqlite3_step(statement)
        guard code == SQLITE_DONE else {
            throw DatabaseError(resultCode: ResultCode(rawValue: code),
                                message: String(cString: sqlite3_errmsg(sqlite3_db_handle(statement))), sql: sql)
        }
    }
}
