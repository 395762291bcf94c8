import ArgumentParser

@main
struct LodeBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lode-bench",
        abstract: "Lode's benchmarks; each prints its figures beside a peer's, ratio last.",
        subcommands: [RPCBenchmark.self, IngestBenchmark.self, SearchBenchmark.self, SoakBenchmark.self])
}
