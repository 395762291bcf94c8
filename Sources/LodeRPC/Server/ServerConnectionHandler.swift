import Logging
import LodeWire
import NIOCore

/// Asks a connection to take no new calls and close once its calls are over.
struct DrainConnectionEvent {}
/// Ends a connection's remaining calls with UNAVAILABLE and closes it.
struct CloseConnectionEvent {}

/// One client connection on the server: hello, call dispatch, deadlines, cancellation,
/// backpressure and limits. Lives on its channel's event loop; handler tasks reach it
/// only through `ConnectionOutbound` and `eventLoop.execute`.
final class ServerConnectionHandler: ChannelDuplexHandler {
    typealias InboundIn = ByteBuffer
    typealias OutboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    private struct ActiveCall {
        var task: Task<Void, Never>?
        var deadlineTimer: Scheduled<Void>?
        var requests: MessageQueue<[UInt8]>
    }

    private let router: RPCRouter
    private let config: ServerConfiguration
    private let stats: ServerStats
    private var logger: Logger

    private var context: ChannelHandlerContext!
    private var outbound: ConnectionOutbound!
    private var executor: EventLoopExecutor!
    private var peer = PeerCredentials(pid: 0, uid: UInt32.max, gid: UInt32.max)
    private var admitted = false
    private var helloReceived = false
    private var draining = false
    private var closing = false
    private var calls: [UInt64: ActiveCall] = [:]
    private var backloggedCalls: Set<UInt64> = []
    private var pendingRead = false
    private var writer: CoalescingWriter!
    private var idleTimer: Scheduled<Void>?

    init(router: RPCRouter, config: ServerConfiguration, stats: ServerStats) {
        self.router = router
        self.config = config
        self.stats = stats
        self.logger = config.logger
    }

    // MARK: Connection lifecycle

    func handlerAdded(context: ChannelHandlerContext) {
        self.context = context
        writer = CoalescingWriter(context: context)
        executor = EventLoopExecutor(context.eventLoop)
        let loopBound = NIOLoopBound(self, eventLoop: context.eventLoop)
        outbound = ConnectionOutbound(allocator: context.channel.allocator, eventLoop: context.eventLoop,
                                      maxFrameBytes: config.maxFrameBytes) { frame, id, status in
            loopBound.value.emit(frame, callID: id, ends: status)
        }
    }

    /// Lets go of the channel once the connection is gone: the context (which holds this
    /// handler), the writer holding it, and the outbound whose delivery closure holds this
    /// handler. Each pair kept the other alive, so every closed connection leaked (~1.4 KB).
    func handlerRemoved(context: ChannelHandlerContext) {
        idleTimer?.cancel()
        idleTimer = nil
        self.context = nil
        writer = nil
        outbound = nil
        executor = nil
    }

    func channelActive(context: ChannelHandlerContext) {
        guard stats.admitConnection(limit: config.maxConnections) else {
            logger.warning("refused a connection: \(config.maxConnections) already open")
            return goAway(RPCError(.resourceExhausted, "the server already has \(config.maxConnections) connections open",
                                   details: ["max_connections": "\(config.maxConnections)"]), close: true)
        }
        admitted = true
        armIdleTimer()
        let loopBound = NIOLoopBound(self, eventLoop: context.eventLoop)
        PeerCredentials.of(context.channel).whenComplete { result in
            loopBound.value.checkPeer(result)
        }
        context.fireChannelActive()
    }

    private func checkPeer(_ result: Result<PeerCredentials, any Error>) {
        guard context != nil else { return }  // the client left before its credentials were read
        switch result {
        case .success(let p) where config.peerPolicy.admits(p):
            peer = p
            logger[metadataKey: "peer"] = "pid=\(p.pid) uid=\(p.uid)"
            logger.debug("connection accepted")
        case .success(let p):
            stats.update { $0.connectionsRefused += 1 }
            logger.warning("refused a connection from uid \(p.uid) gid \(p.gid) (pid \(p.pid))")
            goAway(RPCError(.permissionDenied, "uid \(p.uid) may not use this server; start loded with --allow-uid \(p.uid) to let it in",
                            details: ["peer_uid": "\(p.uid)"]), close: true)
        case .failure(let error):
            goAway(RPCError(.permissionDenied, "could not read the peer's credentials: \(error)"), close: true)
        }
    }

    func channelInactive(context: ChannelHandlerContext) {
        idleTimer?.cancel()
        outbound.update(writable: false, closed: true)
        for (id, call) in calls {
            call.task?.cancel()
            call.deadlineTimer?.cancel()
            call.requests.finish(throwing: CancellationError())
            stats.callEnded(.cancelled)
            logger.debug("call \(id) cancelled: the client went away")
        }
        calls.removeAll()
        if admitted { stats.update { $0.connectionsOpen -= 1 } }
        context.fireChannelInactive()
    }

