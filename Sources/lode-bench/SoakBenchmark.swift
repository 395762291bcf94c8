import ArgumentParser
import Foundation
import LodeAPI
import LodeRPC
import LodeTesting
import LodeText
import Synchronization

/// `lode-bench soak`: many clients at once, for minutes, mixing every kind of call a desk makes
/// (searches, ingests, entity calls, streams cancelled half-way, deadlines that run out,
/// connections opened and closed), then the calls by outcome, latencies, and loded's memory at
/// the start, middle and end. An outcome a call should not have is counted as unexpected.
struct SoakBenchmark: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "soak", abstract: "Many clients mixing calls for a while.")

    @Argument(help: "A JSON Lines news file, gzip-compressed or not: the documents loaded first and re-ingested.")
    var file: String

    @Option(help: "Clients calling at once, each on its own connection.")
    var clients = 50

    @Option(help: "Seconds to run.")
    var seconds = 180

    @Option(help: "Documents loaded before the clients start.")
    var documents = 3_000

    /// One kind of call, its share of the mix, and the outcomes it may have besides OK.
    struct Action: Sendable {
        let name: String
        let weight: Int
        let expected: Set<StatusCode>
        let run: @Sendable (RPCClient, inout SeededRandom, Material) async throws -> Void
    }

    /// What the calls draw on: the loaded documents, words of their headlines, entity names.
    struct Material: Sendable {
        let documents: [Corpus.RawDocument]
        let words: [String]
        let names: [String]
        let ids: [String]

        func pick<T>(_ list: [T], _ random: inout SeededRandom) -> T { list[random.next(below: list.count)] }
    }

    /// Counts and latencies, shared by the clients.
    final class Tally: Sendable {
        struct State {
            var codes: [String: [String: Int]] = [:]
            var milliseconds: [String: [Double]] = [:]
            var unexpected: [String: String] = [:]
            var unexpectedCount = 0
            var calls = 0
        }
        let state = Mutex(State())

        func record(_ action: Action, code: String, expected: Bool, milliseconds: Double, error: (any Error)?) {
            state.withLock {
                $0.calls += 1
                $0.codes[action.name, default: [:]][code, default: 0] += 1
                $0.milliseconds[action.name, default: []].append(milliseconds)
                if !expected {
                    $0.unexpectedCount += 1
                    $0.unexpected["\(action.name) \(code)"] = error.map { "\($0)" } ?? ""
                }
            }
        }
    }

    static let actions: [Action] = [
        Action(name: "search", weight: 26, expected: []) { client, random, m in
            let query = random.next(below: 5) == 0 ? "\"\(m.pick(m.words, &random)) \(m.pick(m.words, &random))\""
                                                   : "\(m.pick(m.words, &random)) \(m.pick(m.words, &random))"
            _ = try await client.unary(Search.search, Search.SearchRequest(query: query, limit: 10))
        },
        Action(name: "suggest", weight: 4, expected: []) { client, random, m in
            _ = try await client.unary(Search.suggest, Search.SuggestRequest(prefix: String(m.pick(m.words, &random).prefix(3))))
        },
        Action(name: "ingest", weight: 10, expected: []) { client, random, m in
            let batch = (0...random.next(below: 5)).map { _ in m.pick(m.documents, &random) }
            let call = try client.start(Corpus.ingest)
            for d in batch { try await call.send(d.wireBytes()) }
            try await call.halfClose()
            while try await call.next() != nil {}
        },
        Action(name: "document", weight: 5, expected: []) { client, random, m in
            _ = try await client.unary(Corpus.get, Corpus.GetRequest(id: m.pick(m.ids, &random)))
        },
        Action(name: "entity", weight: 8, expected: [.notFound]) { client, random, m in
            let name = random.next(below: 4) == 0 ? m.pick(m.words, &random) : m.pick(m.names, &random)
            _ = try await client.unary(Entity.get, Entity.GetEntityRequest(name: name))
        },
        Action(name: "entities", weight: 4, expected: []) { client, random, _ in
            let type = ["person", "org", "loc"][random.next(below: 3)]
            _ = try await client.unary(Entity.list, Entity.ListEntitiesRequest(type: type, limit: 20))
        },
        Action(name: "extract", weight: 7, expected: []) { client, random, m in
            let text = String(decoding: m.pick(m.documents, &random).content.prefix(3_000), as: UTF8.self)
            _ = try await client.unary(Entity.extract, Entity.ExtractRequest(text: text))
        },
        Action(name: "cooccur", weight: 4, expected: [.notFound]) { client, random, m in
            _ = try await client.unary(Entity.cooccurrence, Entity.CooccurrenceRequest(name: m.pick(m.names, &random), limit: 10))
        },
        // Streams the client walks away from after a few messages: CANCELLED, or OK if they ended first.
        Action(name: "export, cancelled", weight: 6, expected: [.cancelled]) { client, random, _ in
            let call = try client.start(Corpus.export, first: try Corpus.ExportRequest().wireBytes(), end: true)
            for _ in 0..<(1 + random.next(below: 20)) where try await call.next() != nil {}
            call.cancel()
            while try await call.next() != nil {}
        },
        Action(name: "mentions, cancelled", weight: 4, expected: [.cancelled, .notFound]) { client, random, m in
            let call = try client.start(Entity.mentions, first: try Entity.MentionsRequest(name: m.pick(m.names, &random)).wireBytes(), end: true)
            for _ in 0..<(1 + random.next(below: 5)) where try await call.next() != nil {}
            call.cancel()
            while try await call.next() != nil {}
        },
        // Deadlines that run out: a 20 ms deadline on a 200 ms call; a search given 1 ms.
        Action(name: "deadline", weight: 6, expected: [.deadlineExceeded]) { client, random, m in
            if random.next(below: 2) == 0 {
                _ = try await client.unary(Diagnostics.echo, Diagnostics.EchoRequest(payload: [1], delayMillis: 200),
                                           options: CallOptions(timeout: .milliseconds(20)))
            } else {
                _ = try await client.unary(Search.search, Search.SearchRequest(query: m.pick(m.words, &random)),
                                           options: CallOptions(timeout: .milliseconds(1)))
            }
        },
        // A fresh connection for one call, as each `lode` command in a shell script makes.
        Action(name: "connect, call, close", weight: 12, expected: []) { client, _, _ in
            let fresh = try await RPCClient.connect(to: client.socketPath, agent: "soak")
            _ = try await fresh.checkHealth()
            await fresh.close()
        },
    ]

    func run() async throws {
        ProcessTuning.keepHeapWarm()
        let records = Array(try await IngestBenchmark.records(file).prefix(documents))
        let server = try await LodedProcess(arguments: ["--log-level", "info"])
        let loader = try await server.connect()
        FileHandle.standardError.write(Data("soak: loading \(records.count) documents\n".utf8))
        _ = try await loader.ingestAll(records)
        let material = try await Self.material(records, loader)
        await loader.close()

        let tally = Tally()
        let start = ContinuousClock.now
        let end = start + .seconds(seconds)
        var memory = [("start", try server.residentMegabytes())]
        let totalWeight = Self.actions.reduce(0) { $0 + $1.weight }
        try await withThrowingTaskGroup(of: Void.self) { group in
            for k in 0..<clients {
                group.addTask {
                    var random = SeededRandom(seed: UInt64(k + 1))
                    var client = try await server.connect()
                    while ContinuousClock.now < end {
                        var roll = random.next(below: totalWeight)
                        let action = Self.actions.first { roll -= $0.weight; return roll < 0 }!
                        let began = ContinuousClock.now
                        var code = "OK", expected = true, failure: (any Error)?
                        do {
                            try await action.run(client, &random, material)
                        } catch let error as RPCError {
                            (code, expected, failure) = (error.code.name, action.expected.contains(error.code), error)
                            if error.code == .unavailable { client = try await server.connect() }
                        } catch {
                            (code, expected, failure) = ("\(type(of: error))", false, error)
                        }
                        tally.record(action, code: code, expected: expected,
                                     milliseconds: Double((ContinuousClock.now - began) / .microseconds(1)) / 1000, error: failure)
                    }
                    await client.close()
                }
            }
            // Progress every 10 s, memory at the middle.
            group.addTask {
                var tick = 0
                while ContinuousClock.now < end {
                    try await Task.sleep(for: .seconds(1))
                    tick += 1
                    guard tick % 10 == 0 else { continue }
                    let (calls, unexpected) = tally.state.withLock { ($0.calls, $0.unexpectedCount) }
                    let rss = (try? server.residentMegabytes()) ?? 0
                    FileHandle.standardError.write(Data(String(format: "soak: %d s, %d calls, %d unexpected, loded %.1f MB\n",
                                                               tick, calls, unexpected, rss).utf8))
                }
            }
            let middle = start + .seconds(seconds / 2)
            try await Task.sleep(until: middle)
            memory.append(("middle", try server.residentMegabytes()))
            try await group.waitForAll()
        }
        memory.append(("end", try server.residentMegabytes()))
        let running = server.isRunning
        await server.stop()
        report(tally.state.withLock { $0 }, memory: memory, serverSurvived: running)
    }

    private static func material(_ records: [Corpus.RawDocument], _ client: RPCClient) async throws -> Material {
        var words = Set<String>()
        for r in records {
            for w in r.headline.split(whereSeparator: { !$0.isLetter }) where w.count >= 4 { words.insert(w.lowercased()) }
        }
        var names: [String] = []
        for type in ["person", "org", "loc"] {
            names += try await client.unary(Entity.list, Entity.ListEntitiesRequest(type: type, limit: 100)).entities.map(\.name)
        }
        let listed = try await client.unary(Corpus.list, Corpus.ListRequest(limit: 500))
        return Material(documents: records, words: words.sorted(), names: names, ids: listed.documents.map(\.id))
    }

    private func report(_ s: Tally.State, memory: [(String, Double)], serverSurvived: Bool) {
        var byCode: [String: Int] = [:]
        for codes in s.codes.values { for (code, n) in codes { byCode[code, default: 0] += n } }
        print("soak: \(clients) clients, \(seconds) s, \(documents) documents loaded first")
        print(String(format: "calls                %d  (%.0f/s)", s.calls, Double(s.calls) / Double(seconds)))
        print("by code              " + byCode.sorted { $0.value > $1.value }.map { "\($0.key) \($0.value)" }.joined(separator: ", "))
        print("unexpected           \(s.unexpectedCount)")
        for (what, example) in s.unexpected.sorted(by: { $0.key < $1.key }) { print("  \(what): \(example.prefix(200))") }
        print("action                  calls    p50 ms    p99 ms   outcomes")
        for action in Self.actions {
            let times = (s.milliseconds[action.name] ?? []).sorted()
            guard !times.isEmpty else { continue }
            let p = { (q: Double) in times[min(times.count - 1, Int(Double(times.count) * q))] }
            let codes = (s.codes[action.name] ?? [:]).sorted { $0.value > $1.value }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
            print(action.name.padding(toLength: 22, withPad: " ", startingAt: 0)
                  + String(format: "%7d  %8.2f  %8.2f   ", times.count, p(0.5), p(0.99)) + codes)
        }
        print("loded memory MB      " + memory.map { String(format: "%@ %.1f", $0.0, $0.1) }.joined(separator: ", ")
              + String(format: "  (end - middle %+.1f)", memory.last!.1 - memory[1].1))
        print("loded kept running   \(serverSurvived ? "yes" : "NO")")
    }
}
