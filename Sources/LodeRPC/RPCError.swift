/// A call that ended with a status other than OK: what crosses the wire as `lode.rpc.v1.Status`.
public struct RPCError: Error, Sendable, Equatable, CustomStringConvertible {
    public var code: StatusCode
    /// A sentence for a person: what went wrong and what to change.
    public var message: String
    /// Machine-readable particulars.
    public var details: [String: String]

    public init(_ code: StatusCode, _ message: String, details: [String: String] = [:]) {
        self.code = code
        self.message = message
        self.details = details
    }

    public var description: String { "\(code.name): \(message)" }
}

/// An error that knows which status it should end a call with. Domain errors
/// conform in the server module, the one place codes are chosen.
public protocol RPCErrorConvertible: Error {
    var rpcError: RPCError { get }
}

extension RPCError {
    /// The status a handler's thrown error ends its call with.
    public init(ending error: any Error) {
        switch error {
        case let e as RPCError: self = e
        case let e as any RPCErrorConvertible: self = e.rpcError
        case is CancellationError: self = RPCError(.cancelled, "the call was cancelled")
        default: self = RPCError(.internal, "internal error: \(error)")
        }
    }
}
