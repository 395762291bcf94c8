import Foundation

/// A program running in a detached tmux pane: type into it and read its screen, as a person would.
public final class TerminalSession: Sendable {
    public let name: String

    /// Starts `command` (a shell command line) in a new 200x50 tmux session.
    public init(_ command: String) throws {
        name = "lode-test-\(UUID().uuidString.prefix(8))"
        try Self.tmux(["new-session", "-d", "-s", name, "-x", "200", "-y", "50", command])
    }

    deinit { _ = try? Self.tmux(["kill-session", "-t", name]) }

    /// The `lode` REPL on `socket`, keeping its history under `state` ($XDG_STATE_HOME), once
    /// its prompt shows.
    public static func lodeREPL(socket: String, state: String) async throws -> TerminalSession {
        let terminal = try TerminalSession("env LODE_SOCKET=\(socket) XDG_STATE_HOME=\(state) TERM=xterm \(Binaries.lode.path)")
        // Up to 60 s: beside the suite's stress tests a busy 2-core machine once took over 15 s
        // from the banner to the first prompt.
        try await terminal.waitFor("lode>", timeout: .seconds(60))
        return terminal
    }

    /// Types literal text.
    public func type(_ text: String) throws { try Self.tmux(["send-keys", "-t", name, "-l", "--", text]) }

    /// Presses named keys: "Enter", "Tab", "Up", "C-c", "C-d".
    public func press(_ keys: String...) throws { try Self.tmux(["send-keys", "-t", name] + keys) }

    /// The visible screen.
    public func screen() throws -> String { try Self.tmux(["capture-pane", "-p", "-t", name]) }

    /// Waits until the screen satisfies `condition`; returns the last screen either way.
    @discardableResult
    public func waitFor(_ what: String, timeout: Duration = .seconds(15), _ condition: (String) -> Bool) async throws -> String {
        let deadline = ContinuousClock.now + timeout
        var last = ""
        while ContinuousClock.now < deadline {
            last = (try? screen()) ?? ""
            if condition(last) { return last }
            try await Task.sleep(for: .milliseconds(50))
        }
        throw TerminalTimeout(what: what, screen: last)
    }

    /// Waits until the screen shows `text`.
    @discardableResult
    public func waitFor(_ text: String, timeout: Duration = .seconds(15)) async throws -> String {
        try await waitFor(text, timeout: timeout) { $0.contains(text) }
    }

    /// Whether the session's program is still running.
    public var isAlive: Bool { (try? Self.tmux(["has-session", "-t", name])) != nil }

    public struct TerminalTimeout: Error, CustomStringConvertible {
        let what: String
        let screen: String
        public var description: String { "timed out waiting for \(what); the screen was:\n\(screen)" }
    }

    @discardableResult
    private static func tmux(_ args: [String]) throws -> String {
        let folder = TemporaryDirectory(prefix: "tmux")
        let output = folder.path("out")
        guard try ChildProcess("tmux", args, stdout: output).waitBlocking() == 0 else {
            throw TerminalTimeout(what: "tmux \(args.first ?? "")", screen: "")
        }
        return (try? String(contentsOfFile: output, encoding: .utf8)) ?? ""
    }
}
