import Foundation
import LodeTesting
import Testing

/// `lode --generate-completion-script SHELL` loaded into a real bash, zsh and fish in tmux,
/// then Tab pressed after half-typed commands, options, option values and entity types.
@Suite(.timeLimit(.minutes(4))) struct ShellCompletionTests {
    /// A shell with an empty home, `lode` on its path and the completion script loaded; the
    /// screen shows `ready` once it is.
    func shell(_ name: String) async throws -> TerminalSession {
        let home = TemporaryDirectory()
        let path = "\(Binaries.directory.path):/usr/bin:/bin"
        let start = switch name {
        case "bash": "bash --norc --noprofile"
        case "zsh": "zsh -f"
        default: "fish --no-config"
        }
        let terminal = try TerminalSession("env -i HOME=\(home.url.path) PATH=\(path) TERM=xterm PS1='$ ' \(start)")
        let load = switch name {
        case "bash": "source <(lode --generate-completion-script bash) && echo re''ady"
        case "zsh": "autoload -U compinit && compinit -u && source <(lode --generate-completion-script zsh) && echo re''ady"
        default: "lode --generate-completion-script fish | source; and echo re''ady"
        }
        // Keys typed before the shell draws its prompt can be lost while its line editor starts.
        // Generous waits: beside the suite's stress tests a shell can take many seconds to start.
        try await terminal.waitFor("the prompt", timeout: .seconds(60)) { !$0.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty }
        try terminal.type(load)
        try terminal.press("Enter")
        try await terminal.waitFor("ready", timeout: .seconds(60)) { $0.split(separator: "\n").contains { $0.trimmingCharacters(in: .whitespaces) == "ready" } }
        withExtendedLifetime(home) {}
        return terminal
    }

    /// Types `typed`, presses Tab, and waits for the line to read `completed`.
    func complete(_ terminal: TerminalSession, _ typed: String, to completed: String) async throws {
        try terminal.type(typed)
        try terminal.press("Tab")
        try await terminal.waitFor(completed, timeout: .seconds(30))
        try terminal.press("C-u")
        try await terminal.waitFor("the line cleared") { !$0.contains(completed) }
    }

    @Test(arguments: ["bash", "zsh", "fish"])
    func commandsOptionsValuesAndEntityTypesComplete(shell name: String) async throws {
        let terminal = try await shell(name)
        try await complete(terminal, "lode sea", to: "lode search")
        try await complete(terminal, "lode search tin --sor", to: "lode search tin --sort")
        try await complete(terminal, "lode search tin --sort ne", to: "lode search tin --sort newest")
        try await complete(terminal, "lode entities pers", to: "lode entities person")
        try await complete(terminal, "lode cooccur Baotou --with or", to: "lode cooccur Baotou --with org")
        try await complete(terminal, "lode --format js", to: "lode --format json")
        try await complete(terminal, "lode --socket /tmp/s.sock servi", to: "lode --socket /tmp/s.sock services")
    }

    @Test func anUnknownShellIsAUsageError() throws {
        let run = try LodeRun.run(["--generate-completion-script", "tcsh"], socket: "/nowhere")
        #expect(run.status == 2)
        #expect(run.stderr.contains("takes bash, zsh or fish"))
    }
}
