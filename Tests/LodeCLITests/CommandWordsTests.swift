import LodeCLI
import LodeRPC
import LodeWire
import Testing

@Suite struct CommandWordsTests {
    @Test func splitsLikeAShell() throws {
        #expect(try CommandWords.split(#"call /a.B/C '{"x": "y z"}'"#) == ["call", "/a.B/C", #"{"x": "y z"}"#])
        #expect(try CommandWords.split(#"say "a \"b\" c" d\ e"#) == ["say", #"a "b" c"#, "d e"])
        #expect(try CommandWords.split("  health   # the server  ") == ["health"])
        #expect(try CommandWords.split("# only a comment") == [])
        #expect(try CommandWords.split("a#b") == ["a#b"])
    }

    @Test func unterminatedQuoteIsAnError() {
        #expect(throws: CommandWords.UnterminatedQuote.self) { try CommandWords.split("call x '{") }
    }

    @Test func everyStatusClassHasItsOwnExitCode() {
        #expect(ExitCodes.code(for: .ok) == 0)
        #expect(ExitCodes.code(for: .unavailable) == 3)
        #expect(ExitCodes.code(for: .invalidArgument) == 4)
        #expect(ExitCodes.code(for: .notFound) == 5)
        #expect(ExitCodes.code(for: .deadlineExceeded) == 9)
        #expect(ExitCodes.code(for: .unimplemented) == 11)
        #expect(ExitCodes.code(for: .internal) == 12)
        #expect(ExitCodes.code(for: StatusCode(rawValue: 99)) == 12)
    }

    @Test func rendersTablesTSVAndJSON() {
        let output = CommandOutput(columns: ["name", "n"], rows: [["alpha", "1"], ["b", "22"]],
                                   json: .array([.string("alpha"), .string("b")]))
        #expect(output.rendered(as: .table, color: false) == "name   n\nalpha  1\nb      22\n")
        #expect(output.rendered(as: .tsv, color: false) == "name\tn\nalpha\t1\nb\t22\n")
        #expect(output.rendered(as: .json, color: false) == #"["alpha","b"]"# + "\n")
    }
}
