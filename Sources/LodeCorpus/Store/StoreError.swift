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
    case sqlite(String)

    public var description: String {
        switch self {
        case .notADatabase(let p): "\(p) is not a SQLite database (damaged, or not a Lode store); it was left untouched"
        case .foreign(let p): "\(p) is a SQLite database but not a Lode store; it was left untouched. Pass --store with another path"
        case .corrupt(let p, let why): "\(p) failed SQLite's integrity check (\(why)); it was left untouched. Restore a backup or pass --store with another path"
        case .newerSchema(let p): "\(p) was written by a newer Lode; upgrade lode, or pass --store with another path"
        case .sqlite(let why): "store error: \(why)"
        }
    }
}
