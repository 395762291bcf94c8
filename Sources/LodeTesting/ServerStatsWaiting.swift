import LodeAPI
import LodeRPC

extension RPCClient {
    /// The server's counters once they satisfy `condition` (the asking call counts as in
    /// flight), read every 10 ms for up to `limit`; the last ones read either way. The whole
    /// suite runs at once, and a busy machine can take seconds to notice a close.
    public func serverStats(when condition: (Diagnostics.ServerStatsResponse) -> Bool,
                            within limit: Duration = .seconds(30)) async throws -> Diagnostics.ServerStatsResponse {
        let deadline = ContinuousClock.now + limit
        var stats = try await serverStats()
        while !condition(stats), ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(10))
            stats = try await serverStats()
        }
        return stats
    }
}
