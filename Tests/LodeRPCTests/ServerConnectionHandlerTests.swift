@testable import LodeRPC
import LodeAPI
import LodeWire
import NIOConcurrencyHelpers
import NIOCore
import NIOEmbedded
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// The server's connection handler in a testing channel: frames in, frames out, time
/// advanced by hand. Each test drives one connection the way a client would.
@Suite struct ServerConnectionHandlerTests {
    /// Counts the reads the handler passes on to the socket.
    final class ReadCounter: ChannelOutboundHandler, Sendable {
        typealias OutboundIn = ByteBuffer
        let count = NIOLockedValueBox(0)
        func read(context: ChannelHandlerContext) {
            count.withLockedValue { $0 += 1 }
            context.read()
        }
    }

    /// One connection to a handler with Echo (unary), Collect (client streaming) and Chat
    /// (both ways; its handler takes no message until `openGate()`) routes.
    struct Connection {
        let channel: NIOAsyncTestingChannel
        let stats: ServerStats
        let reads = ReadCounter()
        private let gate: AsyncStream<Void>.Continuation

        init(configure: (inout ServerConfiguration) -> Void = { _ in }, uid: UInt32 = getuid(), stats: ServerStats = ServerStats()) async throws {
            var config = ServerConfiguration(socketPath: "/nowhere")
            config.agent = "handler-test"
            configure(&config)
            var router = RPCRouter()
            router.unary(Diagnostics.echo, on: .eventLoop) { (request: Diagnostics.EchoRequest, _) in
                Diagnostics.EchoResponse(payload: request.payload, sequence: 0)
            }
            router.clientStreaming(Diagnostics.collect, on: .eventLoop) { (requests: RequestStream<Diagnostics.EchoRequest>, _) in
                var messages: UInt64 = 0
                for try await _ in requests { messages += 1 }
                return Diagnostics.CollectResponse(messages: messages, bytes: 0)
            }
            let (opened, gate) = AsyncStream<Void>.makeStream()
            self.gate = gate
            router.bidirectionalStreaming(Diagnostics.chat, on: .eventLoop) {
                (requests: RequestStream<Diagnostics.EchoRequest>, context) in
                for await _ in opened {}
                var sequence: UInt32 = 0
                for try await r in requests {
                    try await context.send(Diagnostics.EchoResponse(payload: r.payload, sequence: sequence))
                    sequence += 1
                }
            }
            let peer = PeerCredentials(pid: 1, uid: uid, gid: UInt32.max)
            let (frozenConfig, frozenRouter, reads) = (config, router, self.reads)
            self.stats = stats
            channel = try await NIOAsyncTestingChannel { channel in
                try channel.pipeline.syncOperations.addHandlers([
                    reads,
                    ByteToMessageHandler(FrameDecoder(maxFrameBytes: frozenConfig.maxFrameBytes)),
                    ServerConnectionHandler(router: frozenRouter, config: frozenConfig, stats: stats,
                                            credentials: { $0.eventLoop.makeSucceededFuture(peer) }),
                ])
            }
            try await channel.connect(to: SocketAddress(unixDomainSocketPath: "/nowhere")).get()
        }

        func openGate() { gate.finish() }

        func send(_ frame: ClientFrame) async throws {
            try await channel.writeInbound(try frame.frame(allocator: channel.allocator))
        }

        func hello(maxFrameBytes: UInt64 = 0) async throws -> ServerFrame {
            try await send(ClientFrame(callId: 0, hello: Hello(agent: "test", maxFrameBytes: maxFrameBytes)))
            return try await next()
        }

        /// The next frame the server writes; waits for it.
        func next() async throws -> ServerFrame {
            while true {
                var buffer = try await channel.waitForOutboundWrite(as: ByteBuffer.self)
                guard let length = buffer.readInteger(as: UInt32.self) else { continue }  // the empty write before a close
                #expect(Int(length) == buffer.readableBytes, "one frame per write")
                return try ServerFrame(frame: buffer)
            }
        }

        /// The go-away that ends the connection, and the close after it.
        func goAwayAndClose() async throws -> Status {
            let frame = try await next()
            try await channel.closeFuture.get()
            return try #require(frame.goAway).reason
        }

        func echo(_ id: UInt64, _ payload: String) throws -> ClientFrame {
            ClientFrame(callId: id, start: CallStart(method: "/lode.diagnostics.v1.Diagnostics/Echo"),
                        message: try Diagnostics.EchoRequest(payload: Array(payload.utf8)).wireBytes(), halfClose: true)
        }

        func collect(_ id: UInt64, timeoutMicros: UInt64? = nil) -> ClientFrame {
            ClientFrame(callId: id, start: CallStart(method: "/lode.diagnostics.v1.Diagnostics/Collect", timeoutMicros: timeoutMicros))
        }

        func message(_ id: UInt64, halfClose: Bool = false) throws -> ClientFrame {
            ClientFrame(callId: id, message: try Diagnostics.EchoRequest(payload: Array("m".utf8)).wireBytes(), halfClose: halfClose)
        }
    }

