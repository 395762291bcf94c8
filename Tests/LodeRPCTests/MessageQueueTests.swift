@testable import LodeRPC
import Synchronization
import Testing

@Suite struct MessageQueueTests {
    @Test func deliversInOrderThenEnds() async throws {
        let queue = MessageQueue<Int>()
        for i in 0..<5 { queue.push(i) }
        queue.finish()
        var seen: [Int] = []
        for try await i in queue { seen.append(i) }
        #expect(seen == [0, 1, 2, 3, 4])
    }

    @Test func aWaitingConsumerGetsLaterMessages() async throws {
        let queue = MessageQueue<Int>()
        let consumer = Task { try await queue.next() }
        while !queue.hasWaitingConsumer { await Task.yield() }
        queue.push(42)
        #expect(try await consumer.value == 42)
    }

    @Test func finishingWithAnErrorThrowsAfterTheBufferedMessages() async throws {
        struct Boom: Error {}
        let queue = MessageQueue<Int>()
        queue.push(1)
        queue.finish(throwing: Boom())
        #expect(try await queue.next() == 1)
        await #expect(throws: Boom.self) { try await queue.next() }
    }

    @Test func cancellingAWaitingConsumerThrowsCancellation() async {
        let queue = MessageQueue<Int>()
        let consumer = Task { try await queue.next() }
        while !queue.hasWaitingConsumer { await Task.yield() }
        consumer.cancel()
        await #expect(throws: CancellationError.self) { try await consumer.value }
    }

    @Test func reportsBacklogAndDrainsForBackpressure() async throws {
        let drained = Atomic(0)
        let queue = MessageQueue<Int>(lowWater: 2) { drained.add(1, ordering: .relaxed) }
        var counts: [Int] = []
        for i in 0..<6 { counts.append(queue.push(i)) }
        #expect(counts == [1, 2, 3, 4, 5, 6], "the producer sees the backlog grow and can stop reading")
        for _ in 0..<3 { _ = try await queue.next() }
        #expect(drained.load(ordering: .relaxed) == 0)
        _ = try await queue.next()
        #expect(drained.load(ordering: .relaxed) == 1, "falling to the low-water mark tells the producer to resume")
    }
}
