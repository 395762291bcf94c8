import Synchronization

/// A server's connection and call counters, shared by all its connections.
public final class ServerStats: Sendable {
    /// A point-in-time copy of the counters.
    public struct Snapshot: Sendable, Equatable {
        public var connectionsOpen = 0
        public var connectionsTotal = 0
        public var connectionsRefused = 0
        public var callsInFlight = 0
        public var callsTotal = 0
        public var callsCancelled = 0
        public var callsDeadlineExceeded = 0
    }

    private let counters = Mutex(Snapshot())
    public let started = ContinuousClock.now

    public init() {}

    public var snapshot: Snapshot { counters.withLock { $0 } }

    func update(_ body: (inout Snapshot) -> Void) { counters.withLock { body(&$0) } }

    /// Counts a new connection unless `limit` are open already; returns whether it was let in.
    func admitConnection(limit: Int) -> Bool {
        counters.withLock {
            $0.connectionsTotal += 1
            guard $0.connectionsOpen < limit else {
                $0.connectionsRefused += 1
                return false
            }
            $0.connectionsOpen += 1
            return true
        }
    }

    func callEnded(_ code: StatusCode) {
        update {
            $0.callsInFlight -= 1
            if code == .cancelled { $0.callsCancelled += 1 }
            if code == .deadlineExceeded { $0.callsDeadlineExceeded += 1 }
        }
    }
}
