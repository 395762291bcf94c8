import LodeWire
import NIOCore

/// The client end of a connection: sends frames for its calls and routes the server's
/// frames back to them. Lives on the channel's event loop.
final class ClientConnectionHandler: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    private struct PendingCall {
        let responses: MessageQueue<[UInt8]>
        var timer: Scheduled<Void>?
    }

    let hello: EventLoopPromise<Hello>
    private var context: ChannelHandlerContext!
    private var calls: [UInt64: PendingCall] = [:]
    /// Set once the server said it takes no new calls, or the connection broke.
    private var refusal: RPCError?
    private var writer: CoalescingWriter!

    /// How long past a deadline the client waits for the server's DEADLINE_EXCEEDED.
    static let serverGrace = Duration.milliseconds(500)

    init(hello: EventLoopPromise<Hello>) { self.hello = hello }

    func handlerAdded(context: ChannelHandlerContext) {
        self.context = context
        writer = CoalescingWriter(context: context)
    }

    /// Registers a call and writes its first frame. The server enforces the deadline; a
    /// local timer, `serverGrace` later, ends the call should the server not answer at all.
    func start(_ id: UInt64, frame: ByteBuffer, responses: MessageQueue<[UInt8]>, timeout: Duration?) {
        if let refusal { return responses.finish(throwing: refusal) }
        var call = PendingCall(responses: responses)
        if let timeout {
            let loopBound = NIOLoopBound(self, eventLoop: context.eventLoop)
            call.timer = context.eventLoop.scheduleTask(in: .nanoseconds(Int64((timeout + Self.serverGrace) / .nanoseconds(1)))) {
                loopBound.value.abandon(id, RPCError(.deadlineExceeded, "the call's deadline passed"))
            }
        }
        calls[id] = call
        write(frame)
    }

    /// Writes a later frame of a call still in flight.
    func send(_ frame: ByteBuffer, for id: UInt64) {
        if calls[id] != nil { write(frame) }
    }

    /// Ends a call locally with `error` and tells the server to cancel it.
    func abandon(_ id: UInt64, _ error: RPCError) {
        guard let call = calls.removeValue(forKey: id) else { return }
        call.timer?.cancel()
        call.responses.finish(throwing: error)
        if let frame = try? ClientFrame(callId: id, cancel: true).frame(allocator: context.channel.allocator) { write(frame) }
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let buffer = unwrapInboundIn(data)
        guard let frame = try? ServerFrame(frame: buffer) else {
            return fail(RPCError(.internal, "the server sent a frame that is not a valid lode.rpc.v1.ServerFrame"), close: true)
        }
        if let h = frame.hello { return hello.succeed(h) }
        if let goAway = frame.goAway {
            let error = goAway.reason.error ?? RPCError(.unavailable, "the server takes no new calls")
            refusal = error
            hello.fail(error)
            if error.code != .unavailable { fail(error, close: false) }
            return
        }
        guard var call = calls[frame.callId] else { return }
        if let message = frame.message { call.responses.push(message) }
        if let status = frame.status {
            calls.removeValue(forKey: frame.callId)
            call.timer?.cancel()
            call.timer = nil
            call.responses.finish(throwing: status.error)
        }
    }

    func channelInactive(context: ChannelHandlerContext) {
        fail(refusal ?? RPCError(.unavailable, "the connection to loded closed"), close: false)
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        if let tooLarge = error as? FrameDecoder.FrameTooLarge {
            return fail(RPCError(.resourceExhausted, "the server sent a \(tooLarge.length)-byte frame, above this client's \(tooLarge.limit)-byte maximum"), close: true)
        }
        fail(RPCError(.unavailable, "the connection to loded failed: \(error)"), close: true)
    }

    private func fail(_ error: RPCError, close: Bool) {
        refusal = refusal ?? error
        hello.fail(error)
        for (_, call) in calls {
            call.timer?.cancel()
            call.responses.finish(throwing: error)
        }
        calls.removeAll()
        if close { context.close(promise: nil) }
    }

    private func write(_ buffer: ByteBuffer) { writer.write(buffer) }
}
