import LodeAPI
import LodeRPC
import LodeTesting
import Testing

@Suite(.timeLimit(.minutes(2))) struct DeadlineAndCancellationTests {
    @Test func deadlineEndsASlowCallAndCancelsItsHandler() async throws {
        let server = try await LodedProcess()
        let client = try await server.connect()
        defer { Task { await client.close() } }
        let error = await #expect(throws: RPCError.self) {
            try await client.unary(Diagnostics.echo, Diagnostics.EchoRequest(delayMillis: 10_000),
                                   options: CallOptions(timeout: .milliseconds(200)))
        }
        #expect(error?.code == .deadlineExceeded)
        // The server counts the call as ended by its deadline: the 10 s handler would have ended it OK.
        let stats = try await client.serverStats { $0.callsInFlight == 1 }
        #expect(stats.callsInFlight == 1 && stats.callsDeadlineExceeded == 1)
    }

    @Test func deadlineAlreadyPastNeverRunsTheHandler() async throws {
        let server = try await LodedProcess()
        let raw = try RawConnection(path: server.socketPath)
        try raw.handshake()
        try raw.send(ClientFrame(callId: 1, start: CallStart(method: Diagnostics.echo.path, timeoutMicros: 0),
                                 message: Diagnostics.EchoRequest(delayMillis: 5_000).wireBytes(), halfClose: true))
        let frame = try raw.readFrame()
        #expect(frame?.status?.code == .deadlineExceeded)
        #expect(frame?.status?.message.contains("before it started") == true)
        #expect(frame?.message == nil)

        let client = try await server.connect()
        defer { Task { await client.close() } }
        let error = await #expect(throws: RPCError.self) {
            try await client.unary(Diagnostics.echo, Diagnostics.EchoRequest(),
                                   options: CallOptions(timeout: .zero))
        }
        #expect(error?.code == .deadlineExceeded)
        #expect(try await client.serverStats().callsDeadlineExceeded >= 1)
    }

    @Test func cancellingACallReachesTheHandler() async throws {
        let server = try await LodedProcess()
        let client = try await server.connect()
        defer { Task { await client.close() } }
        let call = try client.start(Diagnostics.echo, first: Diagnostics.EchoRequest(delayMillis: 30_000).wireBytes(), end: true)
        _ = try await client.serverStats { $0.callsInFlight == 2 }
        call.cancel()
        let error = await #expect(throws: RPCError.self) { try await call.next() }
        #expect(error?.code == .cancelled)
        let stats = try await client.serverStats { $0.callsInFlight == 1 }
        #expect(stats.callsInFlight == 1 && stats.callsCancelled == 1, "the server's handler stopped, not just the client")
    }

    @Test func cancellingTheCallingTaskCancelsTheCall() async throws {
        let server = try await LodedProcess()
        let client = try await server.connect()
        defer { Task { await client.close() } }
        let task = Task {
            try await client.unary(Diagnostics.echo, Diagnostics.EchoRequest(delayMillis: 30_000))
        }
        _ = try await client.serverStats { $0.callsInFlight == 2 }
        task.cancel()
        await #expect(throws: RPCError.self) { try await task.value }
        let stats = try await client.serverStats { $0.callsInFlight == 1 }
        #expect(stats.callsCancelled == 1)
    }

    @Test func clientDisconnectingMidCallCancelsItAndOthersGoOn() async throws {
        let server = try await LodedProcess()
        let observer = try await server.connect()
        defer { Task { await observer.close() } }
        let raw = try RawConnection(path: server.socketPath)
        try raw.handshake()
        try raw.send(ClientFrame(callId: 1, start: CallStart(method: Diagnostics.echo.path),
                                 message: Diagnostics.EchoRequest(delayMillis: 30_000).wireBytes(), halfClose: true))
        _ = try await observer.serverStats { $0.callsInFlight == 2 }
        raw.close()
        let stats = try await observer.serverStats { $0.callsInFlight == 1 }
        #expect(stats.callsCancelled == 1)
        #expect(try await observer.checkHealth() == .serving)
    }
}
