/// A method a server offers: its path and how each side streams.
public struct MethodDescriptor: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable {
        case unary, serverStreaming, clientStreaming, bidirectionalStreaming

        public var clientStreams: Bool { self == .clientStreaming || self == .bidirectionalStreaming }
        public var serverStreams: Bool { self == .serverStreaming || self == .bidirectionalStreaming }
    }

    /// Full service name, `lode.health.v1.Health`.
    public let service: String
    /// Short method name, `Check`.
    public let name: String
    public let kind: Kind
    /// Full names of the message types.
    public let inputType: String
    public let outputType: String

    public init(service: String, name: String, kind: Kind, inputType: String, outputType: String) {
        self.service = service
        self.name = name
        self.kind = kind
        self.inputType = inputType
        self.outputType = outputType
    }

    /// Where a method's handler runs.
    public enum Execution: Sendable, Hashable {
        /// On the connection's event loop: for short, non-blocking handlers, which then cost no thread hop.
        case eventLoop
        /// On Swift's shared concurrency pool: for handlers that compute or block for a while.
        case pool
    }

    /// What a `CallStart` names: `/lode.health.v1.Health/Check`.
    public var path: String { "/\(service)/\(name)" }
}
