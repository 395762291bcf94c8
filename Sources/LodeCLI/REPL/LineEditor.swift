import CLibEdit
import Foundation

/// Line editing, persistent history and tab completion through libedit's readline API.
///
/// libedit calls completion through a C function pointer with no context argument, so
/// the completer lives in a process-wide slot; one `LineEditor` exists per process.
final class LineEditor {
    /// Returns the candidates for `word`, given the line before it.
    typealias Completer = @Sendable (_ before: String, _ word: String) -> [String]

    private let historyPath: String
    private let queue = DispatchQueue(label: "lode.line-editor")

    init(historyPath: String, completer: @escaping Completer) {
        self.historyPath = historyPath
        try? FileManager.default.createDirectory(at: URL(fileURLWithPath: historyPath).deletingLastPathComponent(),
                                                 withIntermediateDirectories: true)
        stifle_history(1000)
        _ = read_history(historyPath)
        editorCompleter = completer
        lode_set_completion { text, start, _ in
            let word = text.map { String(cString: $0) } ?? ""
            let line = lode_line_buffer().map { String(cString: $0) } ?? ""
            let before = String(line.utf8.prefix(Int(start))) ?? ""
            editorMatches = (editorCompleter?(before, word) ?? []).sorted()
            lode_completion_over()
            return rl_completion_matches(text) { _, state in
                if state == 0 { editorMatchIndex = 0 }
                guard editorMatchIndex < editorMatches.count else { return nil }
                defer { editorMatchIndex += 1 }
                return strdup(editorMatches[editorMatchIndex])
            }
        }
    }

    /// Reads a line with editing on; nil at end of input (Ctrl-D).
    func readLine(prompt: String) async -> String? {
        await withCheckedContinuation { continuation in
            queue.async {
                guard let raw = readline(prompt) else { return continuation.resume(returning: nil) }
                defer { free(raw) }
                continuation.resume(returning: String(cString: raw))
            }
        }
    }

    /// Adds a line to the history and saves the history file.
    func remember(_ line: String) {
        _ = add_history(line)
        _ = write_history(historyPath)
    }
}

nonisolated(unsafe) private var editorCompleter: LineEditor.Completer?
nonisolated(unsafe) private var editorMatches: [String] = []
nonisolated(unsafe) private var editorMatchIndex = 0
