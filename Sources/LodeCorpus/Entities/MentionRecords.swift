import Foundation

/// A document's mentions as the store keeps them: one blob per document
/// (`document_mention.data`), written once with the document, rather than a row per mention
/// in a table indexed two ways. An entity's mentions are found through the documents it is
/// in (`entity_document`).
///
/// Each mention, in the document's order: the entity id (8 bytes), start and length in bytes
/// (4 each), then the text, the value and the alias, each a 4-byte length and its UTF-8 (an
/// alias's length is one more than its byte count, 0 when there is none). Little-endian.
struct MentionRecords {
    struct Mention: Equatable {
        var entity: Int64
        var range: Range<Int>
        var text: String
        var value: String
        var alias: String?
    }

    private(set) var bytes: [UInt8] = []

    init() {}

    /// Appends one mention.
    mutating func append(_ m: Mention) {
        put(UInt64(bitPattern: m.entity))
        put(UInt32(m.range.lowerBound))
        put(UInt32(m.range.count))
        put(m.text)
        put(m.value)
        if let alias = m.alias {
            put(UInt32(alias.utf8.count + 1))
            bytes.append(contentsOf: alias.utf8)
        } else {
            put(UInt32(0))
        }
    }

    private mutating func put(_ v: some FixedWidthInteger) {
        withUnsafeBytes(of: v.littleEndian) { bytes.append(contentsOf: $0) }
    }

    private mutating func put(_ s: String) {
        put(UInt32(s.utf8.count))
        bytes.append(contentsOf: s.utf8)
    }

    /// The mentions in `data`; throws ``Damaged`` when it does not hold whole mentions.
    static func decode(_ data: Data) throws(Damaged) -> [Mention] {
        var reader = Reader(data: data)
        var mentions: [Mention] = []
        while !reader.atEnd {
            let entity = Int64(bitPattern: try reader.integer(UInt64.self))
            let start = Int(try reader.integer(UInt32.self))
            let count = Int(try reader.integer(UInt32.self))
            let text = try reader.string(Int(try reader.integer(UInt32.self)))
            let value = try reader.string(Int(try reader.integer(UInt32.self)))
            let aliasLength = Int(try reader.integer(UInt32.self))
            let alias = aliasLength == 0 ? nil : try reader.string(aliasLength - 1)
            mentions.append(Mention(entity: entity, range: start..<(start + count), text: text, value: value, alias: alias))
        }
        return mentions
    }

    /// `data` with every mention of entity `old` made one of `new`.
    static func repointing(_ data: Data, from old: Int64, to new: Int64) throws(Damaged) -> [UInt8] {
        var records = MentionRecords()
        for var m in try decode(data) {
            if m.entity == old { m.entity = new }
            records.append(m)
        }
        return records.bytes
    }

    /// A mentions blob that ends inside a mention.
    struct Damaged: Error, CustomStringConvertible {
        let offset: Int
        var description: String { "a document's mentions are damaged at byte \(offset)" }
    }

    private struct Reader {
        let data: Data
        var offset = 0
        var atEnd: Bool { offset >= data.count }

        mutating func integer<T: FixedWidthInteger>(_: T.Type) throws(Damaged) -> T {
            let size = MemoryLayout<T>.size
            guard data.count - offset >= size else { throw Damaged(offset: offset) }
            var v = T.zero
            withUnsafeMutableBytes(of: &v) { $0.copyBytes(from: data[data.startIndex + offset ..< data.startIndex + offset + size]) }
            offset += size
            return T(littleEndian: v)
        }

        mutating func string(_ count: Int) throws(Damaged) -> String {
            guard count >= 0, data.count - offset >= count else { throw Damaged(offset: offset) }
            defer { offset += count }
            return String(decoding: data[data.startIndex + offset ..< data.startIndex + offset + count], as: UTF8.self)
        }
    }
}
