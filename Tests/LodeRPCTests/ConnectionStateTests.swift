@testable import LodeRPC
import Testing

/// Every decision of `ConnectionState`, event by event, with no channel.
@Suite struct ConnectionStateTests {
    typealias Action = ConnectionState.Action
    static let limits = ConnectionState.Limits(maxConnections: 4, maxCallsPerConnection: 2, maxBufferedMessagesPerCall: 3, idleSeconds: 300)
    static let method = "/lode.health.v1.Health/Check"
    static let known: @Sendable (String) -> Bool = { $0 == method }

    /// A connection past its hello.
    func open() -> ConnectionState {
        var state = ConnectionState(limits: Self.limits)
        _ = state.connected(admitted: true)
        #expect(state.received(hello(), methodExists: Self.known) == [.sendHello(peerMaxFrameBytes: 1024)])
        #expect(state.phase == .open)
        return state
    }

    func hello(version: UInt32 = Hello.currentVersion) -> ClientFrame {
        ClientFrame(callId: 0, hello: Hello(protocolVersion: version, agent: "test", maxFrameBytes: 1024))
    }

    func start(_ id: UInt64, method: String = method, timeout: UInt64? = nil, message: [UInt8]? = [1], halfClose: Bool = true) -> ClientFrame {
        ClientFrame(callId: id, start: CallStart(method: method, timeoutMicros: timeout), message: message, halfClose: halfClose)
    }

    func startAction(_ id: UInt64, message: [UInt8]? = [1], halfClose: Bool = true) -> Action {
        .startCall(callID: id, CallStart(method: Self.method), first: message, halfClose: halfClose)
    }

    func goAwayCode(_ actions: [Action]) -> StatusCode? {
        for case .goAway(let reason) in actions { return reason.code }
        return nil
    }

    // MARK: Admission and hello

    @Test func anAdmittedConnectionArmsItsIdleTimer() {
        var state = ConnectionState(limits: Self.limits)
        #expect(state.connected(admitted: true) == [.armIdleTimer])
        #expect(state.admitted && state.phase == .awaitingHello)
    }

