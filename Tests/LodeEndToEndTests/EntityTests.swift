import Foundation
import LodeAPI
import LodeRPC
import LodeTesting
import LodeWire
import Testing

/// Extract through a real `loded` and through `lode extract`.
@Suite(.timeLimit(.minutes(2))) struct EntityTests {
    private let story = "Zhang Zhong said on Wednesday that output in Baotou rose 12 percent to 14 billion yuan last year."

    @Test func extractFindsNamesDatesAndAmountsWithOffsets() async throws {
        let server = try await LodedProcess()
        let client = try await server.connect()
        defer { Task { await client.close() } }
        let response = try await client.unary(Entity.extract, Entity.ExtractRequest(text: story, documentDate: "2016-08-10"))
        let found = response.mentions.map { "\($0.type) \($0.text) \($0.value)".trimmingCharacters(in: .whitespaces) }
        #expect(found.contains("PER Zhang Zhong"), "\(found)")
        #expect(found.contains("LOC Baotou"), "\(found)")
        #expect(found.contains("DATE Wednesday 2016-08-10"), "\(found)")
        #expect(found.contains("DATE last year 2015"), "\(found)")
        #expect(found.contains("MONEY 14 billion yuan 14000000000 CNY"), "\(found)")
        #expect(response.quotes.first?.speaker == "Zhang Zhong", "\(response.quotes)")
        let bytes = Array(story.utf8)
        for m in response.mentions { #expect(String(decoding: bytes[Int(m.start)..<Int(m.end)], as: UTF8.self) == m.text) }
    }

    @Test func badAndOddTextsGetClearAnswers() async throws {
        let server = try await LodedProcess()
        let client = try await server.connect()
        defer { Task { await client.close() } }
        for text in ["", "... !!! ---", "稀土 稀土 稀土"] {
            let response = try await client.unary(Entity.extract, Entity.ExtractRequest(text: text))
            #expect(response.mentions.isEmpty, "\(text): \(response.mentions)")
        }
        let mixed = try await client.unary(Entity.extract, Entity.ExtractRequest(text: "稀土 prices in Baotou rose 8 percent."))
        #expect(mixed.mentions.contains { $0.type == "PERCENT" && $0.value == "8%" })
        for (request, message) in [
            (Entity.ExtractRequest(text: String(repeating: "Rare earth prices rose. ", count: 50_000)), "over the 1048576 bytes"),
            (Entity.ExtractRequest(text: story, documentDate: "last week"), "is not a date"),
        ] {
            await #expect(throws: RPCError.self) {
                do {
                    _ = try await client.unary(Entity.extract, request)
                } catch let error as RPCError {
                    #expect(error.code == .invalidArgument && error.message.contains(message), "\(error)")
                    throw error
                }
            }
        }
        #expect(server.isRunning)
    }

    @Test func lodeExtractReadsStandardInput() async throws {
        let server = try await LodedProcess()
        let run = try LodeRun.run(["--format", "json", "extract", "--date", "2016-08-10"], socket: server.socketPath, stdin: story)
        #expect(run.status == 0, "\(run.stderr)")
        guard case .array(let mentions) = try JSONValue(parsing: run.stdout)["mentions"] else {
            Issue.record("no mentions in \(run.stdout)")
            return
        }
        #expect(mentions.contains { $0["text"] == .string("Zhang Zhong") && $0["type"] == .string("PER") })
        let table = try LodeRun.run(["extract"], socket: server.socketPath, stdin: story)
        #expect(table.stdout.hasPrefix("type") && table.stdout.contains("MONEY"), "\(table.stdout)")
    }
}
