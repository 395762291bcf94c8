import Foundation
import LodeAPI
import LodeTesting
import Testing

/// The REPL driven through tmux, keystroke by keystroke.
@Suite(.timeLimit(.minutes(2))) struct REPLTests {
    @Test func editsCompletesRunsRecallsAndSurvivesErrors() async throws {
        let server = try await LodedProcess()
        let state = TemporaryDirectory()
        let terminal = try await TerminalSession.lodeREPL(socket: server.socketPath, state: state.url.path)

        try terminal.type("hea")
        try terminal.press("Tab")
        try await terminal.waitFor("lode> health")
        try terminal.press("Enter")
        try await terminal.waitFor("SERVING")

        try terminal.type("entities --so")
        try terminal.press("Tab")
        try await terminal.waitFor("lode> entities --sort")
        try terminal.type("na")
        try terminal.press("Tab")
        try await terminal.waitFor("lode> entities --sort name")
        try terminal.press("Enter")
        try await terminal.waitFor("the entities' answer") { $0.components(separatedBy: "lode>").count >= 3 }

        try terminal.type("bogus")
        try terminal.press("Enter")
        try await terminal.waitFor("unknown command bogus")
        try await terminal.waitFor("a fresh prompt after the error") { $0.components(separatedBy: "lode>").count >= 5 }

        try terminal.type("call /lode.health.v1.He")
        try terminal.press("Tab")
        try await terminal.waitFor("lode> call /lode.health.v1.Health/")
        try terminal.type("Ch")
        try terminal.press("Tab")
        try terminal.type("'{}'")
        try terminal.press("Enter")
        try await terminal.waitFor("\"status\": \"SERVING\"")

        try terminal.type(#"call /lode.diagnostics.v1.Diagnostics/Echo '{"delayMillis": 60000}'"#)
        try terminal.press("Enter")
        let observer = try await server.connect()
        _ = try await observer.serverStats { $0.callsInFlight >= 2 }
        await observer.close()
        try terminal.press("C-c")
        try await terminal.waitFor("CANCELLED")
        #expect(terminal.isAlive, "Ctrl-C cancels the command, not the session")

        try terminal.press("Up")
        try await terminal.waitFor("the last command recalled") {
            $0.split(separator: "\n").last { $0.hasPrefix("lode> ") }?.contains("delayMillis") == true
        }
        try terminal.press("C-u")
        try terminal.press("C-d")
        try await terminal.waitFor("the REPL to exit", timeout: .seconds(10)) { _ in !terminal.isAlive }

        let history = try String(contentsOfFile: state.path("lode/history"), encoding: .utf8)
        #expect(history.contains("health"))
        #expect(history.contains("bogus"))
    }
}
