import Foundation
import LodeAPI
import LodeRPC
import LodeTesting
import LodeWire
import Testing

/// `lode` as a shell script runs it: one-shot commands, -f files, piped commands, formats, exit codes.
@Suite(.timeLimit(.minutes(2))) struct ScriptModeTests {
    @Test func oneShotCommandsExitWithTheirStatusClass() async throws {
        let server = try await LodedProcess()
        let socket = server.socketPath
        #expect(try LodeRun.run(["health"], socket: socket).status == 0)
        let notFound = try LodeRun.run(["health", "no.such.Service"], socket: socket)
        #expect(notFound.status == 5)
        #expect(notFound.stderr.contains("NOT_FOUND"))
        #expect(notFound.stdout.isEmpty, "errors go to stderr, data to stdout")
        #expect(try LodeRun.run(["bogus"], socket: socket).status == 2)
        #expect(try LodeRun.run(["call", "/no.Such/Method", "{}"], socket: socket).status == 11)
        #expect(try LodeRun.run(["call", "/lode.health.v1.Health/Check", "{not json"], socket: socket).status == 2)
        let slow = try LodeRun.run(["--timeout", "0.2", "call", "/lode.diagnostics.v1.Diagnostics/Echo", #"{"delayMillis": 5000}"#],
                                   socket: socket)
        #expect(slow.status == 9)
        let gone = try LodeRun.run(["health"], socket: "/nonexistent/lode.sock")
        #expect(gone.status == 3)
        #expect(gone.stderr.contains("/nonexistent/lode.sock") && gone.stderr.contains("loded"))
        #expect(try LodeRun.run(["--format", "yaml", "health"], socket: socket).status == 2)
    }

    @Test func echoMethodsOnlyWithDiagnosticsButPingAndServerStatsAlways() async throws {
        let server = try await LodedProcess(diagnostics: false)
        let client = try await server.connect()
        defer { Task { await client.close() } }
        let error = await #expect(throws: RPCError.self) {
            try await client.unary(Diagnostics.echo, Diagnostics.EchoRequest(payload: [1]))
        }
        #expect(error?.code == .unimplemented)
        #expect(try await client.serverStats().connectionsOpen >= 1)
        let ping = try LodeRun.run(["ping", "2"], socket: server.socketPath)
        #expect(ping.status == 0 && ping.stdout.contains("microseconds"), "\(ping.stderr)")
    }

    @Test func helpFlagsShowUsageWithoutAServer() throws {
        let socket = "/nonexistent/lode.sock"
        let all = try LodeRun.run(["--help"], socket: socket)
        #expect(all.status == 0, "\(all.stderr)")
        #expect(all.stdout.contains("search QUERY") && all.stdout.contains("ingest PATH"), "\(all.stdout)")
        #expect(all.stdout.contains("--socket") && all.stdout.contains("--format"), "lode's own options too")
        #expect(all.stdout.split(separator: "\n").allSatisfy { $0.count <= 220 }, "no line padded to the longest usage")
        let one = try LodeRun.run(["search", "--help"], socket: socket)
        #expect(one.status == 0 && one.stdout.contains("search QUERY") && !one.stdout.contains("ingest PATH"), "\(one.stdout)")
        let call = try LodeRun.run(["call", "-h"], socket: socket)
        #expect(call.status == 0 && call.stdout.contains("call METHOD"), "\(call.stdout)")
    }

    @Test func formatsAreParseable() async throws {
        let server = try await LodedProcess()
        let json = try LodeRun.run(["--format", "json", "services"], socket: server.socketPath)
        let value = try JSONValue(parsing: json.stdout)
        guard case .array(let services)? = value["services"] else { Issue.record("no services array"); return }
        #expect(services.count == 6)
        let tsv = try LodeRun.run(["services", "--tsv"], socket: server.socketPath)
        let lines = tsv.stdout.split(separator: "\n")
        #expect(lines.first == "method\tkind\trequest\tresponse")
        #expect(lines.contains { $0.hasPrefix("/lode.health.v1.Health/Watch\tserver-streaming\t") })
    }

    @Test func callReadsJSONFromStandardInputAndStreams() async throws {
        let server = try await LodedProcess()
        let echo = try LodeRun.run(["call", "lode.diagnostics.v1.Diagnostics.EchoStream"], socket: server.socketPath,
                                   stdin: #"{"payload": "aGk=", "count": 3}"#)
        #expect(echo.status == 0)
        let lines = echo.stdout.split(separator: "\n").map { try? JSONValue(parsing: String($0)) }
        #expect(lines.count == 3)
        #expect(lines.last??["sequence"] == .number("2"))
        let collect = try LodeRun.run(["call", "/lode.diagnostics.v1.Diagnostics/Collect"], socket: server.socketPath,
                                      stdin: "{\"payload\": \"YQ==\"}\n{\"payload\": \"YmM=\"}\n")
        #expect(try JSONValue(parsing: collect.stdout) == JSONValue(parsing: #"{"messages":"2","bytes":"3"}"#))
    }

    @Test func scriptsStopAtTheFirstErrorUnlessToldToKeepGoing() async throws {
        let server = try await LodedProcess()
        let folder = TemporaryDirectory()
        let script = folder.path("check.lode")
        try "# a comment\nhealth\n\nhealth no.such.Service\nping 1\n".write(toFile: script, atomically: true, encoding: .utf8)
        let stopped = try LodeRun.run(["-f", script], socket: server.socketPath)
        #expect(stopped.status == 5)
        #expect(stopped.stderr.contains("check.lode:4: NOT_FOUND"))
        #expect(!stopped.stdout.contains("microseconds"), "the line after the failure did not run")
        let carried = try LodeRun.run(["-f", script, "--keep-going"], socket: server.socketPath)
        #expect(carried.status == 5, "the first failure still decides the exit code")
        #expect(carried.stdout.contains("microseconds"))
        let piped = try LodeRun.run([], socket: server.socketPath, stdin: "health\nhelp health\n")
        #expect(piped.status == 0)
        #expect(piped.stdout.contains("SERVING") && piped.stdout.contains("health [SERVICE]"))
        #expect(try LodeRun.run(["-f", folder.path("missing.lode")], socket: server.socketPath).status == 2)
    }
}
