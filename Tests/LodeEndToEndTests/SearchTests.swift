import Foundation
import LodeAPI
import LodeCLI
import LodeRPC
import LodeTesting
import LodeWire
import Testing

/// Queries whose results must survive restarts unchanged.
private let probeQueries = ["rare earth", "\"rare earth\" alliance", "Baotuo~", "magnet* OR cluster", "headline:nation",
                            "source:xinhua rare", "oil prices -coffee", "crude OR gold"]

/// Search through a real `loded`: real time, restarts, damage, bad requests, the CLI.
@Suite(.timeLimit(.minutes(5))) struct SearchTests {
    @Test func aDocumentIsFoundOnceIngestedAndGoneOnceDeleted() async throws {
        let server = try await LodedProcess()
        let client = try await server.connect()
        defer { Task { await client.close() } }
        let page = Corpus.RawDocument(name: "tin.txt", content: Array("""
            Tin smelters in Yunnan cut output
            KUNMING, May 4 (Xinhua) -- Tin smelters in southwest China's Yunnan Province cut output by a fifth in April as ore shipments from Myanmar slowed, an industry group said on Thursday.
            """.utf8))
        for round in 1...3 {
            let results = try await client.clientIngest([page])
            let id = results[0].documentId
            let found = try await client.unary(Search.search, Search.SearchRequest(query: "smelters Yunnan"))
            #expect(found.hits.map(\.id) == [id], "round \(round)")
            _ = try await client.unary(Corpus.delete, Corpus.DeleteRequest(id: id))
            let gone = try await client.unary(Search.search, Search.SearchRequest(query: "smelters Yunnan"))
            #expect(gone.hits.isEmpty && gone.total == 0, "round \(round)")
        }
    }

    @Test func aQueryNoPageHoldsWhollyListsThePagesHoldingMostOfIt() async throws {
        let server = try await LodedProcess()
        let client = try await server.connect()
        defer { Task { await client.close() } }
        let pages = [
            ("graphite.txt", "Graphite export permits tightened again\nBEIJING, May 4 (Xinhua) -- China tightened export permits for graphite on Thursday, the commerce ministry said in a statement."),
            ("wheat.txt", "Wheat harvest late\nKYIV, June 2 (Reuters) -- The wheat harvest started late this year after a cold and wet spring, farmers said on Monday."),
        ]
        _ = try await client.clientIngest(pages.map { Corpus.RawDocument(name: $0.0, content: Array($0.1.utf8)) })
        let response = try await client.unary(Search.search, Search.SearchRequest(query: "graphite export licences"))
        #expect(response.total == 0 && response.clauses == 3 && response.partialTotal == 1)
        #expect(response.hits.map(\.clausesHeld) == [2])
        let table = try LodeRun.run(["--no-color", "search", "graphite", "export", "licences"], socket: server.socketPath)
        #expect(table.status == 0)
        #expect(table.stdout.contains("no document has all 3 words; these have 2"), "\(table.stdout)")
        #expect(table.stdout.contains("Graphite export permits tightened again"), "\(table.stdout)")
        let strict = try LodeRun.run(["search", "graphite AND licences"], socket: server.socketPath)
        #expect(strict.stdout.contains("no hits"), "\(strict.stdout)")
    }

    @Test func resultsAreIdenticalAfterARestartAKillAndALostSnapshot() async throws {
        let folder = TemporaryDirectory()
        let store = folder.path("corpus.sqlite")
        let reuters = try await Array(reutersRecords().prefix(1500))
        var before: [String: Search.SearchResponse] = [:]
        do {
            let server = try await LodedProcess(arguments: ["--store", store])
            let client = try await server.connect()
            _ = try await client.clientIngest(try await seedRecords() + reuters)
            before = try await answers(client)
            await client.close()
            #expect(await server.stop() == 0)
        }
        #expect(FileManager.default.fileExists(atPath: store + ".search/manifest"), "a graceful stop writes the index")

        // From the index on disk.
        var server = try await LodedProcess(arguments: ["--store", store])
        #expect(server.log.contains("(0 indexed, 0 removed since it was last written)"), "\(server.log)")
        var client = try await server.connect()
        #expect(try await answers(client) == before)

        // Changes the index on disk has not seen, then kill -9: the next start catches up.
        let extra = try await Array(reutersRecords().dropFirst(1500).prefix(50))
        _ = try await client.clientIngest(extra)
        let victim = try #require(before["rare earth"]?.hits.first?.id)
        _ = try await client.unary(Corpus.delete, Corpus.DeleteRequest(id: victim))
        let expected = try await answers(client)
        await client.close()
        kill(server.pid, SIGKILL)
        await server.stop()
        server = try await LodedProcess(arguments: ["--store", store])
        #expect(server.log.contains("removed since it was last written"))
        client = try await server.connect()
        #expect(try await answers(client) == expected)
        #expect(try await answers(client)["rare earth"]?.hits.contains { $0.id == victim } == false)
        await client.close()
        await server.stop()

        // A damaged segment: the index is rebuilt from the store, with the same results.
        let segment = try #require(try FileManager.default.contentsOfDirectory(atPath: store + ".search").first { $0.hasPrefix("segment-") })
        let url = URL(fileURLWithPath: store + ".search/" + segment)
        var bytes = try Data(contentsOf: url)
        bytes[bytes.count / 2] ^= 0xFF
        try bytes.write(to: url)
        server = try await LodedProcess(arguments: ["--store", store])
        #expect(server.log.contains("a file of the search index on disk fails its checksum; indexing the store again"), "\(server.log)")
        client = try await server.connect()
        #expect(try await answers(client) == expected)
        await client.close()

        // A file (as older builds wrote) instead of the folder: the same, and the folder replaces it.
        await server.stop()
        try FileManager.default.removeItem(atPath: store + ".search")
        try Data("not an index".utf8).write(to: URL(fileURLWithPath: store + ".search"))
        server = try await LodedProcess(arguments: ["--store", store])
        #expect(server.log.contains("a snapshot of an older format; indexing the store again"), "\(server.log)")
        client = try await server.connect()
        #expect(try await answers(client) == expected)
        await client.close()
        await server.stop()
        server = try await LodedProcess(arguments: ["--store", store])
        #expect(server.log.contains("(0 indexed, 0 removed since it was last written)"), "\(server.log)")
        await server.stop()
    }

    @Test func badRequestsGetClearErrorsAndTheServerCarriesOn() async throws {
        let server = try await LodedProcess()
        let client = try await server.connect()
        defer { Task { await client.close() } }
        _ = try await client.clientIngest(try await seedRecords())
        let cases: [(Search.SearchRequest, String)] = [
            (Search.SearchRequest(query: "rare (earth"), "the '(' here is never closed (at character 6)"),
            (Search.SearchRequest(query: "\"rare earth"), "the quote that opens here is never closed (at character 1)"),
            (Search.SearchRequest(query: ""), "the query is empty"),
            (Search.SearchRequest(query: "-steel"), "not only exclusions"),
            (Search.SearchRequest(query: "date:2019..2016 rare"), "ends before it starts"),
            (Search.SearchRequest(query: "author:zhang"), "no field is called author"),
            (Search.SearchRequest(query: "rare OR"), "OR has nothing after it"),
            (Search.SearchRequest(query: "Baotou~3"), "fuzzy matching allows 1 or 2 edits"),
            (Search.SearchRequest(query: "rare &&"), "&& has no letters or digits to search for (at character 6)"),
            (Search.SearchRequest(query: "rare", limit: 5000), "limit 5000 is above the maximum"),
            (Search.SearchRequest(query: "rare", cursor: "page-two"), "did not come from a Search response"),
            (Search.SearchRequest(query: "rare", cursor: "o900000000"), "paging stops at hit 100000"),
            (Search.SearchRequest(query: String(repeating: "gold~2 ", count: 500)), "longer than 1000 characters"),
            (Search.SearchRequest(query: "rare", facets: ["colour"]), "no facet is called colour"),
            (Search.SearchRequest(query: "rare", sort: Search.SearchRequest.Sort(rawValue: 9)), "is not RELEVANCE, NEWEST or OLDEST"),
            (Search.SearchRequest(query: "rare", filter: Search.Filter(dateFrom: "last week")), "is not a date"),
        ]
        for (request, message) in cases {
            await #expect(throws: RPCError.self, "\(request.query)") {
                do {
                    _ = try await client.unary(Search.search, request)
                } catch let error as RPCError {
                    #expect(error.code == .invalidArgument && error.message.contains(message), "\(error)")
                    throw error
                }
            }
        }
        await #expect(throws: RPCError.self) {
            _ = try await client.unary(Search.explain, Search.ExplainRequest(query: "rare", id: "nope"))
        }
        let fine = try await client.unary(Search.search, Search.SearchRequest(query: "rare earth"))
        #expect(fine.hits.count == 2)
        #expect(server.isRunning)
    }

    @Test func aQueryErrorsPositionIsInItsDetailsInCharactersCodePointsAndBytes() async throws {
        let server = try await LodedProcess()
        let client = try await server.connect()
        defer { Task { await client.close() } }
        // "e" + a combining acute accent: one character, two code points, three bytes.
        for (query, expected) in [("e\u{301} rare (earth", ["7", "8", "9"]), ("rare && earth", ["5", "5", "5"])] {
            let error = await #expect(throws: RPCError.self) {
                try await client.unary(Search.search, Search.SearchRequest(query: query))
            }
            #expect(error?.code == .invalidArgument)
            #expect([error?.details["position_characters"], error?.details["position_scalars"], error?.details["position_bytes"]]
                    == expected.map(Optional.some), "\(String(describing: error))")
        }
    }

    @Test func theCLIPrintsPagesPlainlyForScriptsAndKeepsPaging() async throws {
        let server = try await LodedProcess()
        let client = try await server.connect()
        _ = try await client.clientIngest(try await seedRecords() + Array(reutersRecords().prefix(300)))
        await client.close()

        let table = try LodeRun.run(["search", "rare earth", "alliance"], socket: server.socketPath)
        #expect(table.status == 0, "\(table.stderr)")
        #expect(table.stdout.hasPrefix("1. Rare earth industrial alliance established"), "\(table.stdout)")
        #expect(!table.stdout.contains("\u{1B}["), "no colour when not a terminal")
        #expect(table.stdout.contains("only 2 documents have both words; these have 1"), "\(table.stdout)")
        #expect(table.stdout.contains("of 2 hits (and "), "\(table.stdout)")

        let json = try LodeRun.run(["--format", "json", "search", "oil", "--limit", "3", "--facets"], socket: server.socketPath)
        let response = try JSONValue(parsing: json.stdout)
        guard case .array(let hits) = response["hits"], case .array(let facets) = response["facets"] else {
            Issue.record("no hits or facets in \(json.stdout)")
            return
        }
        #expect(hits.count == 3)
        #expect(facets.count == 2)

        let script = TemporaryDirectory()
        try "search oil --limit 2 --tsv\nsearch --next --tsv\nsearch 'rare (earth'\n"
            .write(to: script.url.appendingPathComponent("s.lode"), atomically: true, encoding: .utf8)
        let paged = try LodeRun.run(["--keep-going", "-f", script.path("s.lode")], socket: server.socketPath)
        let ids = paged.stdout.split(separator: "\n").filter { !$0.hasPrefix("id\t") }.map { $0.split(separator: "\t")[0] }
        #expect(ids.count == 4 && Set(ids).count == 4, "two pages of two, no overlap: \(paged.stdout)")
        #expect(paged.stderr.contains("s.lode:3: INVALID_ARGUMENT: bad query: the '(' here is never closed"), "\(paged.stderr)")
        #expect(paged.status == 4)

        let misspelt = try LodeRun.run(["search", "Baotuo"], socket: server.socketPath)
        #expect(misspelt.stdout.contains("no hits; did you mean: baotou"), "\(misspelt.stdout)")
    }

    @Test func theREPLCompletesSearchWordsFromTheCorpus() async throws {
        let server = try await LodedProcess()
        let client = try await server.connect()
        _ = try await client.clientIngest(try await seedRecords())
        await client.close()
        let state = TemporaryDirectory()
        let terminal = try await TerminalSession.lodeREPL(socket: server.socketPath, state: state.url.path)
        try terminal.type("search \"rare earth\" Baot")
        try terminal.press("Tab")
        try await terminal.waitFor("lode> search \"rare earth\" baotou")
        try terminal.type("-Xiong")
        try terminal.press("Tab")
        try await terminal.waitFor("lode> search \"rare earth\" baotou -xiongan")
        try terminal.press("Enter")
        let screen = try await terminal.waitFor("1–1 of 1 hits")
        #expect(screen.contains("1. Rare earth industrial alliance established"))
        try terminal.press("C-d")
    }

    /// Each probe query's first page, without the timing.
    private func answers(_ client: RPCClient) async throws -> [String: Search.SearchResponse] {
        var out: [String: Search.SearchResponse] = [:]
        for query in probeQueries {
            var response = try await client.unary(Search.search, Search.SearchRequest(query: query, facets: ["source", "year"]))
            response.tookMicros = 0
            out[query] = response
        }
        return out
    }

}
