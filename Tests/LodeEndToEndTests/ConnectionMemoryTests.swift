import Foundation
import LodeAPI
import LodeRPC
import LodeTesting
import LodeWire
import Testing

/// A server left running under shell scripts sees one short connection per command: its memory
/// must not grow with them (each closed connection used to keep ~1.4 KB).
@Suite(.timeLimit(.minutes(3))) struct ConnectionMemoryTests {
    /// Connects, sends `bytes` and reads until the server ends what they asked for.
    private func connections(_ count: Int, to path: String, sending bytes: [UInt8], until done: (ServerFrame) -> Bool) throws {
        for _ in 0..<count {
            let raw = try RawConnection(path: path)
            raw.send(bytes)
            while let frame = try raw.readFrame(), !done(frame) {}
            raw.close()
        }
    }

    @Test func twentyThousandShortConnectionsLeaveMemoryFlat() async throws {
        let server = try await LodedProcess()
        let hello = try ClientFrame(callId: 0, hello: Hello(protocolVersion: Hello.currentVersion, agent: "memory-test",
                                                            maxFrameBytes: 1 << 20)).wireBytes()
        let check = try ClientFrame(callId: 1, start: CallStart(method: Health.check.path), message: Health.HealthCheckRequest().wireBytes(),
                                    halfClose: true).wireBytes()
        let oneCall = RawConnection.prefix(hello.count) + hello + RawConnection.prefix(check.count) + check
        let callEnded = { (frame: ServerFrame) in frame.callId == 1 && frame.status != nil }
        // Settle the allocator's pools first.
        try connections(2_000, to: server.socketPath, sending: oneCall, until: callEnded)
        let before = try server.residentKilobytes()
        try connections(20_000, to: server.socketPath, sending: oneCall, until: callEnded)
        let grown = try server.residentKilobytes() - before
        #expect(grown < 4_096, "loded grew by \(grown) KB over 20,000 connections (a leak of 1.4 KB each is 27 MB)")

        // Connections ended by a bad frame go the same way.
        let bad = RawConnection.prefix(hello.count) + hello + RawConnection.prefix(3) + [0xFF, 0xFF, 0xFF]
        let afterGood = try server.residentKilobytes()
        try connections(5_000, to: server.socketPath, sending: bad, until: { $0.goAway != nil })
        let grownBad = try server.residentKilobytes() - afterGood
        #expect(grownBad < 2_048, "loded grew by \(grownBad) KB over 5,000 connections that sent a bad frame")
        #expect(try await server.connect().checkHealth() == .serving)
    }
}
