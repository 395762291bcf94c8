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
    }

    let allocator: ByteBufferAllocator
    let eventLoop: any EventLoop
    let maxFrameBytes: Int
    private let deliver: @Sendable (ByteBuffer, UInt64, Status?) -> Void
    private let state = Mutex(State())

    /// - Parameter deliver: runs on `eventLoop` with a frame, its call, and the status it ends the call with.
    init(allocator: ByteBufferAllocator, eventLoop: any EventLoop, maxFrameBytes: Int,
         deliver: @escaping @Sendable (ByteBuffer, UInt64, Status?) -> Void) {
        self.allocator = allocator
        self.eventLoop = eventLoop
        self.maxFrameBytes = maxFrameBytes
        self.deliver = deliver
    }

    /// Hands `frame` to the event loop once the connection is writable. A frame above
    /// the maximum is refused with RESOURCE_EXHAUSTED: the peer would refuse it anyway.
    func write(_ frame: ByteBuffer, callID: UInt64, ends status: Status?) async throws {
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
