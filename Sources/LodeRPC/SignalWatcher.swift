import Foundation

/// Delivers signals to Swift code reliably: a real handler (async-signal-safe) writes the
/// signal's number to a pipe, and a thread of its own reads it and calls back. Ignoring a
/// signal and watching it with a Dispatch source can lose it, depending on which thread the
/// kernel picks to deliver it to.
public enum SignalWatcher {
    /// Calls `handler` with the signal number each time one of `signals` arrives, for the
    /// life of the process. Call once per process.
    public static func watch(_ signals: [Int32], handler: @escaping @Sendable (Int32) -> Void) {
        var fds: [Int32] = [0, 0]
        guard pipe(&fds) == 0 else { return }
        signalPipe = fds[1]
        for s in signals {
            signal(s) { number in
                var byte = UInt8(truncatingIfNeeded: number)
                _ = write(signalPipe, &byte, 1)
            }
        }
        let readEnd = fds[0]
        let thread = Thread {
            var byte: UInt8 = 0
            while true {
                let n = read(readEnd, &byte, 1)
                if n == 1 { handler(Int32(byte)) } else if n < 0 && errno == EINTR { continue } else { return }
            }
        }
        thread.name = "lode.signals"
        thread.start()
    }
}

/// The pipe's write end, for the C signal handler, which can capture nothing.
nonisolated(unsafe) private var signalPipe: Int32 = -1
