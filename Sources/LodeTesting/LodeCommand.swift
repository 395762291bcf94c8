import Foundation

/// One run of the `lode` executable, as a script would run it.
public struct LodeRun: Sendable {
    public let status: Int32
    public let stdout: String
    public let stderr: String

    /// Runs `lode` with `arguments`, `stdin` piped in, against `socket`.
    public static func run(_ arguments: [String], socket: String, stdin: String = "",
                           environment: [String: String] = [:]) throws -> LodeRun {
        let process = Process()
        process.executableURL = Binaries.lode
        process.arguments = arguments
        var env = ProcessInfo.processInfo.environment
        env["LODE_SOCKET"] = socket
        env.merge(environment) { $1 }
        process.environment = env
        let input = Pipe(), output = Pipe(), error = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = error
        try process.run()
        input.fileHandleForWriting.write(Data(stdin.utf8))
        try input.fileHandleForWriting.close()
        let out = output.fileHandleForReading.readDataToEndOfFile()
        let err = error.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return LodeRun(status: process.terminationStatus, stdout: String(decoding: out, as: UTF8.self),
                       stderr: String(decoding: err, as: UTF8.self))
    }
}
