import Foundation
import LodeAPI
import LodeRPC
import LodeWire

/// The entity catalogue: `entities`, `entity`, `mentions`, `quotes`, `cooccur`.
extension Command {
    static let entities = Command(
        name: "entities", usage: "entities [TYPE] [--top N] [--prefix P] [--document ID] [--sort documents|mentions|name] [--cursor C]",
        arguments: 0...11, summary: "Catalogue entities of a type (person, org, loc, misc, date, money, ..., all; names by default), most documents first."
    ) { session, args in
        var request = Entity.ListEntitiesRequest(limit: 20)
        var reader = ArgumentReader(args)
        while let word = reader.next() {
            switch word {
            case "--top", "--limit": request.limit = try number(try reader.value(), for: word)
            case "--prefix": request.prefix = try reader.value()
            case "--cursor": request.cursor = try reader.value()
            case "--document", "--doc": request.documentId = try reader.value()
            case "--sort":
                let sort = try reader.value()
                switch sort {
                case "documents", "docs": request.sort = .documents
                case "mentions": request.sort = .mentions
                case "name": request.sort = .name
                default: throw UsageError("--sort takes documents, mentions or name, not \(sort)")
                }
            default:
                guard !word.hasPrefix("--"), request.type.isEmpty else { throw UsageError("usage: entities [TYPE] [--top N] [--prefix P] [--document ID] [--sort documents|mentions|name] [--cursor C]") }
                request.type = word
            }
        }
        let response = try await session.connection().unary(Entity.list, request,
                                                            options: session.callOptions)
        session.print(CommandOutput(
            columns: ["type", "name", "docs", "mentions", "first seen", "last seen"],
            rows: response.entities.map { [$0.type, $0.name, "\($0.documents)", "\($0.mentions)", $0.firstSeen, $0.lastSeen] },
            json: response.json))
        if !response.nextCursor.isEmpty, session.format == .table {
            FileHandle.standardError.write(Data("\(response.total) in all; more: lode entities --cursor \(response.nextCursor)\n".utf8))
        }
    }

    static let entity = Command(
        name: "entity", usage: "entity NAME [--type TYPE] [--docs N]", arguments: 1...20,
        summary: "One entity: its aliases, roles, the entities it appears with, its newest documents."
    ) { session, args in
        let (name, options) = try nameAndOptions(args, valued: ["--type", "--docs"])
        let request = Entity.GetEntityRequest(name: name, type: options["--type"] ?? "",
                                              documentsLimit: try options["--docs"].map { try number($0, for: "--docs") } ?? 10)
        let d = try await session.connection().unary(Entity.get, request, options: session.callOptions)
        guard session.format == .table, let e = d.entity else {
            return session.print(CommandOutput(columns: ["type", "name", "docs", "mentions"],
                                               rows: d.entity.map { [[$0.type, $0.name, "\($0.documents)", "\($0.mentions)"]] } ?? [],
                                               json: d.json))
        }
        var text = "\(e.name) (\(e.type)): \(e.documents) document\(e.documents == 1 ? "" : "s"), \(e.mentions) mention\(e.mentions == 1 ? "" : "s")"
        if !e.firstSeen.isEmpty { text += ", seen \(e.firstSeen)" + (e.lastSeen != e.firstSeen ? " to \(e.lastSeen)" : "") }
        text += "\n"
        if !d.aliases.isEmpty { text += "also written: " + d.aliases.map { "\($0.text) (\($0.mentions))" }.joined(separator: ", ") + "\n" }
        for r in d.roles { text += "role: \(r.role)" + (r.organisation.isEmpty ? "" : ", \(r.organisation)") + "\n" }
        if !d.cooccurring.isEmpty {
            text += "appears with: " + d.cooccurring.compactMap { c in c.entity.map { "\($0.name) (\(c.together))" } }.joined(separator: ", ") + "\n"
        }
        session.write(text + "\n")
        session.print(CommandOutput(columns: ["id", "date", "source", "mentions", "headline"],
                                    rows: d.documents.map { [$0.id, $0.date, $0.source, "\($0.mentions)", $0.headline] }, json: .null))
    }

