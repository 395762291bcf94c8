import Foundation
import LodeRPC

/// A real `loded` on a throwaway socket, stopped (SIGKILL if need be) when this goes away.
public final class LodedProcess: Sendable {
    public let socketPath: String
    public let folder: TemporaryDirectory
    private let process: ChildProcess
    private let logPath: String

    /// Starts `loded` with `arguments` (and a fresh store in its folder unless they name one)
    /// and waits until it listens. It logs at debug level unless `arguments` say `--log-level
    /// info`; a higher level would hide the line that says it listens.
    /// - Parameters:
    ///   - runAs: uid and gid to drop to (through setpriv), for peer-credential tests.
    ///   - diagnostics: serve Diagnostics' Echo methods (`--diagnostics`), which tests and benchmarks use.
    public init(arguments: [String] = [], runAs: (uid: UInt32, gid: UInt32)? = nil, socketPath: String? = nil,
                diagnostics: Bool = true) async throws {
        folder = TemporaryDirectory(prefix: "loded")
        self.socketPath = socketPath ?? folder.path("run/lode.sock")
        logPath = folder.path("loded.log")
        if let i = arguments.firstIndex(of: "--log-level"), i + 1 < arguments.count {
            precondition(["trace", "debug", "info"].contains(arguments[i + 1]), "LodedProcess needs loded's info lines")
        }
        let store = arguments.contains("--store") ? [] : ["--store", folder.path("lode.sqlite")]
        let args = ["--socket", self.socketPath, "--log-level", "debug"] + (diagnostics ? ["--diagnostics"] : []) + store + arguments
        if let runAs {
            chmod(folder.url.path, 0o1777)
            process = try ChildProcess("setpriv", ["--reuid=\(runAs.uid)", "--regid=\(runAs.gid)", "--clear-groups",
                                                   Binaries.loded.path] + args, stderr: logPath)
        } else {
            process = try ChildProcess(Binaries.loded.path, args, stderr: logPath)
        }
        try await waitUntilServing()
    }

    /// Waits for loded's "listening on" line: the socket is bound and listening once it is
    /// logged. No probe connection, so a test starts with none open, and a busy client event
    /// loop (or a one-second idle timeout) cannot make a live server look dead.
    private func waitUntilServing() async throws {
        let listening = "listening on \(socketPath)"
        let deadline = ContinuousClock.now + .seconds(60)
        while ContinuousClock.now < deadline {
            if log.contains(listening) { return }
            if let status = process.exitStatus {
                throw RPCError(.unavailable, "loded exited with \(status) before serving: \(log)")
            }
            try await Task.sleep(for: .milliseconds(20))
        }
        throw RPCError(.unavailable, "loded did not serve \(socketPath) within 60 s: \(log)")
    }

    /// A new client connection.
    public func connect() async throws -> RPCClient {
        try await RPCClient.connect(to: socketPath, agent: "lode-tests")
    }

    public var pid: Int32 { process.pid }
    public var isRunning: Bool { process.isRunning }

    /// loded's resident memory in kilobytes: all of it (VmRSS in /proc), or one part, such as
    /// RssAnon (memory of its own, without the store's file pages it maps).
    public func residentKilobytes(_ field: String = "VmRSS") throws -> Int {
        let status = try String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8)
        let line = status.split(separator: "\n").first { $0.hasPrefix(field + ":") } ?? ""
        return Int(line.split(separator: " ").dropFirst().first ?? "") ?? 0
    }

    /// loded's resident memory, in megabytes.
    public func residentMegabytes() throws -> Double { Double(try residentKilobytes()) / 1024 }

    /// Everything loded logged so far.
    public var log: String { (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? "" }

    /// Sends `signal` and waits for the exit; returns the exit status.
    @discardableResult
    public func stop(signal: Int32 = SIGTERM, within limit: Duration = .seconds(30)) async -> Int32 {
        process.signal(signal)
        let deadline = ContinuousClock.now + limit
        while process.isRunning, ContinuousClock.now < deadline { try? await Task.sleep(for: .milliseconds(10)) }
        process.signal(SIGKILL)
        return await process.wait()
    }

    deinit {
        process.signal(SIGKILL)
        process.waitBlocking()
    }
}
