import LodeRPC

/// Page sizes of the calls, checked alike (cursors: `PageCursor`).
enum RequestPaging {
    /// `value`, or `fallback` when it is 0; INVALID_ARGUMENT above `max`.
    static func limit(_ value: UInt32, default fallback: Int, max: Int, field: String = "limit") throws -> Int {
        guard value <= max else { throw RPCError(.invalidArgument, "\(field) \(value) is above the maximum of \(max)") }
        return value == 0 ? fallback : Int(value)
    }
}
