import LodeWire
import NIOCore

/// One call in flight, in raw bytes: send request messages, read response messages.
/// Its responses end normally on an OK status and throw `RPCError` on any other.
public final class ClientCall: Sendable {
    public let id: UInt64
    public let method: String
    private let responses: MessageQueue<[UInt8]>
    private let outbound: ConnectionOutbound
    private let handler: NIOLoopBound<ClientConnectionHandler>

    init(id: UInt64, method: String, responses: MessageQueue<[UInt8]>, outbound: ConnectionOutbound,
         handler: NIOLoopBound<ClientConnectionHandler>) {
        self.id = id
        self.method = method
        self.responses = responses
        self.outbound = outbound
        self.handler = handler
    }

    /// Sends one request message, and half-closes with it when `end` is set. Waits while
    /// the connection cannot take more.
    public func send(_ message: [UInt8], end: Bool = false) async throws {
        try await outbound.write(ClientFrame(callId: id, message: message, halfClose: end).frame(allocator: outbound.allocator),
                                 callID: id, ends: nil)
    }

    /// Tells the server no more request messages follow.
    public func halfClose() async throws {
        try await outbound.write(ClientFrame(callId: id, halfClose: true).frame(allocator: outbound.allocator), callID: id, ends: nil)
    }

    /// Abandons the call: it ends here with CANCELLED, and the server cancels its handler.
    public func cancel() {
        let handler = self.handler, id = self.id
        outbound.eventLoop.execute { handler.value.abandon(id, RPCError(.cancelled, "the call was cancelled")) }
    }

    /// The next response message, nil after an OK status. Cancelling the waiting task
    /// cancels the call.
    public func next() async throws -> [UInt8]? {
        do {
            return try await responses.next()
        } catch is CancellationError {
            cancel()
            throw RPCError(.cancelled, "the call was cancelled")
        }
    }
}

/// Typed response messages of a streaming call.
public struct ResponseStream<Message: WireMessage>: AsyncSequence, Sendable {
    public let call: ClientCall

    public struct AsyncIterator: AsyncIteratorProtocol {
        let call: ClientCall
        public mutating func next() async throws -> Message? {
            guard let bytes = try await call.next() else { return nil }
            return try Message.decodeResponse(bytes)
        }
    }

    public func makeAsyncIterator() -> AsyncIterator { AsyncIterator(call: call) }
}

extension WireMessage {
    /// Decodes a response, turning a decoding failure into INTERNAL: the server broke the contract.
    static func decodeResponse(_ bytes: [UInt8]) throws(RPCError) -> Self {
        do {
            return try Self(wire: bytes)
        } catch {
            throw RPCError(.internal, "the server's response is not a valid \(protoName): \(error)")
        }
    }
}
