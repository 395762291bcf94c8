import LodeCorpus
import LodeEntities
import LodeRPC
import LodeSearch

/// Every service `loded` offers, wired into one router.
public struct LodeServices: Sendable {
    public let health = HealthService()
    public let stats = ServerStats()
    public private(set) var router = RPCRouter()

    /// - Parameters:
    ///   - ingestor: the corpus to serve.
    ///   - search: its search index, which the ingestor keeps current.
    ///   - extractor: the entity extractor, loaded by the first call that needs it.
    ///   - diagnostics: serve Diagnostics' Echo methods too (tests and benchmarks).
    public init(ingestor: CorpusIngestor, search: CorpusSearch, extractor: LoadOnce<EntityExtractor>, diagnostics: Bool = false) {
        health.register(into: &router)
        DiagnosticsService.register(into: &router, stats: stats, echo: diagnostics)
        ReflectionService.register(into: &router)
        CorpusService.register(into: &router, ingestor: ingestor)
        SearchService.register(into: &router, search: search)
        EntityService.register(into: &router, store: ingestor.store, extractor: extractor)
        for service in Set(router.methods.map(\.service)) { health.setStatus(.serving, for: service) }
    }
}
