import LodeAPI
import LodeRPC

/// The server's counters, always; Echo in every streaming kind, which sleeps and echoes on
/// request, only for tests and benchmarks (`loded --diagnostics`). `lode.diagnostics.v1.Diagnostics`.
public enum DiagnosticsService {
    public static func register(into router: inout RPCRouter, stats: ServerStats, echo: Bool) {
        router.unary(Diagnostics.serverStats, on: .eventLoop) { (_: Diagnostics.ServerStatsRequest, _) in
            let s = stats.snapshot
            let uptime = ContinuousClock.now - stats.started
            return Diagnostics.ServerStatsResponse(
                connectionsOpen: UInt64(s.connectionsOpen), connectionsTotal: UInt64(s.connectionsTotal),
                connectionsRefused: UInt64(s.connectionsRefused), callsInFlight: UInt64(s.callsInFlight),
                callsTotal: UInt64(s.callsTotal), callsCancelled: UInt64(s.callsCancelled),
                callsDeadlineExceeded: UInt64(s.callsDeadlineExceeded),
                uptimeMillis: UInt64(uptime.components.seconds * 1000 + uptime.components.attoseconds / 1_000_000_000_000_000))
        }
        guard echo else { return }
        router.unary(Diagnostics.echo, on: .eventLoop) { (request: Diagnostics.EchoRequest, _) in
            if request.delayMillis > 0 { try await Task.sleep(for: .milliseconds(request.delayMillis)) }
            return Diagnostics.EchoResponse(payload: request.payload, sequence: 0)
        }
        router.serverStreaming(Diagnostics.echoStream, on: .eventLoop) { (request: Diagnostics.EchoRequest, context) in
            for i in 0..<max(request.count, 1) {
                if i > 0, request.intervalMillis > 0 { try await Task.sleep(for: .milliseconds(request.intervalMillis)) }
                try await context.send(Diagnostics.EchoResponse(payload: request.payload, sequence: i))
            }
        }
        router.clientStreaming(Diagnostics.collect, on: .eventLoop) { (requests: RequestStream<Diagnostics.EchoRequest>, _) in
            var messages: UInt64 = 0, bytes: UInt64 = 0
            for try await r in requests {
                if r.delayMillis > 0 { try await Task.sleep(for: .milliseconds(r.delayMillis)) }
                messages += 1
                bytes += UInt64(r.payload.count)
            }
            return Diagnostics.CollectResponse(messages: messages, bytes: bytes)
        }
        router.bidirectionalStreaming(Diagnostics.chat, on: .eventLoop) { (requests: RequestStream<Diagnostics.EchoRequest>, context) in
            var sequence: UInt32 = 0
            for try await r in requests {
                if r.delayMillis > 0 { try await Task.sleep(for: .milliseconds(r.delayMillis)) }
                try await context.send(Diagnostics.EchoResponse(payload: r.payload, sequence: sequence))
                sequence += 1
            }
        }
    }
}
