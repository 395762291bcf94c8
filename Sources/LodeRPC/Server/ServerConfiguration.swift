import Logging

/// How an `RPCServer` listens and what it tolerates.
public struct ServerConfiguration: Sendable {
    /// The Unix socket path to listen on.
    public var socketPath: String
    /// Largest frame accepted or sent, length prefix excluded.
    public var maxFrameBytes = 4 * 1024 * 1024
    /// Connections open at once; more are refused with RESOURCE_EXHAUSTED.
    public var maxConnections = 256
    /// Calls in flight on one connection; more are refused with RESOURCE_EXHAUSTED.
    public var maxCallsPerConnection = 1024
    /// A connection with no call in flight for this long is closed.
    public var idleTimeout: Duration = .seconds(300)
    /// Request messages buffered for one call before the server stops reading its connection.
    public var maxBufferedMessagesPerCall = 64
    /// Who may connect.
    public var peerPolicy: PeerPolicy = .ownerOnly
    /// Name and version sent in the server's hello.
    public var agent = "loded"
    public var logger = Logger(label: "lode.rpc")

    public init(socketPath: String) { self.socketPath = socketPath }
}
