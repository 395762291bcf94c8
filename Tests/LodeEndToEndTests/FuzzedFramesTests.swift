import Foundation
import LodeAPI
import LodeRPC
import LodeTesting
import LodeWire
import Testing

/// Thousands of mutated frames, the same ones every run (a seeded generator), sent to a real
/// loded: frames bit-flipped, cut short, padded or with a lying length, and requests of every
/// method with mutated message bytes. loded must stay up and keep answering.
@Suite(.timeLimit(.minutes(5))) struct FuzzedFramesTests {
    /// SplitMix64: small, fast, and the same sequence for the same seed everywhere.
    struct Generator: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    private static let methods = [Corpus.methods, Diagnostics.methods, Entity.methods, Health.methods, Reflection.methods,
                                  Search.methods].flatMap { $0.map(\.path) }

    private func mutated(_ bytes: [UInt8], _ random: inout Generator) -> [UInt8] {
        var out = bytes
        switch Int.random(in: 0..<4, using: &random) {
        case 0 where !out.isEmpty:
            for _ in 0..<Int.random(in: 1...4, using: &random) {
                out[Int.random(in: 0..<out.count, using: &random)] ^= UInt8.random(in: 1...255, using: &random)
            }
        case 1 where !out.isEmpty:
            out.removeLast(Int.random(in: 1...out.count, using: &random))
        case 2:
            out += (0..<Int.random(in: 1...16, using: &random)).map { _ in UInt8.random(in: 0...255, using: &random) }
        default:
            out = (0..<Int.random(in: 0...48, using: &random)).map { _ in UInt8.random(in: 0...255, using: &random) }
        }
        return out
    }

    /// The libFuzzer harness (Scripts/fuzz) on its seeds and on every input it found crashing.
    @Test func theFuzzersSeedsAndFindingsDecodeWithoutADefect() throws {
        #expect(Set(DecoderFuzzing.methodInputs.values) == Set(DecoderFuzzing.requestTypes.keys), "every request type is fuzzed")
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("FuzzInputs")
        let findings = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { !$0.hasSuffix(".md") }
        for name in findings.sorted() { DecoderFuzzing.run(Array(try Data(contentsOf: folder.appendingPathComponent(name)))) }
        let seeds = try DecoderFuzzing.seeds()
        #expect(seeds.count == DecoderFuzzing.methodInputs.count + DecoderFuzzing.requestTypes.count)
        for seed in seeds { DecoderFuzzing.run(seed) }
    }

    @Test func mutatedFramesNeverBringTheServerDown() async throws {
        let server = try await LodedProcess()
        var random = Generator(state: 20_261_127)
        let hello = try ClientFrame(callId: 0, hello: Hello(agent: "fuzz", maxFrameBytes: 1 << 20)).wireBytes()
        let seeds: [[UInt8]] = [
            try Search.SearchRequest(query: "rare earth \"magnet makers\" -steel date:2016..").wireBytes(),
            try Entity.ExtractRequest(text: "Zhang Wei of China Northern Rare Earth spoke in Baotou on 3 May 2021.").wireBytes(),
            try Diagnostics.EchoRequest(payload: [1, 2, 3], count: 2).wireBytes(),
            try Health.HealthCheckRequest().wireBytes(),
        ]
        var sent = 0
        for round in 0..<3_000 {
            let raw = try RawConnection(path: server.socketPath)
            var bytes = RawConnection.prefix(hello.count) + hello
            for k in 0..<Int.random(in: 1...3, using: &random) {
                let method = Self.methods.randomElement(using: &random)!
                let message = mutated(seeds.randomElement(using: &random)!, &random)
                let frame = try ClientFrame(callId: UInt64(k + 1), start: CallStart(method: method), message: message,
                                            halfClose: Bool.random(using: &random), cancel: round % 7 == 0).wireBytes()
                // Half the frames are mutated whole, length prefix and all; the rest carry mutated requests.
                bytes += Bool.random(using: &random) ? mutated(RawConnection.prefix(frame.count) + frame, &random)
                                                     : RawConnection.prefix(frame.count) + frame
                sent += 1
            }
            raw.send(bytes)
            raw.close()
        }
        #expect(sent > 5_000)
        let client = try await server.connect()
        defer { Task { await client.close() } }
        // Every fuzzed connection read to its end and gone, its calls ended; the one connection
        // and call left are this stats call's.
        // Up to 180 s: beside the suite's other stress tests a busy 2-core machine notices closes slowly.
        let stats = try await client.serverStats(when: { $0.connectionsOpen == 1 && $0.callsInFlight == 1 }, within: .seconds(180))
        #expect(stats.connectionsOpen == 1 && stats.callsInFlight == 1, "\(stats)")
        #expect(stats.connectionsTotal >= 3_000)
        #expect(server.isRunning, "loded exited: \(server.log.suffix(2_000))")
        #expect(try await client.checkHealth() == .serving)
    }
}
