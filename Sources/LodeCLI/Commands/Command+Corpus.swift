import Foundation
import LodeAPI
import LodeInput
import LodeRPC
import LodeWire

extension Command {
    static let ingest = Command(
        name: "ingest", usage: "ingest PATH... | -", arguments: 1...10_000,
        summary: "Ingest pages: text files, folders, JSON Lines (.jsonl, .gz), or - for stdin; exit 4 if any is rejected."
    ) { session, args in
        let client = try await session.connection()
        let call = try client.start(Corpus.ingest, options: session.callOptions)
        let limit = Int(client.serverHello.maxFrameBytes) - 4096
        var tally = IngestTally()
        let progress = ProgressLine()
        let sender = Task {
            var local: [Corpus.IngestResult] = []
            try await IngestInput(paths: args).forEach { item in
                switch item {
                case .rejected(let name, let reason):
                    local.append(Corpus.IngestResult(name: name, outcome: .rejected, reason: reason))
                case .document(let document):
                    let bytes = try document.wireBytes()
                    guard bytes.count <= limit else {
                        let mb = String(format: "%.1f", Double(bytes.count) / 1_048_576)
                        local.append(Corpus.IngestResult(name: document.name, outcome: .rejected,
                                                         reason: "\(mb) MB is larger than the server's \(limit / 1_048_576) MiB message limit"))
                        return
                    }
                    try await call.send(bytes)
                }
            }
            try await call.halfClose()
            return local
        }
        do {
            while let bytes = try await call.next() {
                let result = try Corpus.IngestResult(wire: bytes)
                tally.count(result, session: session)
                progress.update(done: tally.done, detail: tally.summary)
            }
        } catch {
            sender.cancel()
            progress.finish()
            throw error
        }
        for result in try await sender.value { tally.count(result, session: session) }
        progress.finish()
        tally.report(session)
        if tally.rejected > 0 {
            throw RPCError(.invalidArgument, "\(tally.rejected) input\(tally.rejected == 1 ? " was" : "s were") rejected")
        }
    }

    static let docs = Command(
        name: "docs", usage: "docs [--source S] [--from DATE] [--to DATE] [--copies | --originals] [--limit N] [--cursor C]",
        arguments: 0...12, summary: "List documents, newest first, a page at a time."
    ) { session, args in
        var options = try FilterOptions(args, allowing: ["--limit", "--cursor"])
        let response = try await session.connection().unary(
            Corpus.list, Corpus.ListRequest(filter: options.filter, limit: UInt32(options.take("--limit") ?? "20") ?? 20,
                                            cursor: options.take("--cursor") ?? ""),
            options: session.callOptions)
        session.print(CommandOutput(
            columns: ["id", "date", "source", "words", "copy of", "headline"],
            rows: response.documents.map { [$0.id, $0.date, $0.source, "\($0.wordCount)", $0.duplicateOf, $0.headline] },
            json: response.json))
        if !response.nextCursor.isEmpty, session.format == .table {
            FileHandle.standardError.write(Data("more: lode docs --cursor \(response.nextCursor)\n".utf8))
        }
    }

    static let show = Command(
        name: "show", usage: "show ID", arguments: 1...1, summary: "One cleaned document with its metadata."
    ) { session, args in
        let d = try await session.connection().unary(Corpus.get, Corpus.GetRequest(id: args[0]),
                                                     options: session.callOptions)
        guard session.format == .table else {
            return session.print(CommandOutput(columns: ["field", "value"], rows: [["id", d.id], ["headline", d.headline]], json: d.json))
        }
        let fields: [(String, String)] = [("id", d.id), ("headline", d.headline), ("source", d.source), ("publisher", d.publisher),
                                          ("date", d.date),
                                          ("dateline", d.dateline), ("author", d.author), ("url", d.url), ("from", d.name),
                                          ("words", "\(d.wordCount)"), ("copy of", d.duplicateOf), ("ingested", d.ingestedAt)]
        var text = fields.filter { !$0.1.isEmpty }.map { "\($0.0): \($0.1)\n" }.joined()
        text += d.alsoSeenAs.map { "also seen as: \($0)\n" }.joined()
        text += d.captions.map { "caption: \($0)\n" }.joined()
        session.write(text + "\n" + d.paragraphs.joined(separator: "\n\n") + "\n")
    }

