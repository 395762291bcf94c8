/// A `lode` command: what the REPL completes, `help` lists and scripts run.
struct Command: Sendable {
    let name: String
    let usage: String
    let summary: String
    let run: @Sendable (Session, [String]) async throws -> Void

    static let all: [Command] = [
        health, services, describe, call, ping, serverStats, help,
    ]

    static func named(_ name: String) -> Command? { all.first { $0.name == name } }

    /// Throws a usage error unless `args` has between `min` and `max` words.
    func expect(_ args: [String], _ min: Int, _ max: Int) throws {
        guard (min...max).contains(args.count) else { throw UsageError("usage: \(usage)") }
    }
}
