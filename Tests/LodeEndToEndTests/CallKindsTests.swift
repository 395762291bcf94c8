import LodeAPI
import LodeRPC
import LodeTesting
import Testing

@Suite(.timeLimit(.minutes(2))) struct CallKindsTests {
    @Test func healthReflectionAndEveryStreamingKindWork() async throws {
        let server = try await LodedProcess()
        let client = try await server.connect()
        defer { Task { await client.close() } }

        #expect(try await client.checkHealth() == .serving)
        #expect(try await client.checkHealth(Health.service) == .serving)

        let services = try await client.listServices()
        let methods = Dictionary(uniqueKeysWithValues: services.flatMap(\.methods).map { ($0.path, $0) })
        #expect(Set(services.map(\.name)) == [Health.service, Reflection.service, Diagnostics.service, Corpus.service, Search.service,
                                             Entity.service])
        #expect(methods[Health.watch.path]?.serverStreaming == true && methods[Health.watch.path]?.clientStreaming == false)
        #expect(methods[Diagnostics.chat.path]?.serverStreaming == true && methods[Diagnostics.chat.path]?.clientStreaming == true)
        #expect(methods[Diagnostics.collect.path]?.inputType == "lode.diagnostics.v1.EchoRequest")

        let description = try await client.describeMessage("lode.rpc.v1.CallStart")
        #expect(description.fields.map(\.name) == ["method", "metadata", "timeout_micros"])
        #expect(description.fields[1].map)

        let echo = try await client.unary(Diagnostics.echo, Diagnostics.EchoRequest(payload: [1, 2, 3]))
        #expect(echo.payload == [1, 2, 3])

        var sequences: [UInt32] = []
        for try await r in try client.serverStreaming(Diagnostics.echoStream, Diagnostics.EchoRequest(payload: [9], count: 5)) {
            sequences.append(r.sequence)
        }
        #expect(sequences == [0, 1, 2, 3, 4])

        let collected = try await client.clientStreaming(
            Diagnostics.collect, (0..<10).map { Diagnostics.EchoRequest(payload: Array(repeating: 0, count: $0)) })
        #expect(collected == Diagnostics.CollectResponse(messages: 10, bytes: 45))

        let chat = try client.bidirectionalStreaming(Diagnostics.chat)
        var replies = chat.makeAsyncIterator()
        for i in 0..<3 {
            try await chat.call.send(Diagnostics.EchoRequest(payload: [UInt8(i)]).wireBytes())
            let reply = try await replies.next()
            #expect(reply == Diagnostics.EchoResponse(payload: [UInt8(i)], sequence: UInt32(i)), "each reply arrives before the next request")
        }
        try await chat.call.halfClose()
        #expect(try await replies.next() == nil)
    }

    @Test func largeStreamArrivesCompleteAndInOrderThroughBackpressure() async throws {
        let server = try await LodedProcess()
        let client = try await server.connect()
        defer { Task { await client.close() } }
        let payload = [UInt8](repeating: 7, count: 64 * 1024)
        var expected: UInt32 = 0
        for try await r in try client.serverStreaming(Diagnostics.echoStream, Diagnostics.EchoRequest(payload: payload, count: 600)) {
            #expect(r.sequence == expected && r.payload.count == payload.count)
            expected += 1
            if expected % 100 == 0 { try await Task.sleep(for: .milliseconds(50)) }
        }
        #expect(expected == 600)
    }

    @Test func manyClientStreamedMessagesAreAllCounted() async throws {
        let server = try await LodedProcess()
        let client = try await server.connect()
        defer { Task { await client.close() } }
        let requests = (0..<2000).map { _ in Diagnostics.EchoRequest(payload: [UInt8](repeating: 1, count: 4096)) }
        let result = try await client.clientStreaming(Diagnostics.collect, requests)
        #expect(result == Diagnostics.CollectResponse(messages: 2000, bytes: 2000 * 4096))
    }
}
