import NIOCore

/// Writes frames on a channel's event loop and flushes once per pass of the loop, however
/// many frames were written in it: one syscall for a burst of pipelined answers.
final class CoalescingWriter {
    private let context: ChannelHandlerContext
    private var flushScheduled = false

    init(context: ChannelHandlerContext) { self.context = context }

    func write(_ buffer: ByteBuffer) {
        context.write(NIOAny(buffer), promise: nil)
        guard !flushScheduled else { return }
        flushScheduled = true
        let loopBound = NIOLoopBound(self, eventLoop: context.eventLoop)
        context.eventLoop.execute {
            loopBound.value.flushScheduled = false
            loopBound.value.context.flush()
        }
    }
}