    func channelWritabilityChanged(context: ChannelHandlerContext) {
        outbound.update(writable: context.channel.isWritable)
        context.fireChannelWritabilityChanged()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        if let tooLarge = error as? FrameDecoder.FrameTooLarge {
            logger.warning("closing: a \(tooLarge.length)-byte frame exceeds the \(tooLarge.limit)-byte maximum")
            return goAway(RPCError(.resourceExhausted, "a frame of \(tooLarge.length) bytes exceeds the \(tooLarge.limit)-byte maximum",
                                   details: ["max_frame_bytes": "\(tooLarge.limit)"]), close: true)
        }
        logger.debug("connection error: \(error)")
        context.close(promise: nil)
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        switch event {
        case is DrainConnectionEvent:
            guard !draining else { return }
            draining = true
            goAway(RPCError(.unavailable, "the server is shutting down and takes no new calls"), close: calls.isEmpty)
        case is CloseConnectionEvent:
            for id in Array(calls.keys) {
                end(id, Status(RPCError(.unavailable, "the server shut down before the call finished")))
            }
            context.close(promise: nil)
        default:
            context.fireUserInboundEventTriggered(event)
        }
    }

    // MARK: Reading frames

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard admitted, !closing else { return }
        let buffer = unwrapInboundIn(data)
        let frame: ClientFrame
        do {
            frame = try ClientFrame(frame: buffer)
        } catch {
            return goAway(RPCError(.invalidArgument, "a \(buffer.readableBytes)-byte frame is not a valid lode.rpc.v1.ClientFrame"), close: true)
        }
        guard helloReceived else { return receiveHello(frame) }
        if let start = frame.start {
            // A refused start leaves any call already in flight under that id alone.
            guard startCall(frame.callId, start, first: frame.message, halfClose: frame.halfClose) else { return }
        } else if let call = calls[frame.callId] {
            if let message = frame.message { receive(message, for: frame.callId, into: call.requests) }
            if frame.halfClose { call.requests.finish() }
        }
        if frame.cancel { end(frame.callId, Status(RPCError(.cancelled, "the client cancelled the call"))) }
    }

    private func receive(_ message: [UInt8], for id: UInt64, into requests: MessageQueue<[UInt8]>) {
        if requests.push(message) > config.maxBufferedMessagesPerCall { backloggedCalls.insert(id) }
    }

    private func receiveHello(_ frame: ClientFrame) {
        guard let hello = frame.hello else {
            return goAway(RPCError(.failedPrecondition, "the first frame on a connection must carry a hello",
                                   details: ["supported_versions": "\(Hello.currentVersion)"]), close: true)
        }
        guard hello.protocolVersion == Hello.currentVersion else {
            return goAway(RPCError(.failedPrecondition,
                                   "protocol version \(hello.protocolVersion) is not supported; this server speaks version \(Hello.currentVersion)",
                                   details: ["supported_versions": "\(Hello.currentVersion)"]), close: true)
        }
        helloReceived = true
        outbound.limit(toPeerMaximum: hello.maxFrameBytes)
        logger.debug("hello from \(hello.agent)")
        let reply = Hello(agent: config.agent, maxFrameBytes: UInt64(config.maxFrameBytes))
        write(ServerFrame(callId: 0, hello: reply))
    }

    /// Reading pauses while any call has more buffered requests than allowed.
    func read(context: ChannelHandlerContext) {
        if backloggedCalls.isEmpty { context.read() } else { pendingRead = true }
    }

    private func callDrained(_ id: UInt64) {
        guard backloggedCalls.remove(id) != nil, backloggedCalls.isEmpty, pendingRead else { return }
        pendingRead = false
        context.read()
    }

    // MARK: Calls

    /// Starts a call with the request message and half-close that came with its start, or
    /// answers the start with an error status. A handler that runs on the event loop starts
    /// right here, synchronously, until it first waits. Returns whether the call runs.
    private func startCall(_ id: UInt64, _ start: CallStart, first: [UInt8]?, halfClose: Bool) -> Bool {
        func refuse(_ error: RPCError) -> Bool {
            write(ServerFrame(callId: id, status: Status(error)))
            return false
        }
        if draining { return refuse(RPCError(.unavailable, "the server is shutting down and takes no new calls")) }
        if calls[id] != nil { return refuse(RPCError(.alreadyExists, "call id \(id) is already in flight on this connection")) }
        if calls.count >= config.maxCallsPerConnection {
            return refuse(RPCError(.resourceExhausted, "\(calls.count) calls are already in flight on this connection",
                                   details: ["max_calls_per_connection": "\(config.maxCallsPerConnection)"]))
        }
        guard let route = router.routes[start.method] else {
            return refuse(RPCError(.unimplemented, "this server has no method \(start.method); `lode services` lists what it offers"))
        }
        if start.timeoutMicros == 0 {
            stats.update { $0.callsTotal += 1; $0.callsDeadlineExceeded += 1 }
            return refuse(RPCError(.deadlineExceeded, "the call's deadline passed before it started"))
        }
        let loopBound = NIOLoopBound(self, eventLoop: context.eventLoop)
        let eventLoop = context.eventLoop
        let requests = MessageQueue<[UInt8]>(lowWater: config.maxBufferedMessagesPerCall / 2) {
            eventLoop.execute { loopBound.value.callDrained(id) }
        }
        let timeout = start.timeoutMicros.map { Duration.microseconds(Int64(clamping: $0)) }
        let serverContext = ServerContext(
            method: route.descriptor, start: start, deadline: timeout.map { ContinuousClock.now + $0 }, peer: peer,
            logger: logger, requests: requests, callID: id, outbound: outbound, router: router)
        var call = ActiveCall(requests: requests)
        if let timeout {
            call.deadlineTimer = context.eventLoop.scheduleTask(in: .microseconds(Int64(clamping: timeout.microseconds))) {
                loopBound.value.end(id, Status(RPCError(.deadlineExceeded, "the call's deadline passed")))
            }
        }
        stats.update { $0.callsTotal += 1; $0.callsInFlight += 1 }
        idleTimer?.cancel()
        calls[id] = call
        if let first { receive(first, for: id, into: requests) }
        if halfClose { requests.finish() }
        let outbound = self.outbound!
        let allocator = context.channel.allocator
        let run: @Sendable () async -> Void = {
            let final: ServerFrame
            do {
                let message = try await route.handler(serverContext)
                final = ServerFrame(callId: id, message: message, status: .ok)
            } catch {
                let rpcError = RPCError(ending: error)
                if rpcError.code == .internal { serverContext.logger.error("handler failed: \(error)") }
                final = ServerFrame(callId: id, status: Status(rpcError))
            }
            do {
                try await outbound.write(try final.frame(allocator: allocator), callID: id, ends: final.status)
            } catch {
                let status = Status(RPCError(ending: error))
                if let frame = try? ServerFrame(callId: id, status: status).frame(allocator: allocator) {
                    try? await outbound.write(frame, callID: id, ends: status)
                }
            }
        }
        calls[id]!.task = switch route.execution {
        case .eventLoop: Task.immediate(executorPreference: executor, operation: run)
        case .pool: Task(executorPreference: globalConcurrentExecutor, operation: run)
        }
        return true
    }

    /// Ends a call with `status` unless it has ended already; cancels its handler.
    private func end(_ id: UInt64, _ status: Status) {
        guard let call = calls[id] else { return }
        write(ServerFrame(callId: id, status: status))
        finish(id, call, status.code)
    }

    private func finish(_ id: UInt64, _ call: ActiveCall, _ code: StatusCode) {
        calls.removeValue(forKey: id)
        call.task?.cancel()
        call.deadlineTimer?.cancel()
        call.requests.finish(throwing: CancellationError())
        callDrained(id)
        stats.callEnded(code)
        guard calls.isEmpty else { return }
        if draining { closeAfterFlush() } else { armIdleTimer() }
    }

    // MARK: Writing frames

    /// A frame from a handler task: written only while its call is still on.
    private func emit(_ frame: ByteBuffer, callID: UInt64, ends status: Status?) {
        guard let call = calls[callID] else { return }
        writer.write(frame)
        if let status { finish(callID, call, status.code) }
    }

    private func write(_ frame: ServerFrame) {
        do {
            writer.write(try frame.frame(allocator: context.channel.allocator))
        } catch {
            logger.error("could not encode a frame: \(error)")
        }
    }


    private func goAway(_ reason: RPCError, close: Bool) {
        guard context != nil else { return }
        write(ServerFrame(callId: 0, goAway: GoAway(reason: Status(reason))))
        if close { closeAfterFlush() }
    }

    private func closeAfterFlush() {
        guard !closing else { return }
        closing = true
        let loopBound = NIOLoopBound(self, eventLoop: context.eventLoop)
        // Writes complete in order: once this empty one has, every frame before it is out.
        context.writeAndFlush(wrapOutboundOut(context.channel.allocator.buffer(capacity: 0))).whenComplete { _ in
            loopBound.value.context?.close(promise: nil)
        }
    }

    private func armIdleTimer() {
        idleTimer?.cancel()
        let loopBound = NIOLoopBound(self, eventLoop: context.eventLoop)
        let seconds = config.idleTimeout.components.seconds
        idleTimer = context.eventLoop.scheduleTask(in: .nanoseconds(Int64(config.idleTimeout / .nanoseconds(1)))) {
            let handler = loopBound.value
            guard handler.calls.isEmpty else { return }
            handler.logger.debug("closing an idle connection")
            handler.goAway(RPCError(.unavailable, "closing a connection idle for \(seconds) s"), close: true)
        }
    }
}

extension Duration {
    /// Whole microseconds.
    public var microseconds: Int64 { components.seconds * 1_000_000 + components.attoseconds / 1_000_000_000_000 }
}