    static let mentions = Command(
        name: "mentions", usage: "mentions NAME [--type TYPE] [--limit N]", arguments: 1...20,
        summary: "Every mention of an entity with the words around it, as the server streams them."
    ) { session, args in
        let (name, options) = try nameAndOptions(args, valued: ["--type", "--limit"])
        let request = Entity.MentionsRequest(name: name, type: options["--type"] ?? "",
                                             limit: try options["--limit"].map { try number($0, for: "--limit") } ?? 0)
        let client = try await session.connection()
        var rows: [[String]] = []
        var json: [JSONValue] = []
        for try await m in try client.serverStreaming(Entity.mentions, request, options: session.callOptions) {
            rows.append([m.documentId, m.date, m.context])
            json.append(m.json)
        }
        session.print(CommandOutput(columns: ["document", "date", "context"], rows: rows, json: .array(json)))
    }

    static let quotes = Command(
        name: "quotes", usage: "quotes [NAME] [--limit N]", arguments: 0...20,
        summary: "What a person said (everyone, without a name), newest first."
    ) { session, args in
        let (name, options) = try nameAndOptions(args, valued: ["--limit"], nameRequired: false)
        let request = Entity.QuotesRequest(name: name, limit: try options["--limit"].map { try number($0, for: "--limit") } ?? 0)
        let response = try await session.connection().unary(Entity.quotes, request,
                                                            options: session.callOptions)
        session.print(CommandOutput(columns: ["speaker", "date", "document", "quote"],
                                    rows: response.quotes.map { [$0.speaker, $0.date, $0.documentId, $0.text] }, json: response.json))
    }

    static let cooccur = Command(
        name: "cooccur", usage: "cooccur NAME [--type TYPE] [--with TYPE]... [--limit N]", arguments: 1...30,
        summary: "Entities found in the same documents as one, by Dice's coefficient."
    ) { session, args in
        var withTypes: [String] = []
        var rest: [String] = []
        var reader = ArgumentReader(args)
        while let word = reader.next() {
            if word == "--with" { withTypes.append(try reader.value()) } else { rest.append(word) }
        }
        let (name, options) = try nameAndOptions(rest, valued: ["--type", "--limit"])
        let request = Entity.CooccurrenceRequest(name: name, type: options["--type"] ?? "", withTypes: withTypes,
                                                 limit: try options["--limit"].map { try number($0, for: "--limit") } ?? 0)
        let response = try await session.connection().unary(Entity.cooccurrence, request,
                                                            options: session.callOptions)
        session.print(CommandOutput(
            columns: ["type", "name", "together", "docs", "score"],
            rows: response.entities.compactMap { c in
                c.entity.map { [$0.type, $0.name, "\(c.together)", "\($0.documents)", String(format: "%.3f", c.score)] }
            },
            json: response.json))
    }

    /// The words that are not options, joined as one name ("Zhang Zhong" unquoted from a
    /// shell), and the options' values.
    private static func nameAndOptions(_ args: [String], valued: Set<String>, nameRequired: Bool = true) throws
        -> (String, [String: String]) {
        var words: [String] = []
        var options: [String: String] = [:]
        var reader = ArgumentReader(args)
        while let word = reader.next() {
            if valued.contains(word) {
                options[word] = try reader.value()
            } else if word.hasPrefix("--") {
                throw UsageError("unknown option \(word)")
            } else {
                words.append(word)
            }
        }
        if nameRequired, words.isEmpty { throw UsageError("say which entity: a name") }
        return (words.joined(separator: " "), options)
    }

    private static func number(_ text: String, for option: String) throws -> UInt32 {
        guard let n = UInt32(text) else { throw UsageError("\(option) takes a whole number, not \(text)") }
        return n
    }
}
