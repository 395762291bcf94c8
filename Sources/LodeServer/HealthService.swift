import LodeAPI
import LodeRPC
import Synchronization

/// Serving status per service, with watchers told of every change (`lode.health.v1.Health`).
public final class HealthService: Sendable {
    private struct State {
        var statuses: [String: Health.HealthCheckResponse.ServingStatus] = ["": .serving]
        var watchers: [Int: (service: String, queue: MessageQueue<Health.HealthCheckResponse.ServingStatus>)] = [:]
        var nextWatcher = 0
        var shutDown = false
    }

    private let state = Mutex(State())

    public init() {}

    /// Sets the status of `service` ("" for the whole server) and tells its watchers.
    public func setStatus(_ status: Health.HealthCheckResponse.ServingStatus, for service: String) {
        let watchers = state.withLock { s -> [MessageQueue<Health.HealthCheckResponse.ServingStatus>] in
            guard !s.shutDown else { return [] }
            s.statuses[service] = status
            return s.watchers.values.filter { $0.service == service }.map(\.queue)
        }
        for w in watchers { w.push(status) }
    }

    /// Marks every service NOT_SERVING for good; each watch ends after saying so.
    public func shutdown() {
        let watchers = state.withLock { s -> [MessageQueue<Health.HealthCheckResponse.ServingStatus>] in
            s.shutDown = true
            for key in s.statuses.keys { s.statuses[key] = .notServing }
            return s.watchers.values.map(\.queue)
        }
        for w in watchers {
            w.push(.notServing)
            w.finish()
        }
    }

    public func register(into router: inout RPCRouter) {
        router.unary(Health.check, on: .eventLoop) { [self] (request: Health.HealthCheckRequest, _) in
            guard let status = state.withLock({ $0.statuses[request.service] }) else {
                throw RPCError(.notFound, "this server has no service \(request.service); `lode services` lists what it offers")
            }
            return Health.HealthCheckResponse(status: status)
        }
        router.serverStreaming(Health.watch, on: .eventLoop) { [self] (request: Health.HealthCheckRequest, context) in
            let queue = MessageQueue<Health.HealthCheckResponse.ServingStatus>()
            let id = state.withLock { s -> Int in
                s.nextWatcher += 1
                s.watchers[s.nextWatcher] = (request.service, queue)
                queue.push(s.statuses[request.service] ?? .serviceUnknown)
                if s.shutDown { queue.finish() }
                return s.nextWatcher
            }
            defer { _ = state.withLock { $0.watchers.removeValue(forKey: id) } }
            for try await status in queue {
                try await context.send(Health.HealthCheckResponse(status: status))
            }
        }
    }
}
