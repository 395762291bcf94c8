import Foundation

/// A running count on standard error, redrawn at most ten times a second, shown only when
/// standard error is a terminal.
final class ProgressLine {
    private let enabled = isatty(STDERR_FILENO) == 1
    private let started = ContinuousClock.now
    private var lastDrawn = ContinuousClock.now - .seconds(1)

    /// Redraws with `done` items so far and `detail`, unless it drew very recently.
    func update(done: Int, detail: String) {
        guard enabled, ContinuousClock.now - lastDrawn >= .milliseconds(100) else { return }
        lastDrawn = ContinuousClock.now
        let seconds = Double((ContinuousClock.now - started) / .milliseconds(1)) / 1000
        let rate = seconds > 0 ? Int(Double(done) / seconds) : 0
        FileHandle.standardError.write(Data("\r\u{1B}[K\(done) done, \(rate)/s, \(detail)".utf8))
    }

    /// Clears the line.
    func finish() {
        if enabled { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
    }
}
