import LodeRPC

/// `lode`'s exit codes: one per class of outcome, documented in README.md.
public enum ExitCodes {
    public static let ok: Int32 = 0
    /// A command line `lode` could not make sense of: unknown command, missing or bad argument, invalid JSON.
    public static let usage: Int32 = 2
    /// No server, or it is shutting down (UNAVAILABLE).
    public static let unavailable: Int32 = 3
    /// The server refused the request as malformed (INVALID_ARGUMENT, FAILED_PRECONDITION, OUT_OF_RANGE).
    public static let badRequest: Int32 = 4
    /// NOT_FOUND.
    public static let notFound: Int32 = 5
    /// ALREADY_EXISTS, ABORTED.
    public static let conflict: Int32 = 6
    /// PERMISSION_DENIED, UNAUTHENTICATED.
    public static let denied: Int32 = 7
    /// RESOURCE_EXHAUSTED.
    public static let exhausted: Int32 = 8
    /// DEADLINE_EXCEEDED.
    public static let timeout: Int32 = 9
    /// CANCELLED.
    public static let cancelled: Int32 = 10
    /// UNIMPLEMENTED.
    public static let unimplemented: Int32 = 11
    /// INTERNAL, UNKNOWN, DATA_LOSS: a fault in the server.
    public static let serverError: Int32 = 12

    /// The exit code for a call that ended with `code`.
    public static func code(for code: StatusCode) -> Int32 {
        switch code {
        case .ok: ok
        case .unavailable: unavailable
        case .invalidArgument, .failedPrecondition, .outOfRange: badRequest
        case .notFound: notFound
        case .alreadyExists, .aborted: conflict
        case .permissionDenied, .unauthenticated: denied
        case .resourceExhausted: exhausted
        case .deadlineExceeded: timeout
        case .cancelled: cancelled
        case .unimplemented: unimplemented
        default: serverError
        }
    }
}

/// A command line `lode` could not make sense of (exit code 2).
public struct UsageError: Error, CustomStringConvertible {
    public let description: String
    public init(_ message: String) { description = message }
}