    static let rm = Command(
        name: "rm", usage: "rm ID...", arguments: 1...1000, summary: "Delete documents."
    ) { session, args in
        let client = try await session.connection()
        for id in args {
            _ = try await client.unary(Corpus.delete, Corpus.DeleteRequest(id: id),
                                       options: session.callOptions)
        }
        session.print(CommandOutput(columns: ["deleted"], rows: args.map { [$0] }, json: .array(args.map { .string($0) })))
    }

    static let stats = Command(
        name: "stats", usage: "stats", arguments: 0...0, summary: "Documents, words, sources, date span, copies and entities in the corpus."
    ) { session, _ in
        let s = try await session.connection().unary(Corpus.stats, Corpus.StatsRequest(),
                                                     options: session.callOptions)
        var rows = [["documents", "\(s.documents)"], ["words", "\(s.words)"], ["sources", "\(s.sources)"],
                    ["first date", s.firstDate], ["last date", s.lastDate], ["documents with copies", "\(s.duplicateGroups)"],
                    ["copies", "\(s.duplicates)"], ["documents read for entities", "\(s.documentsWithEntities)"],
                    ["entities", "\(s.entities)"]]
        rows += s.bySource.map { ["source: \($0.source.isEmpty ? "(unknown)" : $0.source)", "\($0.documents)"] }
        session.print(CommandOutput(columns: ["measure", "value"], rows: rows, json: s.json))
    }

    static let export = Command(
        name: "export", usage: "export [--source S] [--from DATE] [--to DATE] [--copies | --originals]", arguments: 0...8,
        summary: "Every matching document as JSON Lines."
    ) { session, args in
        let options = try FilterOptions(args, allowing: [])
        let client = try await session.connection()
        for try await d in try client.serverStreaming(
            Corpus.export, Corpus.ExportRequest(filter: options.filter), options: session.callOptions) {
            session.write(d.json.text() + "\n")
        }
    }
}

/// `--source`, `--from`, `--to`, `--copies`, `--originals`, plus any extra valued options.
struct FilterOptions {
    var filter = Corpus.DocumentFilter()
    private var extra: [String: String] = [:]

    init(_ args: [String], allowing extraNames: Set<String>) throws {
        var reader = ArgumentReader(args)
        while let word = reader.next() {
            switch word {
            case "--source": filter.source = try reader.value()
            case "--from": filter.dateFrom = try reader.value()
            case "--to": filter.dateTo = try reader.value()
            case "--copies": filter.duplicates = .duplicates
            case "--originals": filter.duplicates = .originals
            case let name where extraNames.contains(name): extra[name] = try reader.value()
            default: throw UsageError("unknown option \(word)")
            }
        }
    }

    mutating func take(_ name: String) -> String? { extra.removeValue(forKey: name) }
}

/// Counts of ingest outcomes, and the rejections to list.
struct IngestTally {
    var added = 0, unchanged = 0, duplicates = 0, rejected = 0
    var rejections: [(String, String)] = []
    var done: Int { added + unchanged + duplicates + rejected }
    var summary: String { "\(added) added, \(unchanged) unchanged, \(duplicates) copies, \(rejected) rejected" }

    mutating func count(_ r: Corpus.IngestResult, session: Session) {
        switch r.outcome {
        case .added: added += 1
        case .unchanged: unchanged += 1
        case .duplicate: duplicates += 1
        default:
            rejected += 1
            rejections.append((r.name, r.reason))
        }
        if session.format != .table { session.write(session.format == .json ? r.json.text() + "\n" : "\(r.name)\t\(r.outcome.description.lowercased())\t\(r.documentId)\t\(r.duplicateOf)\t\(r.reason)\n") }
    }

    func report(_ session: Session) {
        if session.format == .table {
            session.print(CommandOutput(columns: ["added", "unchanged", "copies", "rejected"],
                                        rows: [["\(added)", "\(unchanged)", "\(duplicates)", "\(rejected)"]], json: .null))
        }
        for (name, reason) in rejections.prefix(50) {
            FileHandle.standardError.write(Data("rejected \(name): \(reason)\n".utf8))
        }
        if rejections.count > 50 { FileHandle.standardError.write(Data("... and \(rejections.count - 50) more rejected\n".utf8)) }
    }
}
