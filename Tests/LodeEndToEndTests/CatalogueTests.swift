import Foundation
import LodeAPI
import LodeCLI
import LodeRPC
import LodeTesting
import LodeWire
import Testing

/// The entity catalogue through a real `loded`: built as documents are ingested, current
/// after deletes and replacements, read again when it was off, and refused bad requests.
@Suite(.timeLimit(.minutes(3))) struct CatalogueTests {
    @Test func theSeedPagesGiveTheExpectedCatalogue() async throws {
        let server = try await LodedProcess()
        let client = try await server.connect()
        defer { Task { await client.close() } }
        _ = try await client.clientIngest(try await seedRecords())
        func names(_ type: String) async throws -> Set<String> {
            let r = try await client.unary(Entity.list, Entity.ListEntitiesRequest(type: type, limit: 1000))
            return Set(r.entities.map(\.name))
        }
        let people = try await names("PER"), orgs = try await names("ORG"), places = try await names("LOC")
        for p in ["Gan Yong", "Huang Xiaowei", "Wu Chenhui", "Gong Xiaofeng", "Tong Yanru", "Zhang Zhong"] {
            #expect(people.contains(p), "\(p) among \(people.sorted())")
        }
        for o in ["Chinese Academy of Engineering", "Chinese Academy of Sciences", "Global Times",
                  "China Northern Rare Earth (Group) Hi-Tech Co. Ltd.", "Hebei Innovation Center for Rare-earth Functional Material Production"] {
            #expect(orgs.contains(o), "\(o) among \(orgs.sorted())")
        }
        for l in ["Baiyunebo", "Inner Mongolia", "Xiongan New Area", "Hebei", "Baotou", "Beijing", "Japan"] {
            #expect(places.contains(l), "\(l) among \(places.sorted())")
        }
        #expect(try await names("MONEY").isSuperset(of: ["14 billion yuan", "2.1 billion U.S. dollars"]))
        #expect(try await names("PERCENT").isSuperset(of: ["70 percent", "over 90 percent"]))
        #expect(!people.contains("Zhang") && !places.contains("Baotou City") && !places.contains("Inner Mongolia Autonomous Region"))

        let cae = try await client.unary(Entity.get, Entity.GetEntityRequest(name: "cae"))
        #expect(cae.entity?.name == "Chinese Academy of Engineering" && cae.aliases.contains { $0.text == "CAE" }, "\(cae)")
        let mongolia = try await client.unary(Entity.get, Entity.GetEntityRequest(name: "Inner Mongolia", type: "loc"))
        #expect(mongolia.entity?.documents == 2 && mongolia.documents.count == 2, "one entity across both pages: \(mongolia)")
        let baotou = try await client.unary(Entity.get, Entity.GetEntityRequest(name: "Baotou City"))
        #expect(baotou.entity?.name == "Baotou" && baotou.aliases.contains { $0.text == "Baotou City" }, "\(baotou)")
        let zhang = try await client.unary(Entity.get, Entity.GetEntityRequest(name: "zhang zhong"))
        #expect(zhang.aliases.contains { $0.text == "Zhang" }, "\"Zhang\" is Zhang Zhong: \(zhang.aliases)")
        #expect(zhang.roles.contains { $0.role == "chairman" && $0.organisation.hasPrefix("China Northern Rare Earth") }, "\(zhang.roles)")
        #expect(zhang.entity?.firstSeen == "2016-08-10" && zhang.entity?.lastSeen == "2016-08-10")
        let wu = try await client.unary(Entity.quotes, Entity.QuotesRequest(name: "Wu Chenhui"))
        #expect(wu.quotes.contains { $0.text.contains("chemical reactions") && $0.speaker == "Wu Chenhui" }, "\(wu)")

        let together = try await client.unary(Entity.cooccurrence, Entity.CooccurrenceRequest(name: "Zhang Zhong"))
        let company = together.entities.first { $0.entity?.name == "China Northern Rare Earth (Group) Hi-Tech Co. Ltd." }
        #expect(company?.together == 1 && company?.score == 1, "\(together.entities)")
        for c in together.entities {
            let expected = 2 * Double(c.together) / Double(c.entity!.documents + together.entity!.documents)
            #expect(abs(c.score - expected) < 1e-9, "Dice's coefficient for \(c)")
        }
        #expect(together.entities.map(\.score) == together.entities.map(\.score).sorted(by: >))
    }

    @Test func searchFiltersAndFacetsUseTheCatalogue() async throws {
        let server = try await LodedProcess()
        let client = try await server.connect()
        defer { Task { await client.close() } }
        _ = try await client.clientIngest(try await seedRecords())
        func sources(_ query: String) async throws -> [String] {
            try await client.unary(Search.search, Search.SearchRequest(query: query)).hits.map(\.source)
        }
        #expect(try await sources(#"rare earth person:"Zhang Zhong""#) == ["Xinhua"])
        #expect(try await sources("org:CAE") == ["Global Times"], "an alias finds the entity")
        #expect(try await sources(#"entity:"Inner Mongolia Autonomous Region""#).count == 2)
        #expect(try await sources(#"rare earth -loc:"Xiongan New Area""#) == ["Xinhua"])
        #expect(try await sources("alliance OR loc:Baiyunebo").count == 2)
        #expect(try await sources("person:Nobody").isEmpty, "an unknown name matches nothing")
        #expect(try await sources("person:Baotou").isEmpty, "nor does a name of another type")
        let faceted = try await client.unary(Search.search, Search.SearchRequest(query: "rare earth", facets: ["person", "org", "source"]))
        let people = faceted.facets.first { $0.name == "person" }?.counts.map(\.value) ?? []
        #expect(Set(people).isSuperset(of: ["Zhang Zhong", "Wu Chenhui", "Gan Yong"]) && people.count <= 10, "\(faceted.facets)")
        #expect(faceted.facets.first { $0.name == "org" }?.counts.contains { $0.value == "Global Times" && $0.count == 1 } == true)
        #expect(faceted.facets.first { $0.name == "source" }?.counts.count == 2)
        let explained = try await client.unary(Search.explain, Search.ExplainRequest(query: #"rare person:"Zhang Zhong""#, id: try await
            client.unary(Search.search, Search.SearchRequest(query: "Baotou")).hits[0].id))
        #expect(explained.matches)
        do {
            _ = try await client.unary(Search.search, Search.SearchRequest(query: "rare loc:"))
            Issue.record("loc: without a name")
        } catch let error as RPCError {
            #expect(error.code == .invalidArgument && error.message.contains("loc: needs a name after it") && error.message.contains("at character 6"), "\(error)")
        }
        let cli = try LodeRun.run(["search", "rare earth", "--facet", "person", "--no-snippets"], socket: server.socketPath)
        #expect(cli.stdout.contains("person: ") && cli.stdout.contains("Zhang Zhong 1"), "\(cli.stdout)")
    }

    @Test func mentionsStreamWithTheirContextAndOffsets() async throws {
        let server = try await LodedProcess()
        let client = try await server.connect()
        defer { Task { await client.close() } }
        _ = try await client.clientIngest(try await seedRecords())
        let baotou = try await client.unary(Entity.get, Entity.GetEntityRequest(name: "Baotou"))
        var count = 0
        for try await m in try client.serverStreaming(Entity.mentions, Entity.MentionsRequest(name: "Baotou", contextBytes: 40)) {
            count += 1
            let context = Array(m.context.utf8)
            #expect(String(decoding: context[Int(m.contextStart)..<Int(m.contextEnd)], as: UTF8.self) == m.text, "\(m)")
            #expect(context.count <= m.text.utf8.count + 80)
            let d = try await client.unary(Corpus.get, Corpus.GetRequest(id: m.documentId))
            let text = Array(([d.headline, d.dateline, d.author].filter { !$0.isEmpty } + d.paragraphs + d.captions).joined(separator: "\n").utf8)
            #expect(String(decoding: text[Int(m.start)..<Int(m.end)], as: UTF8.self) == m.text, "offsets in the entity text")
        }
        #expect(count == Int(baotou.entity?.mentions ?? 0) && count >= 3)
        var limited = 0
        for try await _ in try client.serverStreaming(Entity.mentions, Entity.MentionsRequest(name: "Baotou", limit: 2)) { limited += 1 }
        #expect(limited == 2)
    }

    @Test func theCatalogueFollowsDeletesAndReplacements() async throws {
        let server = try await LodedProcess()
        let client = try await server.connect()
        defer { Task { await client.close() } }
        let seeds = try await seedRecords()
        let results = try await client.clientIngest(seeds)
        let before = try await client.unary(Entity.list, Entity.ListEntitiesRequest(limit: 1000))
        for id in results.map(\.documentId) {
            let doc = try await client.unary(Corpus.get, Corpus.GetRequest(id: id))
            guard doc.source == "Xinhua" else { continue }
            _ = try await client.unary(Corpus.delete, Corpus.DeleteRequest(id: id))
            await expectNotFound(client, Entity.GetEntityRequest(name: "Zhang Zhong"), "no entity is named")
            let mongolia = try await client.unary(Entity.get, Entity.GetEntityRequest(name: "Inner Mongolia"))
            #expect(mongolia.entity?.documents == 1 && mongolia.entity?.firstSeen == "", "the dated page is gone: \(mongolia)")
            let quotes = try await client.unary(Entity.quotes, Entity.QuotesRequest())
            #expect(!quotes.quotes.contains { $0.documentId == id })
        }
        _ = try await client.clientIngest(seeds)
        let after = try await client.unary(Entity.list, Entity.ListEntitiesRequest(limit: 1000))
        #expect(after.entities == before.entities, "the same catalogue once the page is back")

        // A page replaced by a new version at the same address loses its old people.
        func page(_ person: String) -> Corpus.RawDocument {
            Corpus.RawDocument(
                name: "wire.txt",
                content: Array("The miners' union leader \(person) said on Monday that output at the Bayan Obo mine in Inner Mongolia would rise 5 percent.\n".utf8),
                format: .cleanText, url: "https://example.org/wire/1", headline: "Miners rally", date: "2017-03-06")
        }
        _ = try await client.clientIngest([page("Li Wenbo")])
        let li = try await client.unary(Entity.get, Entity.GetEntityRequest(name: "Li Wenbo"))
        #expect(li.entity?.documents == 1)
        _ = try await client.clientIngest([page("Chen Guoqiang")])
        await expectNotFound(client, Entity.GetEntityRequest(name: "Li Wenbo"), "no entity is named")
        let chen = try await client.unary(Entity.get, Entity.GetEntityRequest(name: "Chen Guoqiang"))
        #expect(chen.entity?.documents == 1 && chen.entity?.lastSeen == "2017-03-06", "\(chen)")
        let mongolia = try await client.unary(Entity.get, Entity.GetEntityRequest(name: "Inner Mongolia"))
        #expect(mongolia.entity?.documents == 3 && mongolia.entity?.lastSeen == "2017-03-06", "\(mongolia)")
    }

    @Test func aServerStartedWithEntitiesOnReadsWhatWasStoredWithout() async throws {
        let off = try await LodedProcess(arguments: ["--no-entities"])
        let store = off.folder.path("lode.sqlite")
        let client = try await off.connect()
        _ = try await client.clientIngest(try await seedRecords())
        let empty = try await client.unary(Entity.list, Entity.ListEntitiesRequest())
        #expect(empty.total == 0)
        let unread = try await client.unary(Corpus.stats, Corpus.StatsRequest())
        #expect(unread.documents == 2 && unread.documentsWithEntities == 0 && unread.entities == 0)
        await client.close()
        #expect(await off.stop() == 0)

        let on = try await LodedProcess(arguments: ["--store", store])
        let again = try await on.connect()
        defer { Task { await again.close() } }
        var found: Entity.EntityDetail?
        for _ in 0..<200 where found == nil {
            found = try? await again.unary(Entity.get, Entity.GetEntityRequest(name: "Zhang Zhong"))
            if found == nil { try await Task.sleep(for: .milliseconds(100)) }
        }
        #expect(found?.roles.contains { $0.role == "chairman" } == true, "read again in the background: \(on.log)")
        let deadline = ContinuousClock.now + .seconds(30)
        while !on.log.contains("entity catalogue: read 2 of 2 documents"), ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(20))
        }
        #expect(on.log.contains("entity catalogue: read 2 of 2 documents"), "\(on.log)")
        let read = try await again.unary(Corpus.stats, Corpus.StatsRequest())
        #expect(read.documentsWithEntities == 2 && read.entities > 30, "\(read)")
    }

    @Test func badCatalogueRequestsGetClearErrors() async throws {
        let server = try await LodedProcess()
        let client = try await server.connect()
        defer { Task { await client.close() } }
        _ = try await client.clientIngest(try await seedRecords())
        await expectNotFound(client, Entity.GetEntityRequest(name: "Baotuo"), "did you mean: Baotou")
        await expectNotFound(client, Entity.GetEntityRequest(name: "Gong Xiaofen"), "did you mean: Gong Xiaofeng")
        await expectNotFound(client, Entity.GetEntityRequest(name: "Zhang Zhong", type: "LOC"), "no LOC entity is named \"Zhang Zhong\"")
        await expectError(.invalidArgument, "name is empty") {
            _ = try await client.unary(Entity.get, Entity.GetEntityRequest(name: "  "))
        }
        await expectError(.invalidArgument, "type planet is not one of") {
            _ = try await client.unary(Entity.list, Entity.ListEntitiesRequest(type: "planet"))
        }
        await expectError(.invalidArgument, "limit 5000 is above the maximum of 1000") {
            _ = try await client.unary(Entity.list, Entity.ListEntitiesRequest(limit: 5000))
        }
        await expectError(.invalidArgument, "did not come from a List response") {
            _ = try await client.unary(Entity.list, Entity.ListEntitiesRequest(cursor: "zz"))
        }
        await expectError(.invalidArgument, "type xyz is not one of") {
            _ = try await client.unary(Entity.cooccurrence, Entity.CooccurrenceRequest(name: "Baotou", withTypes: ["xyz"]))
        }
        await expectError(.notFound, "did you mean: Wu Chenhui") {
            _ = try await client.unary(Entity.quotes, Entity.QuotesRequest(name: "Wu Chenhu"))
        }
        await expectError(.notFound, "no entity is named \"Nobody At All\"") {
            for try await _ in try client.serverStreaming(Entity.mentions, Entity.MentionsRequest(name: "Nobody At All")) {}
        }
        // Paging through everything with the cursors gives each entity once.
        var seen: [String] = []
        var cursor = ""
        repeat {
            let page = try await client.unary(Entity.list, Entity.ListEntitiesRequest(type: "all", limit: 7, cursor: cursor))
            seen += page.entities.map { "\($0.type) \($0.name)" }
            cursor = page.nextCursor
            #expect(Int(page.total) >= seen.count)
        } while !cursor.isEmpty
        #expect(Set(seen).count == seen.count && seen.count > 30)
        #expect(server.isRunning)
    }

    @Test func theClientCommandsReadTheCatalogue() async throws {
        let server = try await LodedProcess()
        let client = try await server.connect()
        _ = try await client.clientIngest(try await seedRecords())
        await client.close()
        let people = try LodeRun.run(["entities", "person", "--top", "20"], socket: server.socketPath)
        #expect(people.status == 0 && people.stdout.hasPrefix("type") && people.stdout.contains("Zhang Zhong"), "\(people.stderr)")
        #expect(!people.stdout.contains("Baotou"))
        let card = try LodeRun.run(["entity", "Zhang", "Zhong"], socket: server.socketPath)
        #expect(card.stdout.contains("Zhang Zhong (PER)") && card.stdout.contains("role: chairman, China Northern Rare Earth"), "\(card.stdout)")
        let json = try LodeRun.run(["--format", "json", "entity", "CAE"], socket: server.socketPath)
        #expect(try JSONValue(parsing: json.stdout)["entity"]?["name"] == .string("Chinese Academy of Engineering"), "\(json.stdout)")
        let quotes = try LodeRun.run(["--format", "tsv", "quotes", "Wu Chenhui"], socket: server.socketPath)
        #expect(quotes.stdout.split(separator: "\n").dropFirst().allSatisfy { $0.hasPrefix("Wu Chenhui\t") } && quotes.stdout.contains("chemical"))
        let cooccur = try LodeRun.run(["cooccur", "Baotou", "--with", "org"], socket: server.socketPath)
        #expect(cooccur.stdout.contains("China Northern Rare Earth") && !cooccur.stdout.contains("Inner Mongolia"), "\(cooccur.stdout)")
        let mentions = try LodeRun.run(["mentions", "Xiongan", "--limit", "2"], socket: server.socketPath)
        #expect(mentions.stdout.split(separator: "\n").count == 3, "\(mentions.stdout)")
        let missing = try LodeRun.run(["entity", "Baotuo"], socket: server.socketPath)
        #expect(missing.status == ExitCodes.notFound && missing.stderr.contains("did you mean: Baotou"), "\(missing.stderr)")
        let usage = try LodeRun.run(["entities", "--sort", "size"], socket: server.socketPath)
        #expect(usage.status == ExitCodes.usage && usage.stderr.contains("--sort takes documents, mentions or name"))
    }

    @Test func theREPLCompletesEntityNamesAndTypes() async throws {
        let server = try await LodedProcess()
        let client = try await server.connect()
        _ = try await client.clientIngest(try await seedRecords())
        await client.close()
        let state = TemporaryDirectory()
        let terminal = try await TerminalSession.lodeREPL(socket: server.socketPath, state: state.url.path)
        try terminal.type("entities pers")
        try terminal.press("Tab")
        try await terminal.waitFor("lode> entities person")
        try terminal.press("Enter")
        try await terminal.waitFor("Zhang Zhong")
        try terminal.type("entity Gong")
        try terminal.press("Tab")
        try await terminal.waitFor("lode> entity Gong Xiaofeng")
        try terminal.press("Enter")
        let screen = try await terminal.waitFor("Gong Xiaofeng (PER)")
        #expect(screen.contains("role: "))
        try terminal.press("C-d")
    }

    private func expectNotFound(_ client: RPCClient, _ request: Entity.GetEntityRequest, _ message: String) async {
        await expectError(.notFound, message) { _ = try await client.unary(Entity.get, request) }
    }

    private func expectError(_ code: StatusCode, _ message: String, _ body: () async throws -> Void) async {
        do {
            try await body()
            Issue.record("expected \(code) with \(message)")
        } catch let error as RPCError {
            #expect(error.code == code && error.message.contains(message), "\(error)")
        } catch {
            Issue.record("\(error)")
        }
    }
}