    @Test func theHelloIsAnsweredWithTheServersNameAndLimit() async throws {
        let c = try await Connection { $0.maxFrameBytes = 5000 }
        let answer = try await c.hello()
        #expect(answer.callId == 0)
        #expect(answer.hello == Hello(agent: "handler-test", maxFrameBytes: 5000))
    }

    @Test func aUnaryCallIsAnsweredInOneFrameOnItsId() async throws {
        let c = try await Connection()
        _ = try await c.hello()
        try await c.send(c.echo(7, "tin"))
        let answer = try await c.next()
        #expect(answer.callId == 7 && answer.status == .ok)
        #expect(try Diagnostics.EchoResponse(wire: #require(answer.message)).payload == Array("tin".utf8))
        #expect(c.stats.snapshot.callsTotal == 1 && c.stats.snapshot.callsInFlight == 0)
    }

    @Test func aFirstFrameWithoutHelloGetsTheSupportedVersions() async throws {
        let c = try await Connection()
        try await c.send(c.echo(1, "x"))
        let reason = try await c.goAwayAndClose()
        #expect(reason.code == .failedPrecondition && reason.details == ["supported_versions": "1"])
    }

    @Test func callIdZeroIsAnsweredAtConnectionLevel() async throws {
        let c = try await Connection()
        _ = try await c.hello()
        try await c.send(c.echo(0, "x"))
        let reason = try await c.goAwayAndClose()
        #expect(reason.code == .invalidArgument && reason.details == ["call_id": "0"])
        #expect(c.stats.snapshot.callsTotal == 0, "no handler ran")
    }

    @Test func aReusedIdInFlightGetsAGoAwayAndTheCallInFlightStillEnds() async throws {
        let c = try await Connection()
        _ = try await c.hello()
        try await c.send(c.collect(3))
        try await c.send(c.message(3))
        try await c.send(c.collect(3))
        let goAway = try await c.next()
        #expect(goAway.callId == 0)
        #expect(goAway.goAway?.reason.code == .alreadyExists && goAway.goAway?.reason.details == ["call_id": "3"])
        try await c.send(c.message(3, halfClose: true))
        let answer = try await c.next()
        #expect(answer.callId == 3 && answer.status == .ok)
        #expect(try Diagnostics.CollectResponse(wire: #require(answer.message)).messages == 2, "the second start's frame was no message")
        try await c.channel.closeFuture.get()
    }

    @Test func aSecondHelloGetsAGoAwayAndTheConnectionDrains() async throws {
        let c = try await Connection()
        _ = try await c.hello()
        try await c.send(ClientFrame(callId: 0, hello: Hello(agent: "again", maxFrameBytes: 0)))
        let reason = try await c.goAwayAndClose()
        #expect(reason.code == .failedPrecondition && reason.message.contains("one hello"))
    }

    @Test func theClientsFrameLimitBoundsTheAnswers() async throws {
        let c = try await Connection()
        _ = try await c.hello(maxFrameBytes: 64)
        try await c.send(c.echo(1, String(repeating: "a", count: 100)))
        let answer = try await c.next()
        #expect(answer.callId == 1 && answer.message == nil)
        #expect(answer.status?.code == .resourceExhausted && answer.status?.details == ["max_frame_bytes": "64"])
        try await c.send(c.echo(2, "short"))
        #expect(try await c.next().status == .ok, "the connection stays open")
    }

    @Test func aFrameOverTheLimitIsRefusedOnItsLength() async throws {
        let c = try await Connection { $0.maxFrameBytes = 100 }
        var buffer = c.channel.allocator.buffer(capacity: 8)
        buffer.writeInteger(UInt32(1_000_000))
        buffer.writeInteger(UInt32(0))
        try await c.channel.writeInbound(buffer)
        let reason = try await c.goAwayAndClose()
        #expect(reason.code == .resourceExhausted && reason.details == ["max_frame_bytes": "100"])
    }

    @Test func bytesThatAreNoClientFrameCloseTheConnection() async throws {
        let c = try await Connection()
        var buffer = c.channel.allocator.buffer(capacity: 8)
        buffer.writeInteger(UInt32(3))
        buffer.writeBytes([0xff, 0xff, 0xff])
        try await c.channel.writeInbound(buffer)
        let reason = try await c.goAwayAndClose()
        #expect(reason.code == .invalidArgument && reason.message.contains("3-byte frame"))
    }

    @Test func theDeadlineEndsACallWhenTimeComesAndNotBefore() async throws {
        let c = try await Connection()
        _ = try await c.hello()
        try await c.send(c.collect(5, timeoutMicros: 2_000_000))
        await c.channel.testingEventLoop.advanceTime(by: .milliseconds(1_999))
        try await c.send(c.echo(6, "still on"))
        #expect(try await c.next().callId == 6, "call 5 is still running")
        await c.channel.testingEventLoop.advanceTime(by: .milliseconds(2))
        let answer = try await c.next()
        #expect(answer.callId == 5 && answer.status?.code == .deadlineExceeded)
        #expect(c.stats.snapshot.callsDeadlineExceeded == 1 && c.stats.snapshot.callsInFlight == 0)
    }

