import Foundation
import LodeAPI
import LodeRPC
import LodeTesting
import LodeWire
import Testing

/// A server left running under shell scripts sees one short connection per command: its memory
/// must not grow with them (each closed connection used to keep ~1.4 KB).
@Suite(.timeLimit(.minutes(3))) struct ConnectionMemoryTests {
    @Test func twentyThousandShortConnectionsLeaveMemoryFlat() async throws {
        let server = try await LodedProcess()
        // Settle the allocator's pools first.
        try RawConnection.cycle(2_000, path: server.socketPath)
        let before = try server.residentKilobytes()
        try RawConnection.cycle(20_000, path: server.socketPath)
        let grown = try server.residentKilobytes() - before
        #expect(grown < 4_096, "loded grew by \(grown) KB over 20,000 connections (a leak of 1.4 KB each is 27 MB)")

        // Connections ended by a bad frame go the same way.
        let bad = RawConnection.hello + RawConnection.prefix(3) + [0xFF, 0xFF, 0xFF]
        let afterGood = try server.residentKilobytes()
        try RawConnection.cycle(5_000, path: server.socketPath, sending: bad, until: { $0.goAway != nil })
        let grownBad = try server.residentKilobytes() - afterGood
        #expect(grownBad < 2_048, "loded grew by \(grownBad) KB over 5,000 connections that sent a bad frame")
        #expect(try await server.connect().checkHealth() == .serving)
    }
}
