import LodeRPC

import LodeCorpus

/// Every service `loded` offers, wired into one router.
public struct LodeServices: Sendable {
    public let health = HealthService()
    public let stats = ServerStats()
    public private(set) var router = RPCRouter()

    /// - Parameter ingestor: the corpus to serve.
    public init(ingestor: CorpusIngestor) {
        health.register(into: &router)
        DiagnosticsService.register(into: &router, stats: stats)
        ReflectionService.register(into: &router)
        CorpusService.register(into: &router, ingestor: ingestor)
        for service in Set(router.methods.map(\.service)) { health.setStatus(.serving, for: service) }
    }
}
