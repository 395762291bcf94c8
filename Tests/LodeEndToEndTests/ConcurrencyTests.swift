import LodeAPI
import LodeRPC
import LodeTesting
import Testing

@Suite(.timeLimit(.minutes(2))) struct ConcurrencyTests {
    @Test func hundredConcurrentCallsOnOneConnectionCompleteOutOfOrder() async throws {
        let server = try await LodedProcess()
        let client = try await server.connect()
        defer { Task { await client.close() } }
        // A task group yields results as calls finish: the order of answers.
        let order = try await withThrowingTaskGroup(of: Int.self) { group in
            for i in 0..<100 {
                group.addTask {
                    // Calls started first sleep longest, so they finish last.
                    let request = Diagnostics.EchoRequest(payload: Array("call \(i)".utf8), delayMillis: UInt32(300 - i * 2))
                    let response = try await client.unary(Diagnostics.echo, request)
                    #expect(response.payload == Array("call \(i)".utf8))
                    return i
                }
            }
            var order: [Int] = []
            for try await i in group { order.append(i) }
            return order
        }
        #expect(order.count == 100)
        #expect(order != order.sorted(), "answers came back in completion order, not request order")
        #expect(order.first! > order.last!, "the shortest call, started last, finished before the longest")
    }

    @Test func twentyConnectionsAtOnce() async throws {
        let server = try await LodedProcess()
        try await withThrowingTaskGroup(of: Int.self) { group in
            for c in 0..<20 {
                group.addTask {
                    let client = try await server.connect()
                    var ok = 0
                    for i in 0..<10 {
                        let payload = Array("\(c)-\(i)".utf8)
                        let r = try await client.unary(Diagnostics.echo, Diagnostics.EchoRequest(payload: payload, delayMillis: 5))
                        if r.payload == payload { ok += 1 }
                    }
                    await client.close()
                    return ok
                }
            }
            var total = 0
            for try await ok in group { total += ok }
            #expect(total == 200)
        }
        let stats = try await server.connect().serverStats()
        #expect(stats.connectionsTotal >= 21)
    }
}
