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

    /// Calls `body` with every item, in a stable order (folders walked in name order).
    public func forEach(_ body: (IngestItem) async throws -> Void) async throws {
        for path in paths {
            if path == "-" {
                try await items(from: FileHandle.standardInput.readDataToEndOfFile(), name: "stdin", body)
                continue
            }
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else {
                try await body(.rejected(name: path, reason: "no such file or folder"))
                continue
            }
            for file in isFolder.boolValue ? Self.files(in: path) : [path] {
                guard let data = FileManager.default.contents(atPath: file) else {
                    try await body(.rejected(name: file, reason: "cannot be read"))
                    continue
                }
                try await items(from: data, name: file, body)
            }
        }
    }

    /// Regular, visible files below `folder`, sorted.
    static func files(in folder: String) -> [String] {
        let base = URL(fileURLWithPath: folder)
        guard let walker = FileManager.default.enumerator(at: base, includingPropertiesForKeys: [.isRegularFileKey],
                                                          options: [.skipsHiddenFiles]) else { return [] }
        return walker.compactMap { $0 as? URL }
            .filter { (try? $0.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true }
            .map(\.path).sorted()
    }

    private func items(from raw: Data, name: String, _ body: (IngestItem) async throws -> Void) async throws {
        var data = raw
        if Gzip.isCompressed(raw) {
            do {
                data = try Gzip.decompress(raw)
            } catch {
                return try await body(.rejected(name: name, reason: "\(error)"))
            }
        }
        let lower = name.lowercased()
        let jsonLines = [".jsonl", ".jsonl.gz", ".ndjson", ".ndjson.gz"].contains { lower.hasSuffix($0) }
            || (data.first == UInt8(ascii: "{") && !lower.hasSuffix(".txt") && !lower.hasSuffix(".html"))
        if jsonLines {
            var number = 0
            for line in data.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false) {
                number += 1
                guard line.contains(where: { $0 != 0x20 && $0 != 0x09 && $0 != 0x0D }) else { continue }
                try await body(Self.record(Data(line), name: "\(name):\(number)"))
            }
            return
        }
        let format: Corpus.RawDocument.Format = lower.hasSuffix(".html") || lower.hasSuffix(".htm") ? .html : .auto
        try await body(.document(Corpus.RawDocument(name: name, content: [UInt8](data), format: format)))
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
