import Foundation

/// One run of the `lode` executable, as a script would run it.
public struct LodeRun: Sendable {
    public let status: Int32
    public let stdout: String
    public let stderr: String

    /// Runs `lode` with `arguments`, `stdin` piped in, against `socket`.
    public static func run(_ arguments: [String], socket: String, stdin: String = "",
                           environment: [String: String] = [:]) throws -> LodeRun {
        let folder = TemporaryDirectory(prefix: "lode-run")
        let (input, output, error) = (folder.path("stdin"), folder.path("stdout"), folder.path("stderr"))
        try stdin.write(toFile: input, atomically: true, encoding: .utf8)
        var env = ProcessInfo.processInfo.environment
        env["LODE_SOCKET"] = socket
        env.merge(environment) { $1 }
        let status = try ChildProcess(Binaries.lode.path, arguments, environment: env, stdin: input, stdout: output, stderr: error)
            .waitBlocking()
        return LodeRun(status: status, stdout: (try? String(contentsOfFile: output, encoding: .utf8)) ?? "",
                       stderr: (try? String(contentsOfFile: error, encoding: .utf8)) ?? "")
    }
}
