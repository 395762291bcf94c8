import LodeAPI
import LodeRPC
import LodeTesting
import Testing

@Suite(.timeLimit(.minutes(2))) struct LimitsTests {
    @Test func callsPastThePerConnectionLimitAreRefused() async throws {
        let server = try await LodedProcess(arguments: ["--max-calls-per-connection", "2"])
        let client = try await server.connect()
        defer { Task { await client.close() } }
        let slow = try Diagnostics.EchoRequest(delayMillis: 2_000).wireBytes()
        let a = try client.start(Diagnostics.echo, first: slow, end: true)
        let b = try client.start(Diagnostics.echo, first: slow, end: true)
        let error = await #expect(throws: RPCError.self) { try await client.checkHealth() }
        #expect(error?.code == .resourceExhausted)
        a.cancel()
        b.cancel()
    }

    @Test func connectionsPastTheLimitAreRefused() async throws {
        let server = try await LodedProcess(arguments: ["--max-connections", "1"])
        let client = try await server.connect()
        let error = await #expect(throws: RPCError.self) { try await server.connect() }
        #expect(error?.code == .resourceExhausted)
        #expect(try await client.checkHealth() == .serving)
        await client.close()
    }

    @Test func idleConnectionIsClosed() async throws {
        let server = try await LodedProcess(arguments: ["--idle-timeout", "1"])
        let raw = try RawConnection(path: server.socketPath)
        try raw.handshake()
        let frame = try raw.readFrame()
        #expect(frame?.goAway?.reason.code == .unavailable)
        #expect(frame?.goAway?.reason.message.contains("idle") == true)
        #expect(raw.isClosedByServer())
    }
}
