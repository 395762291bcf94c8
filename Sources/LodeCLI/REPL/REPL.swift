import Foundation
import LodeRPC
import LodeWire
import Synchronization

/// The interactive `lode` prompt: edit, complete, run, repeat until `\quit` or Ctrl-D.
/// Ctrl-C cancels the running command, not the session.
public struct REPL {
    let session: Session

    public init(session: Session) { self.session = session }

    public func run() async {
        let editor = LineEditor(historyPath: Self.historyPath()) { [session] before, word in
            Self.completions(before: before, word: word, methods: session.knownMethods.withLock { $0 },
                             words: { session.corpusWords(startingWith: $0) }, names: { session.entityNames(startingWith: $0) })
        }
        FileHandle.standardError.write(Data("lode \(LodeVersion.current), server at \(session.socketPath). `help` lists commands, `\\quit` or Ctrl-D leaves.\n".utf8))
        if let services = try? await session.connection().listServices() {
            session.knownMethods.withLock { $0 = services.flatMap { $0.methods.map(\.path) } }
        }
        let interrupt = CurrentCommand()
        SignalWatcher.watch([SIGINT]) { _ in interrupt.cancel() }
        while let line = await editor.readLine(prompt: "lode> ") {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            guard !trimmed.isEmpty else { continue }
            editor.remember(trimmed)
            if ["\\quit", "\\q", "quit", "exit"].contains(trimmed) { break }
            let task = Task { [session] in await session.run(line: trimmed) }
            interrupt.set(task)
            _ = await task.value
            interrupt.set(nil)
        }
        await session.close()
    }

    /// Command names first; after `call`, method paths; after `help`, command names;
    /// after `describe`, message type names; in a search query, words of the corpus
    /// (through the server's Suggest), keeping a `-`, `(` or `field:` typed before them;
    /// after `entities`, entity types; after `entity`, `mentions`, `quotes` and `cooccur`,
    /// names from the entity catalogue; after an option, its values; else the command's options.
    static func completions(before: String, word: String, methods: [String], words: (String) -> [String],
                            names: (String) -> [String]) -> [String] {
        let previous = before.split(separator: " ").map(String.init)
        let candidates: [String]
        switch previous.first {
        case nil: candidates = Command.all.map(\.name) + ["\\quit"]
        case "call" where previous.count == 1: candidates = methods
        case "help" where previous.count == 1: candidates = Command.all.map(\.name)
        case "describe" where previous.count == 1: candidates = SchemaCatalog.generated.messageNames
        case "entities" where previous.count == 1 && !word.hasPrefix("-"): candidates = ShellCompletion.entityTypes
        case let command? where ["entity", "mentions", "quotes", "cooccur"].contains(command) && previous.count == 1
            && !word.isEmpty && !word.hasPrefix("-"):
            return names(word)
        case "search" where !word.hasPrefix("--") && !word.isEmpty:
            let lead = word.prefix { "-(\"".contains($0) } + (word.contains(":") ? word[...word.firstIndex(of: ":")!] : "")
            let typed = word.dropFirst(lead.count)
            return typed.count < 2 ? [] : words(String(typed)).map { String(lead) + $0 }
        case let command?:
            let options = ShellCompletion.options(of: command)
            if let option = options.first(where: { $0.name == previous.last }), case .words(let values) = option.values {
                candidates = values
            } else {
                candidates = options.map(\.name) + ["--format", "--json", "--tsv", "--no-color", "--timeout"]
            }
        }
        return candidates.filter { $0.hasPrefix(word) }
    }

    /// `$XDG_STATE_HOME/lode/history`, else `~/.local/state/lode/history`.
    static func historyPath() -> String {
        let env = ProcessInfo.processInfo.environment
        let state = env["XDG_STATE_HOME"].flatMap { $0.isEmpty ? nil : $0 }
            ?? (env["HOME"] ?? NSHomeDirectory()) + "/.local/state"
        return state + "/lode/history"
    }
}

/// The command task Ctrl-C should cancel.
private final class CurrentCommand: Sendable {
    private let task = Mutex<Task<Int32, Never>?>(nil)

    func set(_ task: Task<Int32, Never>?) { self.task.withLock { $0 = task } }
    func cancel() { task.withLock { $0?.cancel() } }
}