    @Test func aCancelEndsTheCallAndLateFramesForItAreIgnored() async throws {
        let c = try await Connection()
        _ = try await c.hello()
        try await c.send(c.collect(4))
        try await c.send(ClientFrame(callId: 4, cancel: true))
        let answer = try await c.next()
        #expect(answer.callId == 4 && answer.status?.code == .cancelled)
        try await c.send(c.message(4, halfClose: true))
        try await c.send(c.echo(5, "after"))
        #expect(try await c.next().callId == 5, "nothing more came for call 4")
        #expect(c.stats.snapshot.callsCancelled == 1)
    }

    @Test func anIdleConnectionIsClosedWithUnavailable() async throws {
        let c = try await Connection { $0.idleTimeout = .seconds(30) }
        _ = try await c.hello()
        try await c.send(c.collect(1))
        await c.channel.testingEventLoop.advanceTime(by: .seconds(31))
        try await c.send(ClientFrame(callId: 1, cancel: true))
        #expect(try await c.next().status?.code == .cancelled, "a connection with a call is not idle")
        await c.channel.testingEventLoop.advanceTime(by: .seconds(31))
        let reason = try await c.goAwayAndClose()
        #expect(reason.code == .unavailable && reason.message.contains("idle for 30 s"))
    }

    @Test func readingPausesWhileACallHasTooManyMessagesBufferedAndResumesWhenItsHandlerCatchesUp() async throws {
        let c = try await Connection { $0.maxBufferedMessagesPerCall = 4 }
        _ = try await c.hello()
        try await c.send(ClientFrame(callId: 1, start: CallStart(method: "/lode.diagnostics.v1.Diagnostics/Chat")))
        var burst = c.channel.allocator.buffer(capacity: 0)
        for _ in 0..<6 {
            var frame = try c.message(1).frame(allocator: c.channel.allocator)
            burst.writeBuffer(&frame)
        }
        try await c.channel.writeInbound(burst)
        let before = c.reads.count.withLockedValue { $0 }
        c.channel.read()
        try await c.channel.testingEventLoop.executeInContext {}
        #expect(c.reads.count.withLockedValue { $0 } == before, "6 messages buffered, 4 allowed: the socket is not read")
        c.openGate()
        for sequence in 0..<6 {
            let answer = try await c.next()
            #expect(answer.callId == 1 && answer.status == nil)
            #expect(try Diagnostics.EchoResponse(wire: #require(answer.message)).sequence == UInt32(sequence))
        }
        #expect(c.reads.count.withLockedValue { $0 } == before + 1, "the read asked for while paused is passed on")
        c.channel.read()
        try await c.channel.testingEventLoop.executeInContext {}
        #expect(c.reads.count.withLockedValue { $0 } == before + 2, "and reading goes on")
    }

    @Test func aPeerOfAnotherUserIsRefused() async throws {
        let c = try await Connection(uid: getuid() &+ 1)
        let reason = try await c.goAwayAndClose()
        #expect(reason.code == .permissionDenied && reason.details == ["peer_uid": "\(getuid() &+ 1)"])
        #expect(c.stats.snapshot.connectionsRefused == 1)
    }

    @Test func aConnectionOverTheLimitIsRefused() async throws {
        let stats = ServerStats()
        #expect(stats.admitConnection(limit: 1))
        let c = try await Connection(configure: { $0.maxConnections = 1 }, stats: stats)
        let reason = try await c.goAwayAndClose()
        #expect(reason.code == .resourceExhausted && reason.details == ["max_connections": "1"])
        #expect(stats.snapshot.connectionsOpen == 1, "the refused one is not counted open")
    }

    @Test func drainLetsTheCallFinishThenCloses() async throws {
        let c = try await Connection()
        _ = try await c.hello()
        try await c.send(c.collect(2))
        c.channel.pipeline.fireUserInboundEventTriggered(DrainConnectionEvent())
        let goAway = try await c.next()
        #expect(goAway.goAway?.reason.code == .unavailable)
        try await c.send(c.echo(3, "late"))
        #expect(try await c.next().status?.code == .unavailable, "no new calls while draining")
        try await c.send(c.message(2, halfClose: true))
        #expect(try await c.next().status == .ok)
        try await c.channel.closeFuture.get()
    }

    @Test func closingEndsTheCallsLeftWithUnavailable() async throws {
        let c = try await Connection()
        _ = try await c.hello()
        try await c.send(c.collect(2))
        c.channel.pipeline.fireUserInboundEventTriggered(CloseConnectionEvent())
        let answer = try await c.next()
        #expect(answer.callId == 2 && answer.status?.code == .unavailable)
        try await c.channel.closeFuture.get()
        #expect(c.stats.snapshot.callsInFlight == 0 && c.stats.snapshot.connectionsOpen == 0)
    }
}
