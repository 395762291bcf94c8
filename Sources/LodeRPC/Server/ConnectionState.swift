/// The decisions of one server connection (admission, hello and version, the call table,
/// backlog, drain, idle and GoAway) as a value with no I/O in it. `ServerConnectionHandler`
/// feeds it what happened and carries out the actions it returns, in order.
struct ConnectionState {
    /// The limits a connection enforces.
    struct Limits: Equatable {
        var maxConnections: Int
        var maxCallsPerConnection: Int
        var maxBufferedMessagesPerCall: Int
        var idleSeconds: Int64
    }

    /// What the handler does next.
    enum Action: Equatable {
        /// Answer the client's hello, and send no frame larger than its maximum (0: none).
        case sendHello(peerMaxFrameBytes: UInt64)
        /// A connection-level `GoAway` frame.
        case goAway(RPCError)
        /// Close once every frame written so far is out.
        case closeAfterFlush
        /// Close now: what was written is flushed on the way out.
        case close
        /// A start that does not become a call: a status frame on its id, no handler run.
        case refuse(callID: UInt64, RPCError)
        /// Run the handler of a call the router knows, with the request message and half-close
        /// that came in its start frame.
        case startCall(callID: UInt64, CallStart, first: [UInt8]?, halfClose: Bool)
        /// Queue a request message for a call's handler.
        case deliver(callID: UInt64, [UInt8])
        /// The client sends the call no more messages.
        case halfClose(callID: UInt64)
        /// A call's final status frame, decided by the connection (deadline, cancel, shutdown).
        case writeStatus(callID: UInt64, Status)
        /// Let a call go: cancel its handler and deadline, end its request queue, count it.
        case release(callID: UInt64, StatusCode)
        /// Ask the socket for more bytes.
        case read
        case armIdleTimer
        case cancelIdleTimer
    }

    enum Phase: Equatable {
        /// Admitted; the first frame must be a hello.
        case awaitingHello
        /// Calls are taken.
        case open
        /// No new calls; closes when the calls in flight are over.
        case draining
        /// Closing or closed: nothing more is read.
        case closing
    }

    let limits: Limits
    private(set) var phase = Phase.awaitingHello
    /// Whether the connection counts against the server's connection limit.
    private(set) var admitted = false
    private(set) var calls: Set<UInt64> = []
    /// Calls whose handlers have more request messages buffered than allowed.
    private(set) var backlogged: Set<UInt64> = []
    /// A read asked for while reading was paused.
    private(set) var readPending = false

    init(limits: Limits) { self.limits = limits }

    // MARK: Admission

    /// The connection is up; `admitted` says whether the server had room for it.
    mutating func connected(admitted: Bool) -> [Action] {
        self.admitted = admitted
        guard admitted else {
            return protocolError(RPCError(.resourceExhausted, "the server already has \(limits.maxConnections) connections open",
                                          details: ["max_connections": "\(limits.maxConnections)"]))
        }
        return [.armIdleTimer]
    }

    /// The peer may not use the server, or its credentials could not be read.
    mutating func peerRefused(_ reason: RPCError) -> [Action] { protocolError(reason) }

    /// The client announced a frame longer than the server takes.
    mutating func frameTooLarge(length: UInt64, limit: Int) -> [Action] {
        protocolError(RPCError(.resourceExhausted, "a frame of \(length) bytes exceeds the \(limit)-byte maximum",
                               details: ["max_frame_bytes": "\(limit)"]))
    }

    /// A frame whose bytes are not a `ClientFrame`.
    mutating func undecodableFrame(bytes: Int) -> [Action] {
        protocolError(RPCError(.invalidArgument, "a \(bytes)-byte frame is not a valid lode.rpc.v1.ClientFrame"))
    }

    // MARK: Frames

    /// A client frame; `methodExists` asks the router about a start's method.
    mutating func received(_ frame: ClientFrame, methodExists: (String) -> Bool) -> [Action] {
        switch phase {
        case .closing: return []
        case .awaitingHello: return receivedHello(frame)
        case .open, .draining: break
        }
        if frame.hello != nil {
            return misuse(RPCError(.failedPrecondition, "a connection takes one hello, as its first frame; this one came later",
                                   details: ["call_id": "\(frame.callId)"]))
        }
        let id = frame.callId
        var actions: [Action] = []
        if let start = frame.start {
            if id == 0 {
                return misuse(RPCError(.invalidArgument, "call id 0 belongs to the connection; number calls from 1",
                                       details: ["call_id": "0"]))
            }
            if calls.contains(id) {
                // Answered at connection level: a status on the id would read as the end of the call in flight.
                return misuse(RPCError(.alreadyExists, "call id \(id) is already in flight on this connection; the call in flight goes on",
                                       details: ["call_id": "\(id)"]))
            }
            if let refusal = refusal(of: start, methodExists: methodExists) { return [.refuse(callID: id, refusal)] }
            if calls.isEmpty { actions.append(.cancelIdleTimer) }
            calls.insert(id)
            actions.append(.startCall(callID: id, start, first: frame.message, halfClose: frame.halfClose))
        } else if calls.contains(id) {
            if let message = frame.message { actions.append(.deliver(callID: id, message)) }
            if frame.halfClose { actions.append(.halfClose(callID: id)) }
        } else {
            return []  // a call that is over, refused or never started: a late frame is harmless
        }
        if frame.cancel { actions += end(id, Status(RPCError(.cancelled, "the client cancelled the call"))) }
        return actions
    }

