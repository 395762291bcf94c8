import LodeRPC

/// Every service `loded` offers, wired into one router.
public struct LodeServices: Sendable {
    public let health = HealthService()
    public let stats = ServerStats()
    public private(set) var router = RPCRouter()

    public init() {
        health.register(into: &router)
        DiagnosticsService.register(into: &router, stats: stats)
        ReflectionService.register(into: &router)
        for service in Set(router.methods.map(\.service)) { health.setStatus(.serving, for: service) }
    }
}
