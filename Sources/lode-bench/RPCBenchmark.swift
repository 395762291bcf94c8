import ArgumentParser
import Foundation
import LodeAPI
import LodeRPC
import LodeTesting

/// `lode-bench rpc`: unary latency and pipelined throughput through a real loded, beside a raw
/// Unix-socket ping-pong of the same payload as the floor.
struct RPCBenchmark: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "rpc", abstract: "RPC latency and throughput.")

    @Option(help: "Sequential round trips for latency.")
    var roundTrips = 20_000

    @Option(help: "Calls for each throughput run.")
    var calls = 200_000

    @Option(help: "Calls kept in flight per connection.")
    var inFlight = 256

    @Option(help: "Connections for the multi-connection run.")
    var connections = 4

    @Option(help: "Echo payload bytes.")
    var payload = 32

    func run() async throws {
        let server = try await LodedProcess(arguments: ["--log-level", "warning"])
        let request = Diagnostics.EchoRequest(payload: [UInt8](repeating: 7, count: payload))
        let frameSize = try ClientFrame(callId: 1, start: CallStart(method: Diagnostics.echo),
                                        message: request.wireBytes(), halfClose: true).wireBytes().count

        let raw = RawPingPong.roundTrips(count: roundTrips, payloadSize: frameSize).sorted()
        let client = try await server.connect()
        for _ in 0..<2_000 { _ = try await client.unary(Diagnostics.echo, request, as: Diagnostics.EchoResponse.self) }
        var rpc: [Double] = []
        rpc.reserveCapacity(roundTrips)
        for _ in 0..<roundTrips {
            let start = ContinuousClock.now
            _ = try await client.unary(Diagnostics.echo, request, as: Diagnostics.EchoResponse.self)
            rpc.append(Double((ContinuousClock.now - start) / .nanoseconds(1)) / 1000)
        }
        rpc.sort()

        let one = try await throughput([client], request: request)
        var many: [RPCClient] = []
        for _ in 0..<connections { many.append(try await server.connect()) }
        let several = try await throughput(many, request: request)
        for c in many { await c.close() }
        await client.close()
        await server.stop()

        func p(_ sorted: [Double], _ q: Double) -> Double { sorted[min(sorted.count - 1, Int(Double(sorted.count) * q))] }
        print("frame bytes                      \(frameSize)")
        print(String(format: "raw ping-pong p50 µs             %.1f", p(raw, 0.5)))
        print(String(format: "raw ping-pong p99 µs             %.1f", p(raw, 0.99)))
        print(String(format: "lode unary p50 µs                %.1f", p(rpc, 0.5)))
        print(String(format: "lode unary p99 µs                %.1f", p(rpc, 0.99)))
        print(String(format: "lode pipelined calls/s, 1 conn   %.0f  (%d in flight)", one, inFlight))
        print(String(format: "lode pipelined calls/s, %d conns  %.0f  (%d in flight each)", connections, several, inFlight))
        print(String(format: "ratio unary p50 / raw p50        %.2f  (target <= 3)", p(rpc, 0.5) / p(raw, 0.5)))
        print(String(format: "ratio best calls/s / 100000      %.2f  (target >= 1)", max(one, several) / 100_000))
    }

    /// Calls per second with `inFlight` calls outstanding on each of `clients`.
    private func throughput(_ clients: [RPCClient], request: Diagnostics.EchoRequest) async throws -> Double {
        let perClient = calls / clients.count
        let start = ContinuousClock.now
        try await withThrowingTaskGroup(of: Void.self) { group in
            for client in clients {
                for worker in 0..<inFlight {
                    group.addTask {
                        var i = worker
                        while i < perClient {
                            _ = try await client.unary(Diagnostics.echo, request, as: Diagnostics.EchoResponse.self)
                            i += inFlight
                        }
                    }
                }
            }
            try await group.waitForAll()
        }
        let seconds = Double((ContinuousClock.now - start) / .nanoseconds(1)) / 1e9
        return Double(perClient * clients.count) / seconds
    }
}
