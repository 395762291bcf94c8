import Foundation
import LodeAPI
import LodeRPC

extension Command {
    static let extract = Command(
        name: "extract", usage: "extract [FILE | -] [--date YYYY-MM-DD]", arguments: 0...3,
        summary: "People, organisations, places, dates and amounts in a text file or standard input; nothing is stored."
    ) { session, args in
        var path = "-"
        var date = ""
        var reader = ArgumentReader(args)
        while let word = reader.next() {
            if word == "--date" { date = try reader.value() } else { path = word }
        }
        let data: Data
        if path == "-" {
            data = FileHandle.standardInput.readDataToEndOfFile()
        } else {
            guard let contents = FileManager.default.contents(atPath: path) else { throw UsageError("\(path) cannot be read") }
            data = contents
        }
        let response = try await session.connection().unary(
            Entity.extract, Entity.ExtractRequest(text: String(decoding: data, as: UTF8.self), documentDate: date),
            options: session.callOptions)
        guard session.format == .table else {
            return session.print(CommandOutput(
                columns: ["type", "text", "value", "at"],
                rows: response.mentions.map { [$0.type, $0.text, $0.value, "\($0.start)-\($0.end)"] }, json: response.json))
        }
        session.print(CommandOutput(columns: ["type", "text", "value", "at"],
                                    rows: response.mentions.map { [$0.type, $0.text, $0.value, "\($0.start)-\($0.end)"] }, json: .null))
        if !response.roles.isEmpty {
            session.write("\n")
            session.print(CommandOutput(columns: ["person", "role", "organisation"],
                                        rows: response.roles.map { [$0.person, $0.role, $0.organisation] }, json: .null))
        }
        if !response.quotes.isEmpty {
            session.write("\n")
            session.print(CommandOutput(columns: ["speaker", "quote"], rows: response.quotes.map { [$0.speaker, $0.text] }, json: .null))
        }
    }
}
