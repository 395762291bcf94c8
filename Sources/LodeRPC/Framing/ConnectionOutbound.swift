import NIOCore
import Synchronization

/// Carries frames from handler tasks to a connection's event loop, making them wait
/// while the socket cannot take more (backpressure from a slow reader).
final class ConnectionOutbound: Sendable {
    private struct State {
        var writable = true
        var closed = false
        var waiters: [UInt64: CheckedContinuation<Void, Never>] = [:]
        var nextWaiter: UInt64 = 0
        var maxFrameBytes: Int
    }

    let allocator: ByteBufferAllocator
    let eventLoop: any EventLoop
    private let deliver: @Sendable (ByteBuffer, UInt64, Status?) -> Void
    private let state: Mutex<State>

    /// The largest frame this side sends: its own maximum, or the peer's if that is smaller.
    var maxFrameBytes: Int { state.withLock { $0.maxFrameBytes } }

    /// - Parameter deliver: runs on `eventLoop` with a frame, its call, and the status it ends the call with.
    init(allocator: ByteBufferAllocator, eventLoop: any EventLoop, maxFrameBytes: Int,
         deliver: @escaping @Sendable (ByteBuffer, UInt64, Status?) -> Void) {
        self.allocator = allocator
        self.eventLoop = eventLoop
        state = Mutex(State(maxFrameBytes: maxFrameBytes))
        self.deliver = deliver
    }

    /// Takes the peer's announced maximum (its hello's `max_frame_bytes`) where it is lower;
    /// 0 announces none.
    func limit(toPeerMaximum peer: UInt64) {
        guard peer > 0 else { return }
        state.withLock { $0.maxFrameBytes = min($0.maxFrameBytes, Int(clamping: peer)) }
    }

    /// Hands `frame` to the event loop once the connection is writable. A frame above
    /// the maximum (ours, or the peer's when lower) is refused with RESOURCE_EXHAUSTED: the
    /// peer would refuse it anyway.
    func write(_ frame: ByteBuffer, callID: UInt64, ends status: Status?) async throws {
        let maxFrameBytes = self.maxFrameBytes
        guard frame.readableBytes - 4 <= maxFrameBytes else {
            throw RPCError(.resourceExhausted, "a \(frame.readableBytes - 4)-byte response exceeds the \(maxFrameBytes)-byte frame maximum",
                           details: ["max_frame_bytes": "\(maxFrameBytes)"])
        }
        if status == nil { try await waitUntilWritable() }
        let deliver = self.deliver
        eventLoop.execute { deliver(frame, callID, status) }
    }

    private func waitUntilWritable() async throws {
        if state.withLock({ $0.writable || $0.closed }) { return }
        let id = state.withLock { s -> UInt64 in
            s.nextWaiter += 1
            return s.nextWaiter
        }
        await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                let ready = state.withLock { s -> Bool in
                    if s.writable || s.closed || Task.isCancelled { return true }
                    s.waiters[id] = continuation
                    return false
                }
                if ready { continuation.resume() }
            }
        } onCancel: {
            state.withLock { $0.waiters.removeValue(forKey: id) }?.resume()
        }
        try Task.checkCancellation()
    }

    /// Called on the event loop when the channel's writability changes or it closes.
    func update(writable: Bool, closed: Bool = false) {
        let ready = state.withLock { s -> [CheckedContinuation<Void, Never>] in
            s.writable = writable
            s.closed = s.closed || closed
            guard s.writable || s.closed else { return [] }
            defer { s.waiters.removeAll() }
            return Array(s.waiters.values)
        }
        for w in ready { w.resume() }
    }
}
