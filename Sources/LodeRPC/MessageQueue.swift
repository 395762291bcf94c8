import NIOCore
import Synchronization

/// An async sequence of messages that one side produces and one task consumes.
///
/// The producer never waits: `push` reports how many messages are buffered so the
/// producer can stop reading its socket (backpressure), and `onDrain` tells it when
/// the consumer has caught up. Thread-safe.
public final class MessageQueue<Element: Sendable>: AsyncSequence, Sendable {
    private struct State {
        var buffer = CircularBuffer<Element>()
        var waiter: CheckedContinuation<Element?, any Error>?
        var end: Result<Void, any Error>?
        var aboveLowWater = false
    }

    private let state = Mutex(State())
    private let lowWater: Int
    private let onDrain: (@Sendable () -> Void)?

    /// - Parameters:
    ///   - lowWater: when the buffer falls to this many after `push` reported more, `onDrain` runs.
    ///   - onDrain: called, on the consumer's task, when the buffer has drained.
    public init(lowWater: Int = 0, onDrain: (@Sendable () -> Void)? = nil) {
        self.lowWater = lowWater
        self.onDrain = onDrain
    }

    /// Adds a message; returns how many are now buffered. Ignored once finished.
    @discardableResult
    public func push(_ element: Element) -> Int {
        let (waiter, count) = state.withLock { s -> (CheckedContinuation<Element?, any Error>?, Int) in
            guard s.end == nil else { return (nil, 0) }
            if let w = s.waiter {
                s.waiter = nil
                return (w, 0)
            }
            s.buffer.append(element)
            if s.buffer.count > lowWater { s.aboveLowWater = true }
            return (nil, s.buffer.count)
        }
        waiter?.resume(returning: element)
        return count
    }

    /// Ends the sequence after the buffered messages: normally, or with `error`.
    public func finish(throwing error: (any Error)? = nil) {
        let waiter = state.withLock { s -> CheckedContinuation<Element?, any Error>? in
            guard s.end == nil else { return nil }
            if let error { s.end = .failure(error) } else { s.end = .success(()) }
            defer { s.waiter = nil }
            return s.waiter
        }
        if let error { waiter?.resume(throwing: error) } else { waiter?.resume(returning: nil) }
    }

    /// Whether a consumer is waiting in `next()` for a message.
    var hasWaitingConsumer: Bool { state.withLock { $0.waiter != nil } }

    /// The next message, nil at the end; throws the finishing error, or
    /// `CancellationError` when the waiting task is cancelled.
    private enum Step { case value(Element, drained: Bool), end(Result<Void, any Error>), wait }

    public func next() async throws -> Element? {
        let step: Step = state.withLock {
            if let e = $0.buffer.popFirst() {
                let drained = $0.aboveLowWater && $0.buffer.count <= lowWater
                if drained { $0.aboveLowWater = false }
                return .value(e, drained: drained)
            }
            if let end = $0.end { return .end(end) }
            return .wait
        }
        switch step {
        case .value(let e, let drained):
            if drained { onDrain?() }
            return e
        case .end(let result):
            try result.get()
            return nil
        case .wait:
            try Task.checkCancellation()
            return try await withTaskCancellationHandler {
                try await withCheckedThrowingContinuation { continuation in
                    let early: Result<Element?, any Error>? = state.withLock {
                        if let e = $0.buffer.popFirst() { return .success(e) }
                        if let end = $0.end { return end.map { nil } }
                        if Task.isCancelled { return .failure(CancellationError()) }
                        $0.waiter = continuation
                        return nil
                    }
                    if let early { continuation.resume(with: early) }
                }
            } onCancel: {
                let waiter = state.withLock { s -> CheckedContinuation<Element?, any Error>? in
                    defer { s.waiter = nil }
                    return s.waiter
                }
                waiter?.resume(throwing: CancellationError())
            }
        }
    }

    /// The next message and up to `maxCount - 1` more already buffered, without waiting for
    /// those; nil at the end. For consumers that do better in batches (one commit for many).
    public func nextBatch(maxCount: Int) async throws -> [Element]? {
        guard let first = try await next() else { return nil }
        var batch = [first]
        var drained = false
        state.withLock { s in
            while batch.count < maxCount, let e = s.buffer.popFirst() { batch.append(e) }
            if s.aboveLowWater && s.buffer.count <= lowWater {
                s.aboveLowWater = false
                drained = true
            }
        }
        if drained { onDrain?() }
        return batch
    }

    public struct AsyncIterator: AsyncIteratorProtocol {
        let queue: MessageQueue
        public mutating func next() async throws -> Element? { try await queue.next() }
    }

    public func makeAsyncIterator() -> AsyncIterator { AsyncIterator(queue: self) }
}