    @Test func aConnectionOverTheLimitGetsResourceExhaustedAndCloses() {
        var state = ConnectionState(limits: Self.limits)
        let actions = state.connected(admitted: false)
        #expect(actions == [.goAway(RPCError(.resourceExhausted, "the server already has 4 connections open", details: ["max_connections": "4"])),
                            .cancelIdleTimer, .closeAfterFlush])
        #expect(!state.admitted && state.phase == .closing)
        #expect(state.received(hello(), methodExists: Self.known) == [], "nothing is read once closing")
    }

    @Test func aRefusedPeerGetsItsReasonAndCloses() {
        var state = ConnectionState(limits: Self.limits)
        _ = state.connected(admitted: true)
        let reason = RPCError(.permissionDenied, "uid 7 may not use this server")
        #expect(state.peerRefused(reason) == [.goAway(reason), .cancelIdleTimer, .closeAfterFlush])
        #expect(state.peerRefused(reason) == [], "one go-away per connection for protocol errors")
    }

    @Test func aFirstFrameWithoutHelloNamesTheSupportedVersions() {
        var state = ConnectionState(limits: Self.limits)
        _ = state.connected(admitted: true)
        let actions = state.received(start(1), methodExists: Self.known)
        guard case .goAway(let reason) = actions.first else { Issue.record("no go-away: \(actions)"); return }
        #expect(reason.code == .failedPrecondition && reason.details == ["supported_versions": "1"])
        #expect(actions.last == .closeAfterFlush && state.phase == .closing)
    }

    @Test func anUnknownVersionIsRefusedWithTheSupportedOnes() {
        var state = ConnectionState(limits: Self.limits)
        _ = state.connected(admitted: true)
        let actions = state.received(hello(version: 2), methodExists: Self.known)
        guard case .goAway(let reason) = actions.first else { Issue.record("no go-away: \(actions)"); return }
        #expect(reason.code == .failedPrecondition && reason.details["supported_versions"] == "1")
        #expect(reason.message.contains("version 2"))
        #expect(state.phase == .closing)
    }

    @Test func aSecondHelloDrainsTheConnectionButLetsCallsFinish() {
        var state = open()
        #expect(state.received(start(5, halfClose: false), methodExists: Self.known) == [.cancelIdleTimer, startAction(5, halfClose: false)])
        let actions = state.received(hello(), methodExists: Self.known)
        guard case .goAway(let reason) = actions.first else { Issue.record("no go-away: \(actions)"); return }
        #expect(reason.code == .failedPrecondition && reason.details == ["call_id": "0"])
        #expect(actions.count == 1, "call 5 is in flight: no close yet")
        #expect(state.phase == .draining && state.isInFlight(5))
        #expect(state.callFinished(5, .ok) == [.release(callID: 5, .ok), .cancelIdleTimer, .closeAfterFlush])
    }

    // MARK: Call ids

    @Test func callIdZeroIsTheConnectionsAndIsAnsweredAtConnectionLevel() {
        var state = open()
        let actions = state.received(start(0), methodExists: Self.known)
        #expect(actions.count == 3)
        guard case .goAway(let reason) = actions.first else { Issue.record("no go-away: \(actions)"); return }
        #expect(reason.code == .invalidArgument && reason.details == ["call_id": "0"])
        #expect(!state.isInFlight(0) && state.phase == .closing)
    }

    @Test func aReusedIdInFlightIsAnsweredAtConnectionLevelAndTheCallGoesOn() {
        var state = open()
        _ = state.received(start(7, halfClose: false), methodExists: Self.known)
        let actions = state.received(start(7), methodExists: Self.known)
        #expect(actions.count == 1)
        guard case .goAway(let reason) = actions.first else { Issue.record("no go-away: \(actions)"); return }
        #expect(reason.code == .alreadyExists && reason.details == ["call_id": "7"])
        #expect(state.isInFlight(7))
        #expect(state.received(ClientFrame(callId: 7, message: [2], halfClose: true), methodExists: Self.known)
                == [.deliver(callID: 7, [2]), .halfClose(callID: 7)], "the call in flight still takes its messages")
        #expect(state.received(start(8), methodExists: Self.known).first
                == .refuse(callID: 8, RPCError(.unavailable, "the server is shutting down and takes no new calls")))
    }

    @Test func anIdMayBeReusedOnceItsCallIsOver() {
        var state = open()
        _ = state.received(start(3), methodExists: Self.known)
        _ = state.callFinished(3, .ok)
        #expect(state.received(start(3), methodExists: Self.known) == [.cancelIdleTimer, startAction(3)])
    }

    @Test func framesForUnknownCallsAreIgnored() {
        var state = open()
        #expect(state.received(ClientFrame(callId: 9, message: [1], halfClose: true, cancel: true), methodExists: Self.known) == [])
        #expect(state.received(ClientFrame(callId: 0, message: [1]), methodExists: Self.known) == [])
    }

    // MARK: Refusals

    @Test func refusalsAnswerOnTheCallsIdAndStartNothing() {
        var state = open()
        #expect(state.received(start(1, method: "/no.Such/Method"), methodExists: Self.known)
                == [.refuse(callID: 1, RPCError(.unimplemented, "this server has no method /no.Such/Method; `lode services` lists what it offers"))])
        #expect(state.received(start(2, timeout: 0), methodExists: Self.known)
                == [.refuse(callID: 2, RPCError(.deadlineExceeded, "the call's deadline passed before it started"))])
        #expect(state.calls.isEmpty)
        _ = state.received(start(3, halfClose: false), methodExists: Self.known)
        _ = state.received(start(4, halfClose: false), methodExists: Self.known)
        let actions = state.received(start(5), methodExists: Self.known)
        guard case .refuse(5, let error) = actions.first else { Issue.record("not refused: \(actions)"); return }
        #expect(error.code == .resourceExhausted && error.details == ["max_calls_per_connection": "2"])
        #expect(state.calls == [3, 4])
    }

    // MARK: Ends of calls

    @Test func theLastCallEndingRearmsTheIdleTimer() {
        var state = open()
        _ = state.received(start(1, halfClose: false), methodExists: Self.known)
        _ = state.received(start(2, halfClose: false), methodExists: Self.known)
        #expect(state.callFinished(1, .ok) == [.release(callID: 1, .ok)])
        #expect(state.callFinished(1, .ok) == [], "a call ends once")
        #expect(state.callFinished(2, .internal) == [.release(callID: 2, .internal), .armIdleTimer])
    }

    @Test func cancelAndDeadlineEndACallOnceWithTheirStatus() {
        var state = open()
        _ = state.received(start(1, halfClose: false), methodExists: Self.known)
        let cancelled = Status(RPCError(.cancelled, "the client cancelled the call"))
        #expect(state.received(ClientFrame(callId: 1, cancel: true), methodExists: Self.known)
                == [.writeStatus(callID: 1, cancelled), .release(callID: 1, .cancelled), .armIdleTimer])
        #expect(state.end(1, Status(RPCError(.deadlineExceeded, "late"))) == [], "the deadline of an ended call does nothing")
        #expect(!state.isInFlight(1))
    }

    @Test func aStartFrameMayCarryItsCancel() {
        var state = open()
        let frame = ClientFrame(callId: 4, start: CallStart(method: Self.method), message: [1], halfClose: true, cancel: true)
        let actions = state.received(frame, methodExists: Self.known)
        #expect(actions.prefix(2) == [.cancelIdleTimer, startAction(4)])
        #expect(actions.dropFirst(2).first == .writeStatus(callID: 4, Status(RPCError(.cancelled, "the client cancelled the call"))))
        #expect(!state.isInFlight(4), "the handler's own answer is dropped")
    }

    // MARK: Backpressure

    @Test func readingPausesWhileACallIsBacklogged() {
        var state = open()
        _ = state.received(start(1, halfClose: false), methodExists: Self.known)
        #expect(state.readRequested() == [.read])
        state.queued(callID: 1, depth: 3)
        #expect(state.readRequested() == [.read], "at the limit reading goes on")
        state.queued(callID: 1, depth: 4)
        #expect(state.readRequested() == [])
        #expect(state.readPending)
        #expect(state.queueDrained(callID: 1) == [.read])
        #expect(!state.readPending)
        #expect(state.queueDrained(callID: 1) == [], "a drain without a backlog does nothing")
    }

    @Test func aBackloggedCallThatEndsResumesReading() {
        var state = open()
        _ = state.received(start(1, halfClose: false), methodExists: Self.known)
        _ = state.received(start(2, halfClose: false), methodExists: Self.known)
        state.queued(callID: 1, depth: 10)
        state.queued(callID: 2, depth: 10)
        #expect(state.readRequested() == [])
        #expect(state.callFinished(1, .ok) == [.release(callID: 1, .ok)], "call 2 still holds reading back")
        #expect(state.end(2, Status(code: .cancelled)) == [.writeStatus(callID: 2, Status(code: .cancelled)),
                                                           .release(callID: 2, .cancelled), .read, .armIdleTimer])
    }

    @Test func queuedMessagesOfEndedCallsAreNotBacklog() {
        var state = open()
        state.queued(callID: 9, depth: 100)
        #expect(state.backlogged.isEmpty)
    }

    // MARK: Drain, close, idle, disconnect

    @Test func drainingAnIdleConnectionClosesItAfterTheGoAway() {
        var state = open()
        #expect(state.drainRequested() == [.goAway(RPCError(.unavailable, "the server is shutting down and takes no new calls")),
                                           .cancelIdleTimer, .closeAfterFlush])
        #expect(state.drainRequested() == [])
    }

    @Test func drainingWaitsForCallsThenCloses() {
        var state = open()
        _ = state.received(start(1, halfClose: false), methodExists: Self.known)
        #expect(state.drainRequested().count == 1)
        #expect(goAwayCode(state.received(start(2), methodExists: Self.known)) == nil)
        #expect(state.callFinished(1, .ok) == [.release(callID: 1, .ok), .cancelIdleTimer, .closeAfterFlush])
    }

    @Test func closingEndsEveryCallWithUnavailable() {
        var state = open()
        _ = state.received(start(2, halfClose: false), methodExists: Self.known)
        _ = state.received(start(1, halfClose: false), methodExists: Self.known)
        let unavailable = Status(RPCError(.unavailable, "the server shut down before the call finished"))
        #expect(state.closeRequested() == [.cancelIdleTimer,
                                           .writeStatus(callID: 1, unavailable), .release(callID: 1, .unavailable),
                                           .writeStatus(callID: 2, unavailable), .release(callID: 2, .unavailable), .close])
        #expect(state.calls.isEmpty && state.phase == .closing)
    }

    @Test func theIdleTimerClosesOnlyAConnectionWithoutCalls() {
        var state = open()
        _ = state.received(start(1, halfClose: false), methodExists: Self.known)
        #expect(state.idleTimerFired() == [])
        _ = state.callFinished(1, .ok)
        #expect(state.idleTimerFired() == [.goAway(RPCError(.unavailable, "closing a connection idle for 300 s")), .cancelIdleTimer, .closeAfterFlush])
        #expect(state.idleTimerFired() == [])
    }

    @Test func aClientThatLeavesCancelsItsCalls() {
        var state = open()
        _ = state.received(start(2, halfClose: false), methodExists: Self.known)
        _ = state.received(start(1, halfClose: false), methodExists: Self.known)
        state.queued(callID: 1, depth: 10)
        #expect(state.disconnected() == [.cancelIdleTimer, .release(callID: 1, .cancelled), .release(callID: 2, .cancelled)])
        #expect(state.calls.isEmpty && state.backlogged.isEmpty)
        #expect(state.received(start(3), methodExists: Self.known) == [])
    }

    @Test func anUndecodableOrOversizedFrameClosesWithItsReason() {
        var state = open()
        let actions = state.undecodableFrame(bytes: 12)
        #expect(actions == [.goAway(RPCError(.invalidArgument, "a 12-byte frame is not a valid lode.rpc.v1.ClientFrame")), .cancelIdleTimer, .closeAfterFlush])
        var other = open()
        #expect(goAwayCode(other.frameTooLarge(length: 5000, limit: 4096)) == .resourceExhausted)
    }
}
