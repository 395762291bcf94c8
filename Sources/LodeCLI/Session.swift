import Foundation
import LodeAPI
import LodeRPC
import LodeWire
import Synchronization

/// One run of `lode`: its options, a connection opened on first use, and the commands.
/// Shared by one-shot, script and REPL modes, so a command behaves the same in all three.
/// Unchecked Sendable: one command runs at a time; what line editing's completion reads from
/// another context, the known methods, is behind a Mutex.
public final class Session: @unchecked Sendable {
    public var socketPath: String
    public var timeout: Duration?
    public var format: OutputFormat
    public var color: Bool
    /// Whether standard output is a terminal: JSON responses are indented there, one per line elsewhere.
    public var outputIsTerminal: Bool
    /// Whether `call` with no JSON argument reads its request from standard input.
    public var requestsFromStandardInput: Bool
    /// Where a script's line number is shown in error messages, if running a script.
    var location: String?
    /// The last search and where its next page starts, for `search --next`.
    var lastSearch: (request: Search.SearchRequest, nextCursor: String, shown: Int)?

    private var client: RPCClient?
    /// Method paths the server offered at last look, for completion.
    let knownMethods = Mutex<[String]>([])

    public init(socketPath: String, timeout: Duration?, format: OutputFormat, color: Bool, outputIsTerminal: Bool,
                requestsFromStandardInput: Bool) {
        self.outputIsTerminal = outputIsTerminal
        self.socketPath = socketPath
        self.timeout = timeout
        self.format = format
        self.color = color
        self.requestsFromStandardInput = requestsFromStandardInput
    }

    /// The connection, opened on first use and reopened after the server went away.
    func connection() async throws -> RPCClient {
        if let client { return client }
        let c = try await RPCClient.connect(to: socketPath, agent: "lode/\(LodeVersion.current)")
        client = c
        return c
    }

    var callOptions: CallOptions { CallOptions(timeout: timeout) }

    public func close() async {
        await client?.close()
        client = nil
    }

    /// Parses and runs one command line; prints its output and errors; returns its exit code.
    public func run(line: String) async -> Int32 {
        do {
            let words = try CommandWords.split(line)
            return words.isEmpty ? ExitCodes.ok : await run(words)
        } catch {
            return report(UsageError("\(error)"))
        }
    }

    /// Runs one command given as words, `health` or `call /x.Y/Z {}`; returns its exit code.
    public func run(_ words: [String]) async -> Int32 {
        let saved = (format, timeout, color)
        defer { (format, timeout, color) = saved }
        do {
            let args = try takeOptions(words)
            // `lode --help`, `lode search --help`: what a newcomer types first.
            if let asked = args.firstIndex(where: { $0 == "--help" || $0 == "-h" }) {
                try await Command.help(self, asked == 0 ? [] : [args[0]])
                return ExitCodes.ok
            }
            guard let name = args.first else { throw UsageError("no command given; `help` lists them") }
            guard let command = Command.named(name) else {
                throw UsageError("unknown command \(name); `help` lists them")
            }
            try await command(self, Array(args.dropFirst()))
            return ExitCodes.ok
        } catch {
            return report(error)
        }
    }

    /// Strips `--format F`, `--json`, `--tsv`, `--no-color` and `--timeout S` from a command's words.
    private func takeOptions(_ words: [String]) throws -> [String] {
        var rest: [String] = []
        var i = 0
        while i < words.count {
            switch words[i] {
            case "--format":
                guard i + 1 < words.count, let f = OutputFormat(rawValue: words[i + 1]) else {
                    throw UsageError("--format takes table, json or tsv")
                }
                format = f
                i += 1
            case "--json": format = .json
            case "--no-color": color = false
            case "--tsv": format = .tsv
            case "--timeout":
                guard i + 1 < words.count, let s = Double(words[i + 1]), s >= 0 else {
                    throw UsageError("--timeout takes a number of seconds")
                }
                timeout = .milliseconds(Int64(s * 1000))
                i += 1
            default: rest.append(words[i])
            }
            i += 1
        }
        return rest
    }

    /// Words of the corpus starting with `prefix`, for completion (see ``completing(_:)``).
    func corpusWords(startingWith prefix: String) -> [String] {
        completing { session, options in
            try await session.connection().unary(Search.suggest, Search.SuggestRequest(prefix: prefix, limit: 20),
                                                 options: options).completions.map(\.word)
        }
    }

    /// Names in the entity catalogue starting with `prefix`, most documented first.
    func entityNames(startingWith prefix: String) -> [String] {
        completing { session, options in
            try await session.connection().unary(Entity.list, Entity.ListEntitiesRequest(prefix: prefix, limit: 20),
                                                 options: options).entities.map(\.name)
        }
    }

    /// What `ask` answers, for completion: waits at most half a second and gives none if the
    /// server does not answer in time. Blocks the caller.
    private func completing(_ ask: @escaping @Sendable (Session, CallOptions) async throws -> [String]) -> [String] {
        let found = Mutex<[String]>([])
        let done = DispatchSemaphore(value: 0)
        Task {
            defer { done.signal() }
            let answer = try? await ask(self, CallOptions(timeout: .milliseconds(500)))
            found.withLock { $0 = answer ?? [] }
        }
        _ = done.wait(timeout: .now() + .milliseconds(600))
        return found.withLock { $0 }
    }

    /// Prints an error on standard error and returns its exit code.
    func report(_ error: any Error) -> Int32 {
        let prefix = "lode: " + (location.map { "\($0): " } ?? "")
        let (message, code): (String, Int32) = switch error {
        case let e as UsageError: (e.description, ExitCodes.usage)
        case let e as RPCError: ("\(e.code.name): \(e.message)", ExitCodes.code(for: e.code))
        case let e as WireError: (e.description, ExitCodes.usage)
        default: ("\(error)", 1)
        }
        if let e = error as? RPCError, e.code == .unavailable { client = nil }
        FileHandle.standardError.write(Data((prefix + message + "\n").utf8))
        return code
    }

    func print(_ output: CommandOutput) {
        write(output.rendered(as: format, color: color))
    }

    /// Writes to standard output. When the reader has gone (`lode export | head`), there is
    /// nobody left to tell: exit quietly.
    func write(_ text: String) {
        var bytes = Array(text.utf8)[...]
        while !bytes.isEmpty {
            let n = bytes.withUnsafeBytes { Glibc.write(STDOUT_FILENO, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                Foundation.exit(errno == EPIPE ? ExitCodes.ok : 1)
            }
            bytes = bytes.dropFirst(n)
        }
    }
}
