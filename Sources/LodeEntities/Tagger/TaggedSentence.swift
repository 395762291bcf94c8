import Foundation

/// Words with their gold tags, for training and scoring.
public struct TaggedSentence: Sendable {
    public var words: [String]
    public var tags: [EntityTag]
    /// The number of the document the sentence is in, counted from 0.
    public var document: Int

    public init(words: [String], tags: [EntityTag], document: Int = 0) {
        self.words = words
        self.tags = tags
        self.document = document
    }
}

extension Array where Element == TaggedSentence {
    /// The sentences grouped by document, in order.
    public var documents: [[TaggedSentence]] {
        var out: [[TaggedSentence]] = []
        for s in self {
            if out.isEmpty || out[out.count - 1][0].document != s.document { out.append([]) }
            out[out.count - 1].append(s)
        }
        return out
    }
}

/// Reads CoNLL-2003 files: a token per line (word, POS, chunk, entity tag), sentences
/// separated by blank lines, `-DOCSTART-` lines skipped, IOB1 tags turned into BIO.
public enum CoNLLReader {
    public struct Failure: Error, CustomStringConvertible {
        public let description: String
    }

    public static func sentences(at path: String) throws -> [TaggedSentence] {
        guard let data = FileManager.default.contents(atPath: path) else { throw Failure(description: "\(path) cannot be read") }
        return try sentences(in: String(decoding: data, as: UTF8.self), name: path)
    }

    public static func sentences(in text: String, name: String) throws -> [TaggedSentence] {
        var out: [TaggedSentence] = []
        var words: [String] = []
        var tags: [EntityTag] = []
        var document = 0
        func flush() {
            if !words.isEmpty { out.append(TaggedSentence(words: words, tags: bio(tags), document: document)) }
            words = []
            tags = []
        }
        for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let columns = line.split(separator: " ")
            if columns.isEmpty { flush(); continue }
            if columns[0] == "-DOCSTART-" {
                flush()
                if !out.isEmpty { document += 1 }
                continue
            }
            guard columns.count >= 2, let tag = EntityTag(String(columns[columns.count - 1])) else {
                throw Failure(description: "\(name):\(number + 1): expected a word and an entity tag, got \"\(line)\"")
            }
            words.append(String(columns[0]))
            tags.append(tag)
        }
        flush()
        return out
    }

    /// IOB1 to BIO: an inside tag that does not continue an entity of its type begins one.
    static func bio(_ tags: [EntityTag]) -> [EntityTag] {
        var out: [EntityTag] = []
        for tag in tags {
            if let type = tag.type, !tag.begins, !(out.last.map { tag.mayFollow($0) } ?? false) {
                out.append(EntityTag(type, begins: true))
            } else {
                out.append(tag)
            }
        }
        return out
    }
}
