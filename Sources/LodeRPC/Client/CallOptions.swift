/// Per-call settings.
public struct CallOptions: Sendable {
    /// How long the call may take; the server ends it with DEADLINE_EXCEEDED after that.
    public var timeout: Duration?
    /// Request metadata, sent with the call's start.
    public var metadata: [String: String]

    public init(timeout: Duration? = nil, metadata: [String: String] = [:]) {
        self.timeout = timeout
        self.metadata = metadata
    }
}
