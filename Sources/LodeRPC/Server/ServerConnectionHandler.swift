import Logging
import LodeWire
import NIOCore

/// Asks a connection to take no new calls and close once its calls are over.
struct DrainConnectionEvent {}
/// Ends a connection's remaining calls with UNAVAILABLE and closes it.
struct CloseConnectionEvent {}

/// One client connection on the server. `ConnectionState` decides (hello, calls, limits,
/// backpressure, drain, idle, GoAway); this handler feeds it the channel's events and carries
/// out its actions: frames, handler tasks, deadlines, timers. Lives on its channel's event loop;
/// handler tasks reach it only through `ConnectionOutbound` and `eventLoop.execute`.
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
    private var state: ConnectionState
    private let credentials: @Sendable (any Channel) -> EventLoopFuture<PeerCredentials>

    private var context: ChannelHandlerContext!
    private var outbound: ConnectionOutbound!
    private var executor: EventLoopExecutor!
    private var peer = PeerCredentials(pid: 0, uid: UInt32.max, gid: UInt32.max)
    private var calls: [UInt64: ActiveCall] = [:]
    private var closing = false
    private var writer: CoalescingWriter!
    private var idleTimer: Scheduled<Void>?

    /// - Parameter credentials: reads who the peer is; the kernel's word (SO_PEERCRED) by default.
    init(router: RPCRouter, config: ServerConfiguration, stats: ServerStats,
         credentials: @escaping @Sendable (any Channel) -> EventLoopFuture<PeerCredentials> = PeerCredentials.of) {
        self.router = router
        self.credentials = credentials
        self.config = config
        self.stats = stats
        self.logger = config.logger
        state = ConnectionState(limits: .init(
            maxConnections: config.maxConnections, maxCallsPerConnection: config.maxCallsPerConnection,
            maxBufferedMessagesPerCall: config.maxBufferedMessagesPerCall, idleSeconds: config.idleTimeout.components.seconds))
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
        let admitted = stats.admitConnection(limit: config.maxConnections)
        if !admitted { logger.warning("refused a connection: \(config.maxConnections) already open") }
        perform(state.connected(admitted: admitted))
        guard admitted else { return }
        let loopBound = NIOLoopBound(self, eventLoop: context.eventLoop)
        credentials(context.channel).whenComplete { result in
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
            perform(state.peerRefused(RPCError(.permissionDenied, "uid \(p.uid) may not use this server; start loded with --allow-uid \(p.uid) to let it in",
                                               details: ["peer_uid": "\(p.uid)"])))
        case .failure(let error):
            perform(state.peerRefused(RPCError(.permissionDenied, "could not read the peer's credentials: \(error)")))
        }
    }

    func channelInactive(context: ChannelHandlerContext) {
        outbound.update(writable: false, closed: true)
        perform(state.disconnected())
        if state.admitted { stats.update { $0.connectionsOpen -= 1 } }
        context.fireChannelInactive()
    }

    func channelWritabilityChanged(context: ChannelHandlerContext) {
        outbound.update(writable: context.channel.isWritable)
        context.fireChannelWritabilityChanged()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        if let tooLarge = error as? FrameDecoder.FrameTooLarge {
            logger.warning("closing: a \(tooLarge.length)-byte frame exceeds the \(tooLarge.limit)-byte maximum")
            return perform(state.frameTooLarge(length: tooLarge.length, limit: tooLarge.limit))
        }
        logger.debug("connection error: \(error)")
        context.close(promise: nil)
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        switch event {
        case is DrainConnectionEvent: perform(state.drainRequested())
        case is CloseConnectionEvent: perform(state.closeRequested())
        default: context.fireUserInboundEventTriggered(event)
        }
    }

    // MARK: Reading frames

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let buffer = unwrapInboundIn(data)
        guard let frame = try? ClientFrame(frame: buffer) else {
            return perform(state.undecodableFrame(bytes: buffer.readableBytes))
        }
        perform(state.received(frame) { router.routes[$0] != nil })
    }

    /// Reading pauses while any call has more buffered requests than allowed.
    func read(context: ChannelHandlerContext) {
        perform(state.readRequested())
    }

    // MARK: Carrying out decisions

    private func perform(_ actions: [ConnectionState.Action]) {
        guard context != nil else { return }
        for action in actions {
            switch action {
            case .sendHello(let peerMaximum):
                outbound.limit(toPeerMaximum: peerMaximum)
                write(ServerFrame(callId: 0, hello: Hello(agent: config.agent, maxFrameBytes: UInt64(config.maxFrameBytes))))
            case .goAway(let reason):
                if reason.code != .unavailable { logger.debug("go-away: \(reason)") }
                write(ServerFrame(callId: 0, goAway: GoAway(reason: Status(reason))))
            case .closeAfterFlush: closeAfterFlush()
            case .close: context.close(promise: nil)
            case .refuse(let id, let error):
                if error.code == .deadlineExceeded { stats.update { $0.callsTotal += 1; $0.callsDeadlineExceeded += 1 } }
                write(ServerFrame(callId: id, status: Status(error)))
            case .startCall(let id, let start, let first, let halfClose):
                startCall(id, start, first: first, halfClose: halfClose)
            case .deliver(let id, let message): deliver(message, to: id)
            case .halfClose(let id): calls[id]?.requests.finish()
            case .writeStatus(let id, let status): write(ServerFrame(callId: id, status: status))
            case .release(let id, let code):
                guard let call = calls.removeValue(forKey: id) else { break }
                call.task?.cancel()
                call.deadlineTimer?.cancel()
                call.requests.finish(throwing: CancellationError())
                stats.callEnded(code)
            case .read: context.read()
            case .armIdleTimer: armIdleTimer()
            case .cancelIdleTimer:
                idleTimer?.cancel()
                idleTimer = nil
            }
        }
    }

    private func deliver(_ message: [UInt8], to id: UInt64) {
        guard let call = calls[id] else { return }
        state.queued(callID: id, depth: call.requests.push(message))
    }

    /// Starts a call's handler with the request message and half-close that came with its
    /// start. A handler that runs on the event loop starts right here, synchronously, until it
    /// first waits.
    private func startCall(_ id: UInt64, _ start: CallStart, first: [UInt8]?, halfClose: Bool) {
        let route = router.routes[start.method]!
        let loopBound = NIOLoopBound(self, eventLoop: context.eventLoop)
        let eventLoop = context.eventLoop
        let requests = MessageQueue<[UInt8]>(lowWater: config.maxBufferedMessagesPerCall / 2) {
            eventLoop.execute { loopBound.value.queueDrained(id) }
        }
        let timeout = start.timeoutMicros.map { Duration.microseconds(Int64(clamping: $0)) }
        let serverContext = ServerContext(
            method: route.descriptor, start: start, deadline: timeout.map { ContinuousClock.now + $0 }, peer: peer,
            logger: logger, requests: requests, callID: id, outbound: outbound, router: router)
        var call = ActiveCall(requests: requests)
        if let timeout {
            call.deadlineTimer = context.eventLoop.scheduleTask(in: .microseconds(Int64(clamping: timeout.microseconds))) {
                let handler = loopBound.value
                handler.perform(handler.state.end(id, Status(RPCError(.deadlineExceeded, "the call's deadline passed"))))
            }
        }
        stats.update { $0.callsTotal += 1; $0.callsInFlight += 1 }
        calls[id] = call
        if let first { deliver(first, to: id) }
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
                // The status must go out: under a small peer limit, without its message, or its code alone.
                let status = Status(RPCError(ending: error))
                for shorter in [status, Status(code: status.code, details: status.details), Status(code: status.code)] {
                    guard let frame = try? ServerFrame(callId: id, status: shorter).frame(allocator: allocator) else { continue }
                    if (try? await outbound.write(frame, callID: id, ends: shorter)) != nil { break }
                }
            }
        }
        let task = switch route.execution {
        case .eventLoop: Task.immediate(executorPreference: executor, operation: run)
        case .pool: Task(executorPreference: globalConcurrentExecutor, operation: run)
        }
        calls[id]?.task = task
    }

    private func queueDrained(_ id: UInt64) {
        perform(state.queueDrained(callID: id))
    }

    // MARK: Writing frames

    /// A frame from a handler task: written only while its call is still on.
    private func emit(_ frame: ByteBuffer, callID: UInt64, ends status: Status?) {
        guard state.isInFlight(callID) else { return }
        writer.write(frame)
        if let status { perform(state.callFinished(callID, status.code)) }
    }

    private func write(_ frame: ServerFrame) {
        do {
            writer.write(try frame.frame(allocator: context.channel.allocator))
        } catch {
            logger.error("could not encode a frame: \(error)")
        }
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
        idleTimer = context.eventLoop.scheduleTask(in: .nanoseconds(Int64(config.idleTimeout / .nanoseconds(1)))) {
            let handler = loopBound.value
            handler.perform(handler.state.idleTimerFired())
        }
    }
}

extension Duration {
    /// Whole microseconds.
    public var microseconds: Int64 { components.seconds * 1_000_000 + components.attoseconds / 1_000_000_000_000 }
}
