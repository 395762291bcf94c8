/// A `Decoder` reading Swift values straight out of a C message protobuf-c unpacked.
struct WireDecoder: Decoder {
    enum Source {
        case message(MessageReader)
        case repeated(MessageReader, FieldSchema)
        case scalar(WireScalar)
    }

    let source: Source
    var codingPath: [any CodingKey] = []
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    init(_ source: Source) { self.source = source }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        switch source {
        case .message(let reader): return KeyedDecodingContainer(MessageContainer(reader: reader))
        case .repeated(let reader, let field) where field.isMap:
            return KeyedDecodingContainer(try MapContainer(reader: reader, field: field))
        default: throw WireError.mismatch("expected a message at \(codingPath.map(\.stringValue))")
        }
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        guard case .repeated(let reader, let field) = source else {
            throw WireError.mismatch("expected a repeated field")
        }
        return RepeatedContainer(reader: reader, field: field)
    }

    func singleValueContainer() throws -> any SingleValueDecodingContainer {
        guard case .scalar(let value) = source else { throw WireError.mismatch("expected a scalar field") }
        return ScalarContainer(value: value)
    }

    /// Decodes the value of field `f` (element `index` of a repeated one) as a `T`.
    static func decode<T: Decodable>(_ type: T.Type, _ reader: MessageReader, _ f: FieldSchema, _ index: Int? = nil) throws -> T {
        if f.isRepeated && index == nil { return try T(from: WireDecoder(.repeated(reader, f))) }
        if f.kind == .message { return try T(from: WireDecoder(.message(reader.message(f, index)))) }
        let scalar = reader.scalar(f, index)
        if T.self == [UInt8].self, case .bytes(let b) = scalar { return b as! T }
        if let v = try ScalarConversion.value(scalar, as: T.self) { return v }
        return try T(from: WireDecoder(.scalar(scalar)))
    }
}

private struct MessageContainer<Key: CodingKey>: KeyedDecodingContainerProtocol {
    let reader: MessageReader
    var codingPath: [any CodingKey] { [] }
    var allKeys: [Key] { reader.schema.fields.filter(reader.hasValue).compactMap { Key(stringValue: $0.jsonName) } }

    private func field(_ key: Key) throws -> FieldSchema {
        guard let f = reader.schema.field(named: key.stringValue) else {
            throw WireError.unknownField(type: reader.schema.name, field: key.stringValue)
        }
        return f
    }

    func contains(_ key: Key) -> Bool { (try? field(key)).map(reader.isPresent) ?? false }
    func decodeNil(forKey key: Key) throws -> Bool { !reader.isPresent(try field(key)) }
    func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
        try WireDecoder.decode(type, reader, field(key))
    }
    // Concrete overloads: synthesized Codable calls these for scalars, sparing dynamic casts.
    func decode(_ type: String.Type, forKey key: Key) throws -> String {
        guard case .string(let v) = reader.scalar(try field(key)) else { throw mismatch(key, type) }
        return v
    }
    func decode(_ type: Bool.Type, forKey key: Key) throws -> Bool {
        guard case .bool(let v) = reader.scalar(try field(key)) else { throw mismatch(key, type) }
        return v
    }
    func decode(_ type: Int32.Type, forKey key: Key) throws -> Int32 { try integer(key) }
    func decode(_ type: Int64.Type, forKey key: Key) throws -> Int64 { try integer(key) }
    func decode(_ type: Int.Type, forKey key: Key) throws -> Int { try integer(key) }
    func decode(_ type: UInt32.Type, forKey key: Key) throws -> UInt32 { try integer(key) }
    func decode(_ type: UInt64.Type, forKey key: Key) throws -> UInt64 { try integer(key) }

    private func integer<I: FixedWidthInteger>(_ key: Key) throws -> I {
        switch reader.scalar(try field(key)) {
        case .int(let v): if let i = I(exactly: v) { return i }
        case .uint(let v): if let i = I(exactly: v) { return i }
        default: break
        }
        throw mismatch(key, I.self)
    }

    private func mismatch(_ key: Key, _ type: Any.Type) -> WireError {
        .mismatch("\(reader.schema.name).\(key.stringValue) does not hold a \(type)")
    }

    func nestedContainer<N: CodingKey>(keyedBy type: N.Type, forKey key: Key) throws -> KeyedDecodingContainer<N> {
        try WireDecoder(.message(reader.message(field(key)))).container(keyedBy: type)
    }
    func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
        RepeatedContainer(reader: reader, field: try field(key))
    }
    func superDecoder() throws -> any Decoder { WireDecoder(.message(reader)) }
    func superDecoder(forKey key: Key) throws -> any Decoder { WireDecoder(.message(reader)) }
}

