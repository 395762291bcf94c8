/// A `lode` command: what the REPL completes, `help` lists and scripts run.
struct Command: Sendable {
    let name: String
    let usage: String
    /// How many arguments the command takes; the session checks before running it.
    let arguments: ClosedRange<Int>
    let summary: String
    let run: @Sendable (Session, [String]) async throws -> Void

    static let all: [Command] = [
        ingest, docs, show, rm, stats, export, search, explain, indexStats, extract, entities, entity, mentions, quotes, cooccur, health, services, describe, call, ping, serverStats, help,
    ]

    static func named(_ name: String) -> Command? { all.first { $0.name == name } }

    /// Runs the command after checking its argument count.
    func callAsFunction(_ session: Session, _ args: [String]) async throws {
        guard arguments.contains(args.count) else { throw UsageError("usage: \(usage)") }
        try await run(session, args)
    }
}
