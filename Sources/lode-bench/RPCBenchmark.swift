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

    @Option(help: "Connect, Health/Check, close cycles, after which loded's memory is compared with the start.")
    var cycles = 100_000

    func run() async throws {
        ProcessTuning.keepHeapWarm()
        let server = try await LodedProcess(arguments: ["--log-level", "info"])
        let request = Diagnostics.EchoRequest(payload: [UInt8](repeating: 7, count: payload))
        let frameSize = try ClientFrame(callId: 1, start: CallStart(method: Diagnostics.echo.path),
                                        message: request.wireBytes(), halfClose: true).wireBytes().count

        let raw = RawPingPong.roundTrips(count: roundTrips, payloadSize: frameSize).sorted()
        let client = try await server.connect()
        let pooled = try await latencies(client, request: request, on: globalConcurrentExecutor)
        let onLoop = try await latencies(client, request: request, on: client.executor)

        let one = try await throughput([client], request: request, onLoop: false)
        let oneOnLoop = try await throughput([client], request: request, onLoop: true)
        var many: [RPCClient] = []
        for _ in 0..<connections { many.append(try await server.connect()) }
        let several = try await throughput(many, request: request, onLoop: true)
        for c in many { await c.close() }
        await client.close()

        // What a server left running under shell scripts sees: one short connection per command.
        let warmUp = 2_000
        try RawConnection.cycle(warmUp, path: server.socketPath)
        let before = try server.residentKilobytes()
        let churnStart = ContinuousClock.now
        try RawConnection.cycle(cycles, path: server.socketPath)
        let churnSeconds = Double((ContinuousClock.now - churnStart) / .nanoseconds(1)) / 1e9
        let after = try server.residentKilobytes()
        await server.stop()

        func p(_ sorted: [Double], _ q: Double) -> Double { sorted[min(sorted.count - 1, Int(Double(sorted.count) * q))] }
        print("frame bytes                      \(frameSize)")
        print(String(format: "raw ping-pong p50 µs             %.1f", p(raw, 0.5)))
        print(String(format: "raw ping-pong p99 µs             %.1f", p(raw, 0.99)))
        print(String(format: "lode unary p50 µs, caller on pool         %.1f", p(pooled, 0.5)))
        print(String(format: "lode unary p99 µs, caller on pool         %.1f", p(pooled, 0.99)))
        print(String(format: "lode unary p50 µs, caller on conn loop    %.1f", p(onLoop, 0.5)))
        print(String(format: "lode unary p99 µs, caller on conn loop    %.1f", p(onLoop, 0.99)))
        print(String(format: "lode calls/s, 1 conn, callers on pool     %.0f  (%d in flight)", one, inFlight))
        print(String(format: "lode calls/s, 1 conn, callers on loop     %.0f  (%d in flight)", oneOnLoop, inFlight))
        print(String(format: "lode calls/s, %d conns, callers on loops   %.0f  (%d in flight each)", connections, several, inFlight))
        print(String(format: "ratio unary p50 (loop) / raw p50          %.2f  (target <= 3)", p(onLoop, 0.5) / p(raw, 0.5)))
        print(String(format: "ratio unary p50 (pool) / raw p50          %.2f", p(pooled, 0.5) / p(raw, 0.5)))
        print(String(format: "ratio best calls/s / 100000               %.2f  (target >= 1)", max(one, oneOnLoop, several) / 100_000))
        print(String(format: "connect-call-close cycles                 %d after %d to warm up, %.0f/s", cycles, warmUp, Double(cycles) / churnSeconds))
        print(String(format: "loded memory before and after them, MB    %.1f, %.1f", Double(before) / 1024, Double(after) / 1024))
        print(String(format: "loded memory grown over them, MB          %.2f  (target <= 10)", Double(after - before) / 1024))
    }

    /// Sorted round-trip times in microseconds of sequential calls made from a task on `executor`.
    private func latencies(_ client: RPCClient, request: Diagnostics.EchoRequest, on executor: any TaskExecutor) async throws -> [Double] {
        let count = roundTrips
        return try await Task(executorPreference: executor) {
            for _ in 0..<2_000 { _ = try await client.unary(Diagnostics.echo, request) }
            var times: [Double] = []
            times.reserveCapacity(count)
            for _ in 0..<count {
                let start = ContinuousClock.now
                _ = try await client.unary(Diagnostics.echo, request)
                times.append(Double((ContinuousClock.now - start) / .nanoseconds(1)) / 1000)
            }
            return times.sorted()
        }.value
    }

    /// Calls per second with `inFlight` calls outstanding on each of `clients`, the calling
    /// tasks on Swift's shared pool or on each connection's event loop.
    private func throughput(_ clients: [RPCClient], request: Diagnostics.EchoRequest, onLoop: Bool) async throws -> Double {
        let perClient = calls / clients.count
        let start = ContinuousClock.now
        try await withThrowingTaskGroup(of: Void.self) { group in
            for client in clients {
                for worker in 0..<inFlight {
                    group.addTask(executorPreference: onLoop ? client.executor : globalConcurrentExecutor) {
                        var i = worker
                        while i < perClient {
                            _ = try await client.unary(Diagnostics.echo, request)
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