/// A `map<string, V>` field: its entry messages as a keyed container.
private struct MapContainer<Key: CodingKey>: KeyedDecodingContainerProtocol {
    let entries: [String: (MessageReader, FieldSchema)]
    var codingPath: [any CodingKey] { [] }
    var allKeys: [Key] { entries.keys.compactMap { Key(stringValue: $0) } }

    init(reader: MessageReader, field: FieldSchema) throws {
        var entries: [String: (MessageReader, FieldSchema)] = [:]
        for i in 0..<reader.count(field) {
            let entry = reader.message(field, i)
            let keyField = entry.schema.fields[0], valueField = entry.schema.fields[1]
            let key: String
            switch entry.scalar(keyField) {
            case .string(let s): key = s
            case let other: key = other.description
            }
            entries[key] = (entry, valueField)
        }
        self.entries = entries
    }

    private func entry(_ key: Key) throws -> (MessageReader, FieldSchema) {
        guard let e = entries[key.stringValue] else { throw WireError.mismatch("no map key \(key.stringValue)") }
        return e
    }

    func contains(_ key: Key) -> Bool { entries[key.stringValue] != nil }
    func decodeNil(forKey key: Key) throws -> Bool { entries[key.stringValue] == nil }
    func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
        let (reader, field) = try entry(key)
        return try WireDecoder.decode(type, reader, field)
    }
    func nestedContainer<N: CodingKey>(keyedBy type: N.Type, forKey key: Key) throws -> KeyedDecodingContainer<N> {
        let (reader, field) = try entry(key)
        return try WireDecoder(.message(reader.message(field))).container(keyedBy: type)
    }
    func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
        throw WireError.mismatch("map values are never repeated")
    }
    func superDecoder() throws -> any Decoder { throw WireError.mismatch("maps have no super") }
    func superDecoder(forKey key: Key) throws -> any Decoder { throw WireError.mismatch("maps have no super") }
}

private struct RepeatedContainer: UnkeyedDecodingContainer {
    let reader: MessageReader
    let field: FieldSchema
    var codingPath: [any CodingKey] { [] }
    var count: Int? { reader.count(field) }
    var isAtEnd: Bool { currentIndex >= reader.count(field) }
    private(set) var currentIndex = 0

    init(reader: MessageReader, field: FieldSchema) {
        self.reader = reader
        self.field = field
    }

    mutating func decodeNil() throws -> Bool { false }
    mutating func decode<T: Decodable>(_ type: T.Type) throws -> T {
        defer { currentIndex += 1 }
        return try WireDecoder.decode(type, reader, field, currentIndex)
    }
    mutating func nestedContainer<N: CodingKey>(keyedBy type: N.Type) throws -> KeyedDecodingContainer<N> {
        defer { currentIndex += 1 }
        return try WireDecoder(.message(reader.message(field, currentIndex))).container(keyedBy: type)
    }
    mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer {
        throw WireError.mismatch("repeated fields do not nest")
    }
    mutating func superDecoder() throws -> any Decoder { throw WireError.mismatch("repeated fields have no super") }
}

private struct ScalarContainer: SingleValueDecodingContainer {
    let value: WireScalar
    var codingPath: [any CodingKey] { [] }

    func decodeNil() -> Bool { false }
    func decode<T: Decodable>(_ type: T.Type) throws -> T {
        guard let v = try ScalarConversion.value(value, as: T.self) else {
            throw WireError.mismatch("\(value.description) cannot become a \(T.self)")
        }
        return v
    }
}
