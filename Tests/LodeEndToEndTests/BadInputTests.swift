import Foundation
import LodeAPI
import LodeRPC
import LodeTesting
import Testing

/// Each case: the offender gets a clear status, the server keeps serving everyone else.
@Suite(.timeLimit(.minutes(2))) struct BadInputTests {
    private func expectStillServing(_ server: LodedProcess) async throws {
        let client = try await server.connect()
        #expect(try await client.checkHealth() == .serving)
        await client.close()
        #expect(server.isRunning)
    }

    @Test func garbageBytesGetAGoAwayAndAClose() async throws {
        let server = try await LodedProcess()
        let raw = try RawConnection(path: server.socketPath)
        raw.send(Array("GET / HTTP/1.1\r\nHost: x\r\n\r\n".utf8))
        let frame = try raw.readFrame()
        #expect(frame?.goAway?.reason.code == .resourceExhausted, "'GET ' read as a length is over a gigabyte")
        #expect(raw.isClosedByServer())
        try await expectStillServing(server)
    }

    @Test func lengthPastTheMaximumIsRefusedBeforeBuffering() async throws {
        let server = try await LodedProcess(arguments: ["--max-frame-bytes", "4096"])
        let raw = try RawConnection(path: server.socketPath)
        try raw.handshake()
        raw.send(RawConnection.prefix(4097))
        let frame = try raw.readFrame()
        #expect(frame?.goAway?.reason.code == .resourceExhausted)
        #expect(frame?.goAway?.reason.details["max_frame_bytes"] == "4096")
        #expect(frame?.goAway?.reason.message.contains("4097") == true)
        #expect(raw.isClosedByServer())
        try await expectStillServing(server)
    }

    @Test func truncatedFrameThenCloseLeavesTheServerServing() async throws {
        let server = try await LodedProcess()
        let raw = try RawConnection(path: server.socketPath)
        try raw.handshake()
        raw.send(RawConnection.prefix(100) + [1, 2, 3])
        raw.close()
        try await expectStillServing(server)
    }

    @Test func frameThatIsNotProtobufIsRefused() async throws {
        let server = try await LodedProcess()
        let raw = try RawConnection(path: server.socketPath)
        try raw.handshake()
        raw.send(RawConnection.prefix(3) + [0x0A, 0xFF, 0xFF])
        let frame = try raw.readFrame()
        #expect(frame?.goAway?.reason.code == .invalidArgument)
        #expect(frame?.goAway?.reason.message.contains("lode.rpc.v1.ClientFrame") == true)
        try await expectStillServing(server)
    }

    @Test func aCallBeforeHelloIsRefused() async throws {
        let server = try await LodedProcess()
        let raw = try RawConnection(path: server.socketPath)
        try raw.send(ClientFrame(callId: 1, start: CallStart(method: Health.check.path), message: [], halfClose: true))
        let frame = try raw.readFrame()
        #expect(frame?.goAway?.reason.code == .failedPrecondition)
        #expect(frame?.goAway?.reason.message.contains("hello") == true)
        #expect(frame?.goAway?.reason.details["supported_versions"] == "\(Hello.currentVersion)", "as Protos/README promises")
    }

    @Test func aResponseAboveTheClientsAnnouncedMaximumIsRefused() async throws {
        let server = try await LodedProcess()
        let raw = try RawConnection(path: server.socketPath)
        try raw.send(ClientFrame(callId: 0, hello: Hello(protocolVersion: Hello.currentVersion, agent: "small-client", maxFrameBytes: 1_024)))
        _ = try raw.readFrame()
        let big = try Diagnostics.EchoRequest(payload: [UInt8](repeating: 7, count: 4_000)).wireBytes()
        try raw.send(ClientFrame(callId: 1, start: CallStart(method: Diagnostics.echo.path), message: big, halfClose: true))
        let frame = try raw.readFrame()
        #expect(frame?.callId == 1 && frame?.message == nil, "no frame above the client's 1,024 bytes is sent")
        #expect(frame?.status?.code == .resourceExhausted)
        #expect(frame?.status?.details["max_frame_bytes"] == "1024")
        let small = try Diagnostics.EchoRequest(payload: [1, 2, 3]).wireBytes()
        try raw.send(ClientFrame(callId: 2, start: CallStart(method: Diagnostics.echo.path), message: small, halfClose: true))
        #expect(try raw.readFrame()?.message != nil, "smaller answers still come")
    }

    @Test func aFutureProtocolVersionIsRefusedClearly() async throws {
        let server = try await LodedProcess()
        let raw = try RawConnection(path: server.socketPath)
        let frame = try raw.handshake(version: 2)
        #expect(frame?.goAway?.reason.code == .failedPrecondition)
        #expect(frame?.goAway?.reason.message == "protocol version 2 is not supported; this server speaks version 1")
        #expect(frame?.goAway?.reason.details["supported_versions"] == "1")
        #expect(raw.isClosedByServer())
        let error = await #expect(throws: RPCError.self) { try await RPCClient.connect(to: server.socketPath, helloVersion: 2) }
        #expect(error?.code == .failedPrecondition)
    }

    @Test func unknownMethodIsUnimplemented() async throws {
        let server = try await LodedProcess()
        let client = try await server.connect()
        defer { Task { await client.close() } }
        let error = await #expect(throws: RPCError.self) {
            let call = try client.start("/lode.nothing.v1.Nope/Call", first: Health.HealthCheckRequest().wireBytes(), end: true)
            _ = try await call.next()
        }
        #expect(error?.code == .unimplemented)
        #expect(try await client.checkHealth() == .serving, "the connection carries on")
    }

    @Test func wrongMessageTypeIsInvalidArgument() async throws {
        let server = try await LodedProcess()
        let client = try await server.connect()
        defer { Task { await client.close() } }
        // Field 1 as a varint, where HealthCheckRequest has a string: not that type at all.
        let call = try client.start(Health.check, first: [0x08, 0x01], end: true)
        let error = await #expect(throws: RPCError.self) { try await call.next() }
        #expect(error?.code == .invalidArgument)
        #expect(error?.message.contains("lode.health.v1.HealthCheckRequest") == true)
        #expect(try await client.checkHealth() == .serving, "the connection carries on")
    }

    @Test func duplicateCallIDInFlightGetsAConnectionLevelAnswerAndTheFirstCallCompletes() async throws {
        let server = try await LodedProcess()
        let raw = try RawConnection(path: server.socketPath)
        try raw.handshake()
        let slow = try Diagnostics.EchoRequest(payload: [1], delayMillis: 300).wireBytes()
        try raw.send(ClientFrame(callId: 5, start: CallStart(method: Diagnostics.echo.path), message: slow, halfClose: true))
        try raw.send(ClientFrame(callId: 5, start: CallStart(method: Diagnostics.echo.path), message: slow, halfClose: true, cancel: true))
        let refusal = try raw.readFrame()
        #expect(refusal?.callId == 0 && refusal?.goAway?.reason.code == .alreadyExists)
        #expect(refusal?.goAway?.reason.details == ["call_id": "5"])
        let answer = try raw.readFrame()
        #expect(answer?.callId == 5 && answer?.status?.code == .ok, "the refused frame's cancel is not applied to the call in flight")
        #expect(try answer.flatMap { $0.message }.map { try Diagnostics.EchoResponse(wire: $0).payload } == [1])
        #expect(try raw.readFrame() == nil, "the connection drained and closed")
    }

    @Test func framesForUnknownCallsAreIgnored() async throws {
        let server = try await LodedProcess()
        let raw = try RawConnection(path: server.socketPath)
        try raw.handshake()
        try raw.send(ClientFrame(callId: 99, message: [1, 2], halfClose: true, cancel: true))
        try raw.send(ClientFrame(callId: 1, start: CallStart(method: Health.check.path), message: [], halfClose: true))
        let frame = try raw.readFrame()
        #expect(frame?.callId == 1 && frame?.status?.code == .ok)
    }

    @Test func oversizedRequestIsRefusedByTheClient() async throws {
        let server = try await LodedProcess(arguments: ["--max-frame-bytes", "4096"])
        let client = try await server.connect()
        defer { Task { await client.close() } }
        let error = await #expect(throws: RPCError.self) {
            try await client.unary(Diagnostics.echo, Diagnostics.EchoRequest(payload: [UInt8](repeating: 0, count: 8192)))
        }
        #expect(error?.code == .resourceExhausted)
    }

    @Test func peerFromAnotherUserIsRefused() async throws {
        let nobody: (uid: UInt32, gid: UInt32) = (65534, 65534)
        let server = try await LodedProcess(runAs: nobody)
        let error = await #expect(throws: RPCError.self) { try await server.connect() }
        #expect(error?.code == .permissionDenied)
        #expect(error?.message.contains("--allow-uid \(getuid())") == true)

        let allowing = try await LodedProcess(arguments: ["--allow-uid", "\(getuid())"], runAs: nobody)
        let client = try await allowing.connect()
        #expect(try await client.checkHealth() == .serving)
        await client.close()
    }
}
