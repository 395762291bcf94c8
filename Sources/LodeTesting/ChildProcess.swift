import Foundation
import Synchronization

/// A child process started with posix_spawn and reaped with waitpid.
///
/// Foundation's `Process` watches children through a shared SIGCHLD machinery that can miss
/// exits when many children run at once, leaving `waitUntilExit` spinning; tests start many.
public final class ChildProcess: Sendable {
    public let pid: pid_t
    private let exit = Mutex<Int32?>(nil)

    /// Starts `executable` (searched on PATH when it has no slash) with standard input, output
    /// and error read from or written to the given files (`/dev/null` when nil).
    public init(_ executable: String, _ arguments: [String], environment: [String: String]? = nil,
                stdin: String? = nil, stdout: String? = nil, stderr: String? = nil) throws {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, stdin ?? "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, stdout ?? "/dev/null", O_WRONLY | O_CREAT | O_APPEND, 0o644)
        posix_spawn_file_actions_addopen(&actions, 2, stderr ?? "/dev/null", O_WRONLY | O_CREAT | O_APPEND, 0o644)
        let env = (environment ?? ProcessInfo.processInfo.environment).map { "\($0.key)=\($0.value)" }
        var pid: pid_t = 0
        let result = Self.withCStrings([executable] + arguments) { argv in
            Self.withCStrings(env) { envp in
                executable.contains("/")
                    ? posix_spawn(&pid, executable, &actions, nil, argv, envp)
                    : posix_spawnp(&pid, executable, &actions, nil, argv, envp)
            }
        }
        guard result == 0 else { throw POSIXError(POSIXErrorCode(rawValue: result) ?? .EINVAL) }
        self.pid = pid
    }

    /// The exit status (128 + signal number if killed), or nil while it runs.
    public var exitStatus: Int32? {
        exit.withLock { status in
            if status == nil {
                var raw: Int32 = 0
                if waitpid(pid, &raw, WNOHANG) == pid { status = Self.decode(raw) }
            }
            return status
        }
    }

    public var isRunning: Bool { exitStatus == nil }

    /// Waits for the exit, without blocking a thread for long.
    @discardableResult
    public func wait() async -> Int32 {
        while true {
            if let status = exitStatus { return status }
            try? await Task.sleep(for: .milliseconds(5))
        }
    }

    /// Waits for the exit, blocking this thread.
    @discardableResult
    public func waitBlocking() -> Int32 {
        exit.withLock { status in
            if status == nil {
                var raw: Int32 = 0
                while waitpid(pid, &raw, 0) == -1 && errno == EINTR {}
                status = Self.decode(raw)
            }
            return status!
        }
    }

    public func signal(_ signal: Int32) {
        if isRunning { kill(pid, signal) }
    }

    private static func decode(_ raw: Int32) -> Int32 {
        let signal = raw & 0x7F
        return signal == 0 ? (raw >> 8) & 0xFF : 128 + signal
    }

    private static func withCStrings<R>(_ strings: [String], _ body: ([UnsafeMutablePointer<CChar>?]) -> R) -> R {
        let pointers = strings.map { strdup($0) } + [nil]
        defer { pointers.forEach { free($0) } }
        return body(pointers)
    }
}
