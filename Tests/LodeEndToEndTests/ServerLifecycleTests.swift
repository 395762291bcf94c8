import Foundation
import LodeAPI
import LodeRPC
import LodeTesting
import Testing

@Suite(.timeLimit(.minutes(2))) struct ServerLifecycleTests {
    @Test func gracefulShutdownFinishesCallsInFlightThenRemovesTheSocket() async throws {
        let server = try await LodedProcess()
        let client = try await server.connect()
        let watch = try client.watchHealth()
        var updates = watch.makeAsyncIterator()
        #expect(try await updates.next()?.status == .serving)
        // A call that stays in flight until this test ends its requests, whatever the machine's load.
        let collecting = try client.start(Diagnostics.collect)
        try await collecting.send(Diagnostics.EchoRequest(payload: [42]).wireBytes())
        // In flight: the watch, the collecting call and the asking call.
        #expect(try await client.serverStats { $0.callsInFlight == 3 }.callsInFlight == 3)
        let status = Task { await server.stop(signal: SIGTERM) }
        #expect(try await updates.next()?.status == .notServing, "watchers hear the server is going")
        #expect(try await updates.next() == nil, "and their stream ends")
        try await collecting.send(Diagnostics.EchoRequest(payload: [43, 44]).wireBytes(), end: true)
        let collected = try #require(try await collecting.next())
        #expect(try Diagnostics.CollectResponse(wire: collected) == Diagnostics.CollectResponse(messages: 2, bytes: 3),
                "the call in flight finished during the grace period")
        let lateCall = await #expect(throws: RPCError.self) { try await client.checkHealth() }
        #expect(lateCall?.code == .unavailable)
        #expect(await status.value == 0)
        #expect(!FileManager.default.fileExists(atPath: server.socketPath))
        #expect(server.log.contains("SIGTERM"))
    }

    @Test func callsStillRunningAfterTheGracePeriodEndUnavailable() async throws {
        let server = try await LodedProcess(arguments: ["--grace", "1"])
        let client = try await server.connect()
        let slow = Task {
            try await client.unary(Diagnostics.echo, Diagnostics.EchoRequest(delayMillis: 60_000))
        }
        #expect(try await client.serverStats { $0.callsInFlight == 2 }.callsInFlight == 2, "the slow call is in flight")
        #expect(await server.stop(signal: SIGINT) == 0)
        let error = await #expect(throws: RPCError.self) { try await slow.value }
        #expect(error?.code == .unavailable)
    }

    @Test func staleSocketFileIsReplaced() async throws {
        let folder = TemporaryDirectory()
        let path = folder.path("stale.sock")
        let fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &address.sun_path) { $0.copyBytes(from: Array(path.utf8)) }
        _ = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
        close(fd)
        #expect(FileManager.default.fileExists(atPath: path), "a socket file nobody listens on")
        let server = try await LodedProcess(socketPath: path)
        let client = try await server.connect()
        #expect(try await client.checkHealth() == .serving)
        await client.close()
    }

    @Test func secondServerOnALivePathExitsWithAClearMessage() async throws {
        let first = try await LodedProcess()
        let folder = TemporaryDirectory()
        let second = try ChildProcess(Binaries.loded.path, ["--socket", first.socketPath], stderr: folder.path("err"))
        #expect(await second.wait() == 1)
        let message = try String(contentsOfFile: folder.path("err"), encoding: .utf8)
        #expect(message.contains("already listening on \(first.socketPath)"))
        let client = try await first.connect()
        #expect(try await client.checkHealth() == .serving, "the first server is untouched")
        await client.close()
    }

    /// Two servers on one store would keep two search indexes and write over each other's
    /// files: the second is refused, naming the first; once the first has stopped, the store
    /// opens again (the lock goes with its process).
    @Test func secondServerOnAStoreInUseExitsNamingTheFirst() async throws {
        let first = try await LodedProcess(arguments: ["--no-entities"])
        let store = first.folder.path("lode.sqlite")
        let folder = TemporaryDirectory()
        let second = try ChildProcess(Binaries.loded.path, ["--socket", folder.path("other.sock"), "--store", store, "--no-entities"],
                                      stderr: folder.path("err"))
        #expect(await second.wait() == 1)
        let message = try String(contentsOfFile: folder.path("err"), encoding: .utf8)
        #expect(message.contains("\(store) is in use by another loded (pid \(first.pid))"), "\(message)")
        #expect(!FileManager.default.fileExists(atPath: folder.path("other.sock")))
        let client = try await first.connect()
        #expect(try await client.checkHealth() == .serving, "the first server is untouched")
        await client.close()
        #expect(await first.stop(signal: SIGKILL) != 0)
        let third = try await LodedProcess(arguments: ["--store", store, "--no-entities"])
        let again = try await third.connect()
        #expect(try await again.checkHealth() == .serving, "a killed server's lock is gone with it")
        await again.close()
    }

    @Test func socketAndItsFolderArePrivate() async throws {
        let server = try await LodedProcess()
        let attributes = try FileManager.default.attributesOfItem(atPath: server.socketPath)
        #expect((attributes[.posixPermissions] as? Int) == 0o600)
        let folder = (server.socketPath as NSString).deletingLastPathComponent
        #expect((try FileManager.default.attributesOfItem(atPath: folder)[.posixPermissions] as? Int) == 0o700)
    }

    @Test func missingServerGivesThePathAndHowToStartOne() async {
        let error = await #expect(throws: RPCError.self) { try await RPCClient.connect(to: "/nonexistent/lode.sock") }
        #expect(error?.code == .unavailable)
        #expect(error?.message.contains("/nonexistent/lode.sock") == true)
        #expect(error?.message.contains("loded") == true)
    }
}
