import Logging
import LodeWire
import NIOCore
import Synchronization

/// What a handler knows about its call, and its way to send response messages.
public final class ServerContext: Sendable {
    public let method: MethodDescriptor
    /// Request metadata from the call's start.
    public let metadata: [String: String]
    /// When the call must be over; the server ends it with DEADLINE_EXCEEDED then.
    public let deadline: ContinuousClock.Instant?
    /// The connected process, as the kernel reports it.
    public let peer: PeerCredentials
    /// The connection's logger, with this call's id and method as metadata.
    public var logger: Logger {
        var logger = connectionLogger
        logger[metadataKey: "call"] = "\(callID) \(method.path)"
        return logger
    }
    private let connectionLogger: Logger
    /// Raw request messages, in order; finished when the client half-closes.
    public let requests: MessageQueue<[UInt8]>

    let callID: UInt64
    let outbound: ConnectionOutbound
    private let router: RPCRouter

    init(method: MethodDescriptor, start: CallStart, deadline: ContinuousClock.Instant?, peer: PeerCredentials,
         logger: Logger, requests: MessageQueue<[UInt8]>, callID: UInt64, outbound: ConnectionOutbound, router: RPCRouter) {
        self.router = router
        self.method = method
        self.metadata = start.metadata
        self.deadline = deadline
        self.peer = peer
        self.connectionLogger = logger
        self.requests = requests
        self.callID = callID
        self.outbound = outbound
    }

    /// Every method of the server running this call, ordered by path.
    public var offeredMethods: [MethodDescriptor] { router.methods }

    /// Sends one raw response message, waiting while the connection cannot take more.
    /// Throws `CancellationError` once the call is over.
    public func send(_ message: [UInt8]) async throws {
        try Task.checkCancellation()
        let frame = try ServerFrame(callId: callID, message: message).frame(allocator: outbound.allocator)
        try await outbound.write(frame, callID: callID, ends: nil)
    }

    /// Sends a typed response message.
    public func send<M: WireMessage>(_ message: M) async throws {
        try await send(message.wireBytes())
    }
}

/// Typed request messages of a call, decoded as they arrive. A message that does not
/// decode as `Message` ends the call with INVALID_ARGUMENT.
public struct RequestStream<Message: WireMessage>: AsyncSequence, Sendable {
    let queue: MessageQueue<[UInt8]>

    public struct AsyncIterator: AsyncIteratorProtocol {
        var raw: MessageQueue<[UInt8]>.AsyncIterator
        public mutating func next() async throws -> Message? {
            guard let bytes = try await raw.next() else { return nil }
            return try Message.decodeRequest(bytes)
        }
    }

    public func makeAsyncIterator() -> AsyncIterator { AsyncIterator(raw: queue.makeAsyncIterator()) }

    /// The next request and up to `maxCount - 1` more already received; nil at the end.
    public func nextBatch(maxCount: Int) async throws -> [Message]? {
        try await queue.nextBatch(maxCount: maxCount)?.map { try Message.decodeRequest($0) }
    }
}

extension WireMessage {
    /// Decodes a request, turning a decoding failure into INVALID_ARGUMENT.
    static func decodeRequest(_ bytes: [UInt8]) throws(RPCError) -> Self {
        do {
            return try Self(wire: bytes)
        } catch {
            throw RPCError(.invalidArgument, "the request is not a valid \(protoName): \(error)",
                           details: ["expected_type": protoName])
        }
    }
}
