import ArgumentParser
import Foundation
import LodeCLI
import LodeRPC

/// `lode`: the Lode client. A REPL on a terminal, one command from its arguments, or a
/// script from -f FILE or standard input.
struct Lode: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lode",
        abstract: "Talk to a loded server: interactively, one command at a time, or from a script.",
        discussion: "With no COMMAND on a terminal, opens the REPL; `lode help` lists commands. Exit codes are listed in README.md.",
        version: LodeVersion.current)

    @Option(help: "Server socket; else $LODE_SOCKET, else the default loded uses.")
    var socket: String?

    @Option(help: "Seconds each call may take.")
    var timeout: Double?

    @Option(help: "table, json or tsv.")
    var format: String = "table"

    @Flag(help: "No ANSI colour, even on a terminal.")
    var noColor = false

    @Option(name: .short, help: "Run the commands in FILE, one per line.")
    var file: String?

    @Flag(help: "In a script, carry on past a failing command.")
    var keepGoing = false

    @Argument(parsing: .captureForPassthrough, help: "A command and its arguments.")
    var command: [String] = []

    /// The options above, and ArgumentParser's, as the completion scripts offer them.
    static let completedOptions: [ShellCompletion.Option] = [
        .init("--socket", .files), .init("--timeout", .free), .init("--format", .words(["table", "json", "tsv"])),
        .init("--no-color", .none), .init("-f", .files), .init("--keep-going", .none), .init("--help", .none), .init("--version", .none),
        .init("--generate-completion-script", .words(["bash", "zsh", "fish"])),
    ]

    mutating func run() async throws {
        guard let outputFormat = OutputFormat(rawValue: format) else { throw ValidationError("--format takes table, json or tsv") }
        if let timeout, timeout < 0 { throw ValidationError("--timeout must not be negative") }
        let stdinIsTerminal = isatty(STDIN_FILENO) == 1
        let stdoutIsTerminal = isatty(STDOUT_FILENO) == 1
        let session = Session(
            socketPath: socket ?? SocketPath.defaultPath(),
            timeout: timeout.map { .milliseconds(Int64($0 * 1000)) },
            format: outputFormat,
            color: stdoutIsTerminal && !noColor && ProcessInfo.processInfo.environment["NO_COLOR"] == nil,
            outputIsTerminal: stdoutIsTerminal,
            requestsFromStandardInput: !stdinIsTerminal && file == nil)
        let code: Int32
        if let file {
            guard let text = try? String(contentsOfFile: file, encoding: .utf8) else {
                throw ValidationError("cannot read \(file)")
            }
            session.requestsFromStandardInput = !stdinIsTerminal
            code = await ScriptRunner(session: session, keepGoing: keepGoing).run(text, name: file)
        } else if !command.isEmpty {
            if command == ["--help"] || command == ["-h"] {
                FileHandle.standardOutput.write(Data((Lode.helpMessage(columns: 100) + "\n\nCOMMANDS:\n").utf8))
            }
            code = await session.run(command)
        } else if stdinIsTerminal {
            await REPL(session: session).run()
            code = ExitCodes.ok
        } else {
            session.requestsFromStandardInput = false
            let text = String(decoding: FileHandle.standardInput.readDataToEndOfFile(), as: UTF8.self)
            code = await ScriptRunner(session: session, keepGoing: keepGoing).run(text, name: "stdin")
        }
        await session.close()
        if code != ExitCodes.ok { throw ExitCode(code) }
    }
}

/// Parses by hand so that usage errors exit with 2, as README.md documents.
@main
enum Main {
    static func main() async {
        signal(SIGPIPE, SIG_IGN)  // a closed pipe becomes EPIPE, which Session.write handles
        let arguments = Array(CommandLine.arguments.dropFirst())
        if arguments.first == "--generate-completion-script" {
            guard arguments.count == 2, let script = ShellCompletion.script(for: arguments[1], globalOptions: Lode.completedOptions) else {
                FileHandle.standardError.write(Data("lode: --generate-completion-script takes bash, zsh or fish\n".utf8))
                Foundation.exit(ExitCodes.usage)
            }
            print(script, terminator: "")
            Foundation.exit(0)
        }
        do {
            var command = try Lode.parseAsRoot() as! Lode
            try await command.run()
        } catch let exit as ExitCode {
            Foundation.exit(exit.rawValue)
        } catch {
            let code = Lode.exitCode(for: error)
            if code == .success {
                print(Lode.fullMessage(for: error))
                Foundation.exit(0)
            }
            FileHandle.standardError.write(Data("lode: \(Lode.fullMessage(for: error))\n".utf8))
            Foundation.exit(ExitCodes.usage)
        }
    }
}
