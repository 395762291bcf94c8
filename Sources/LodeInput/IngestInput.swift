import Foundation
import LodeAPI
import LodeWire

/// What `lode ingest` reads from its arguments: documents to send, and inputs it could not
/// use (which it reports as rejected without stopping).
public enum IngestItem: Sendable {
    case document(Corpus.RawDocument)
    case rejected(name: String, reason: String)
}

/// Turns paths (files, folders, `-` for standard input) into documents, deciding each
/// file's format from its name and content: JSON Lines (optionally gzip-compressed), HTML,
/// or a text page.
public struct IngestInput: Sendable {
    public let paths: [String]

    public init(paths: [String]) { self.paths = paths }

    /// Every item, in order: for callers that want them all at once (benchmarks, tests).
    public func all() async throws -> [IngestItem] {
        var items: [IngestItem] = []
        try await forEach { items.append($0) }
        return items
    }

    /// Calls `body` with every item, in a stable order (folders walked in name order). A path
    /// that yields nothing at all (an empty folder, a file without records) is rejected.
    public func forEach(_ body: (IngestItem) async throws -> Void) async throws {
        for path in paths {
            var yielded = 0
            if path == "-" {
                yielded += try await items(from: FileHandle.standardInput.readDataToEndOfFile(), name: "stdin", body)
            } else {
                var isFolder: ObjCBool = false
                guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else {
                    let dangling = (try? FileManager.default.destinationOfSymbolicLink(atPath: path)) != nil
                    try await body(.rejected(name: path, reason: dangling ? "a symbolic link to nothing" : "no such file or folder"))
                    continue
                }
                for entry in isFolder.boolValue ? Self.files(in: path) : [FolderEntry(path: path)] {
                    if let problem = entry.problem {
                        try await body(.rejected(name: entry.path, reason: problem))
                        yielded += 1
                    } else if let data = FileManager.default.contents(atPath: entry.path) {
                        yielded += try await items(from: data, name: entry.path, body)
                    } else {
                        try await body(.rejected(name: entry.path, reason: "cannot be read"))
                        yielded += 1
                    }
                }
            }
            if yielded == 0 {
                try await body(.rejected(name: path, reason: "no pages: an empty folder or an input without records"))
            }
        }
    }

    /// A file found in a folder, or why it cannot be used.
    struct FolderEntry: Equatable {
        var path: String
        var problem: String?
    }

    /// Visible files below `folder`, sorted, following symbolic links to files and folders; a
    /// folder reached twice (a link cycle, or two links to one folder) is walked once, and a
    /// link to nothing is reported.
    static func files(in folder: String) -> [FolderEntry] {
        var found: [FolderEntry] = []
        var walked = Set<String>()
        func walk(_ dir: URL) {
            guard walked.insert(dir.resolvingSymlinksInPath().path).inserted,
                  let names = try? FileManager.default.contentsOfDirectory(atPath: dir.path) else { return }
            for name in names where !name.hasPrefix(".") {
                let url = dir.appendingPathComponent(name)
                var isFolder: ObjCBool = false
                if !FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder) {
                    found.append(FolderEntry(path: url.path, problem: "a symbolic link to nothing"))
                } else if isFolder.boolValue {
                    walk(url)
                } else {
                    found.append(FolderEntry(path: url.path))
                }
            }
        }
        walk(URL(fileURLWithPath: folder))
        return found.sorted { $0.path < $1.path }
    }

    /// Passes the items in one input's bytes to `body`; returns how many there were.
    private func items(from raw: Data, name: String, _ body: (IngestItem) async throws -> Void) async throws -> Int {
        var data = raw
        if Gzip.isCompressed(raw) {
            do {
                data = try Gzip.decompress(raw)
            } catch {
                try await body(.rejected(name: name, reason: "\(error)"))
                return 1
            }
        }
        let lower = name.lowercased()
        let jsonLines = [".jsonl", ".jsonl.gz", ".ndjson", ".ndjson.gz"].contains { lower.hasSuffix($0) }
            || (data.first == UInt8(ascii: "{") && !lower.hasSuffix(".txt") && !lower.hasSuffix(".html"))
        if jsonLines {
            var number = 0
            var records = 0
            for line in data.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false) {
                number += 1
                guard line.contains(where: { $0 != 0x20 && $0 != 0x09 && $0 != 0x0D }) else { continue }
                try await body(Self.record(Data(line), name: "\(name):\(number)"))
                records += 1
            }
            return records
        }
        let format: Corpus.RawDocument.Format = lower.hasSuffix(".html") || lower.hasSuffix(".htm") ? .html : .auto
        try await body(.document(Corpus.RawDocument(name: name, content: [UInt8](data), format: format)))
        return 1
    }

    /// One JSON Lines record: `body` (or `text`, `content`) is the page; `title` (or
    /// `headline`), `date`, `dateline`, `source`, `publisher`, `url`, `author` and `id` are kept as given.
    static func record(_ line: Data, name: String) -> IngestItem {
        let json: JSONValue
        do {
            json = try JSONValue(parsing: String(decoding: line, as: UTF8.self))
        } catch {
            return .rejected(name: name, reason: "not valid JSON: \(error)")
        }
        guard case .object = json else { return .rejected(name: name, reason: "not a JSON object") }
        func text(_ keys: String...) -> String {
            for key in keys {
                switch json[key] {
                case .string(let s)?: return s
                case .number(let n)?: return n
                default: continue
                }
            }
            return ""
        }
        let content = text("body", "text", "content")
        guard !content.isEmpty else { return .rejected(name: name, reason: "the record has no body, text or content") }
        return .document(Corpus.RawDocument(
            name: name, content: Array(content.utf8), format: .cleanText, url: text("url", "link"),
            headline: text("title", "headline"), source: text("source", "outlet"), date: text("date", "published"),
            dateline: text("dateline"), author: text("author"), externalId: text("id"), publisher: text("publisher", "site_name")))
    }
}