    private mutating func receivedHello(_ frame: ClientFrame) -> [Action] {
        guard let hello = frame.hello else {
            return protocolError(RPCError(.failedPrecondition, "the first frame on a connection must carry a hello",
                                          details: ["supported_versions": "\(Hello.currentVersion)"]))
        }
        guard hello.protocolVersion == Hello.currentVersion else {
            return protocolError(RPCError(.failedPrecondition,
                                          "protocol version \(hello.protocolVersion) is not supported; this server speaks version \(Hello.currentVersion)",
                                          details: ["supported_versions": "\(Hello.currentVersion)"]))
        }
        phase = .open
        return [.sendHello(peerMaxFrameBytes: hello.maxFrameBytes)]
    }

    /// Why a well-formed start on a free id is not run, if it is not.
    private func refusal(of start: CallStart, methodExists: (String) -> Bool) -> RPCError? {
        if phase == .draining { return RPCError(.unavailable, "the server is shutting down and takes no new calls") }
        if calls.count >= limits.maxCallsPerConnection {
            return RPCError(.resourceExhausted, "\(calls.count) calls are already in flight on this connection",
                            details: ["max_calls_per_connection": "\(limits.maxCallsPerConnection)"])
        }
        if !methodExists(start.method) {
            return RPCError(.unimplemented, "this server has no method \(start.method); `lode services` lists what it offers")
        }
        if start.timeoutMicros == 0 { return RPCError(.deadlineExceeded, "the call's deadline passed before it started") }
        return nil
    }

    // MARK: Backpressure

    /// A request message was queued for a call; `depth` is how many its handler has not taken.
    mutating func queued(callID: UInt64, depth: Int) {
        if depth > limits.maxBufferedMessagesPerCall, calls.contains(callID) { backlogged.insert(callID) }
    }

    /// A call's handler took its queue down to the low-water mark.
    mutating func queueDrained(callID: UInt64) -> [Action] {
        guard backlogged.remove(callID) != nil else { return [] }
        return resumeReading()
    }

    /// The channel wants to read: reading pauses while any call is backlogged.
    mutating func readRequested() -> [Action] {
        guard backlogged.isEmpty else {
            readPending = true
            return []
        }
        return [.read]
    }

    private mutating func resumeReading() -> [Action] {
        guard backlogged.isEmpty, readPending else { return [] }
        readPending = false
        return [.read]
    }

    // MARK: Ends of calls

    /// Whether frames for `callID` are still written.
    func isInFlight(_ callID: UInt64) -> Bool { calls.contains(callID) }

    /// A handler wrote its call's final frame, which ended with `code`.
    mutating func callFinished(_ callID: UInt64, _ code: StatusCode) -> [Action] {
        guard calls.contains(callID) else { return [] }
        return release(callID, code)
    }

    /// The connection ends a call with `status` (deadline, cancel) unless it is over already.
    mutating func end(_ callID: UInt64, _ status: Status) -> [Action] {
        guard calls.contains(callID) else { return [] }
        return [.writeStatus(callID: callID, status)] + release(callID, status.code)
    }

    private mutating func release(_ callID: UInt64, _ code: StatusCode) -> [Action] {
        calls.remove(callID)
        var actions: [Action] = [.release(callID: callID, code)]
        if backlogged.remove(callID) != nil { actions += resumeReading() }
        guard calls.isEmpty else { return actions }
        switch phase {
        case .draining: actions += closeAfterFlush()
        case .open: actions.append(.armIdleTimer)
        case .awaitingHello, .closing: break
        }
        return actions
    }

    // MARK: Connection ends

    /// Shutdown: no new calls; close when those in flight are over.
    mutating func drainRequested() -> [Action] {
        guard phase == .open || phase == .awaitingHello else { return [] }
        phase = .draining
        return [.goAway(RPCError(.unavailable, "the server is shutting down and takes no new calls"))]
            + (calls.isEmpty ? closeAfterFlush() : [])
    }

    /// The grace period is over: end what is left with UNAVAILABLE and close.
    mutating func closeRequested() -> [Action] {
        phase = .closing
        var actions: [Action] = [.cancelIdleTimer]
        for id in calls.sorted() {
            actions += end(id, Status(RPCError(.unavailable, "the server shut down before the call finished")))
        }
        return actions + [.close]
    }

    /// The idle timer fired.
    mutating func idleTimerFired() -> [Action] {
        guard calls.isEmpty, phase == .open || phase == .awaitingHello else { return [] }
        return [.goAway(RPCError(.unavailable, "closing a connection idle for \(limits.idleSeconds) s"))] + closeAfterFlush()
    }

    /// The client went away: every call in flight is cancelled.
    mutating func disconnected() -> [Action] {
        phase = .closing
        backlogged.removeAll()
        defer { calls.removeAll() }
        return [.cancelIdleTimer] + calls.sorted().map { .release(callID: $0, .cancelled) }
    }

    // MARK: GoAway

    /// A frame the connection cannot go on from: say why and close.
    private mutating func protocolError(_ reason: RPCError) -> [Action] {
        guard phase != .closing else { return [] }
        return [.goAway(reason)] + closeAfterFlush()
    }

    /// A well-formed frame that breaks the call rules: say why (naming the call id) and drain,
    /// so the calls in flight still finish.
    private mutating func misuse(_ reason: RPCError) -> [Action] {
        phase = .draining
        return [.goAway(reason)] + (calls.isEmpty ? closeAfterFlush() : [])
    }

    private mutating func closeAfterFlush() -> [Action] {
        phase = .closing
        return [.cancelIdleTimer, .closeAfterFlush]
    }
}
