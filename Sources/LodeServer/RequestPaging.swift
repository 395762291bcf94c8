import LodeRPC

/// Page sizes and offset cursors ("o<n>") of the calls, checked alike.
enum RequestPaging {
    /// `value`, or `fallback` when it is 0; INVALID_ARGUMENT above `max`.
    static func limit(_ value: UInt32, default fallback: Int, max: Int, field: String = "limit") throws -> Int {
        guard value <= max else { throw RPCError(.invalidArgument, "\(field) \(value) is above the maximum of \(max)") }
        return value == 0 ? fallback : Int(value)
    }

    /// The offset `cursor` continues from (0 when empty), as `method`'s responses gave it.
    static func offset(_ cursor: String, from method: String) throws -> Int {
        guard !cursor.isEmpty else { return 0 }
        guard cursor.hasPrefix("o"), let n = Int(cursor.dropFirst()), n >= 0 else {
            throw RPCError(.invalidArgument, "cursor \(cursor) did not come from a \(method) response")
        }
        return n
    }
}
