import LodeRPC

/// The cursor every paged method hands out and takes back, opaque to clients: `o<n>`
/// continues at offset n (Search, Entity.List), `s<n>` after the document with store
/// sequence n (Corpus.List). A cursor no response of that method gave is INVALID_ARGUMENT.
enum PageCursor {
    /// The offset `cursor` continues at: 0 for the first page.
    static func offset(_ cursor: String, method: String) throws -> Int {
        guard !cursor.isEmpty else { return 0 }
        guard let n = number(cursor, kind: "o", method: method) else { throw refused(cursor, method) }
        return Int(n)
    }

    /// The store sequence `cursor` continues after: nil for the first page.
    static func sequence(_ cursor: String, method: String) throws -> Int64? {
        guard !cursor.isEmpty else { return nil }
        guard let n = number(cursor, kind: "s", method: method), n > 0 else { throw refused(cursor, method) }
        return n
    }

    /// The cursor after `returned` items from `offset`: more pages when the page came full and
    /// `total` lies past it; empty on the last page. The one rule for offset-paged methods.
    static func next(offset: Int, returned: Int, limit: Int, total: Int) -> String {
        returned > 0 && returned >= limit && offset + returned < total ? "o\(offset + returned)" : ""
    }

    /// The cursor after the document with store sequence `sequence`; empty when none follows.
    static func next(after sequence: Int64?) -> String { sequence.map { "s\($0)" } ?? "" }

    private static func number(_ cursor: String, kind: Character, method: String) -> Int64? {
        guard cursor.first == kind, let n = Int64(cursor.dropFirst()), n >= 0 else { return nil }
        return n
    }

    private static func refused(_ cursor: String, _ method: String) -> RPCError {
        RPCError(.invalidArgument, "cursor \(cursor) did not come from a \(method) response", details: ["cursor": cursor])
    }
}
