import Foundation

/// Runs commands one per line from a file or standard input (`#` starts a comment).
public struct ScriptRunner {
    let session: Session
    let keepGoing: Bool

    public init(session: Session, keepGoing: Bool) {
        self.session = session
        self.keepGoing = keepGoing
    }

    /// Runs every line of `text`, stopping at the first failure unless `keepGoing`;
    /// returns the first failing command's exit code, or 0.
    public func run(_ text: String, name: String) async -> Int32 {
        var first = ExitCodes.ok
        for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            session.location = "\(name):\(number + 1)"
            let code = await session.run(line: String(line))
            guard code != ExitCodes.ok else { continue }
            if first == ExitCodes.ok { first = code }
            if !keepGoing { break }
        }
        session.location = nil
        return first
    }
}
