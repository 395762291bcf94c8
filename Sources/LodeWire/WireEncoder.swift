/// An `Encoder` writing Swift values straight into a C message for protobuf-c to pack.
struct WireEncoder: Encoder {
    enum Target {
        case message(MessageWriter)
        /// One value of a field: its own message, its map entries, its elements or its scalar.
        case field(MessageWriter, FieldSchema)
    }

    let target: Target
    var codingPath: [any CodingKey] = []
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    init(_ target: Target) { self.target = target }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        switch target {
        case .message(let writer):
            return KeyedEncodingContainer(MessageContainer(writer: writer))
        case .field(let writer, let f) where f.isMap:
            return KeyedEncodingContainer(MapContainer(writer: writer, field: f))
        case .field(let writer, let f):
            return KeyedEncodingContainer(MessageContainer(writer: writer.putMessage(f)))
        }
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        guard case .field(let writer, let f) = target else { preconditionFailure("a message is not a list") }
        return RepeatedContainer(writer: writer, field: f)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer {
        guard case .field(let writer, let f) = target else { preconditionFailure("a message is not a scalar") }
        return ScalarContainer(writer: writer, field: f)
    }

    /// Writes `value` into field `f`: scalars directly, anything else through its `encode(to:)`.
    static func encode<T: Encodable>(_ value: T, _ writer: MessageWriter, _ f: FieldSchema) throws {
        if T.self == [UInt8].self, f.kind == .bytes, !f.isRepeated {
            return try writer.put(.bytes(value as! [UInt8]), f)
        }
        if f.kind != .message, !f.isRepeated, let scalar = ScalarConversion.scalar(of: value) {
            return try writer.put(scalar, f)
        }
        try value.encode(to: WireEncoder(.field(writer, f)))
    }
}

private struct MessageContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let writer: MessageWriter
    var codingPath: [any CodingKey] { [] }

    private func field(_ key: Key) throws -> FieldSchema {
        guard let f = writer.schema.field(named: key.stringValue) else {
            throw WireError.unknownField(type: writer.schema.name, field: key.stringValue)
        }
        return f
    }

    mutating func encodeNil(forKey key: Key) throws {}
    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
        try WireEncoder.encode(value, writer, field(key))
    }
    // Concrete overloads: synthesized Codable calls these for scalars, sparing dynamic casts.
    mutating func encode(_ value: String, forKey key: Key) throws { try writer.put(.string(value), field(key)) }
    mutating func encode(_ value: Bool, forKey key: Key) throws { try writer.put(.bool(value), field(key)) }
    mutating func encode(_ value: Double, forKey key: Key) throws { try writer.put(.double(value), field(key)) }
    mutating func encode(_ value: Float, forKey key: Key) throws { try writer.put(.double(Double(value)), field(key)) }
    mutating func encode(_ value: Int, forKey key: Key) throws { try writer.put(.int(Int64(value)), field(key)) }
    mutating func encode(_ value: Int32, forKey key: Key) throws { try writer.put(.int(Int64(value)), field(key)) }
    mutating func encode(_ value: Int64, forKey key: Key) throws { try writer.put(.int(value), field(key)) }
    mutating func encode(_ value: UInt32, forKey key: Key) throws { try writer.put(.uint(UInt64(value)), field(key)) }
    mutating func encode(_ value: UInt64, forKey key: Key) throws { try writer.put(.uint(value), field(key)) }
    mutating func nestedContainer<N: CodingKey>(keyedBy type: N.Type, forKey key: Key) -> KeyedEncodingContainer<N> {
        let f = writer.schema.field(named: key.stringValue)!
        return WireEncoder(.field(writer, f)).container(keyedBy: type)
    }
    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        RepeatedContainer(writer: writer, field: writer.schema.field(named: key.stringValue)!)
    }
    mutating func superEncoder() -> any Encoder { WireEncoder(.message(writer)) }
    mutating func superEncoder(forKey key: Key) -> any Encoder { WireEncoder(.message(writer)) }
}

/// A `map<string, V>` field filled from a Swift dictionary: one entry message per key.
private struct MapContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let writer: MessageWriter
    let field: FieldSchema
    var codingPath: [any CodingKey] { [] }

    private func entry(_ key: Key) throws -> (MessageWriter, FieldSchema) {
        let entry = writer.putMessage(field)
        try entry.put(.string(key.stringValue), entry.schema.fields[0])
        return (entry, entry.schema.fields[1])
    }

    mutating func encodeNil(forKey key: Key) throws {}
    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
        let (entry, valueField) = try entry(key)
        try WireEncoder.encode(value, entry, valueField)
    }
    mutating func nestedContainer<N: CodingKey>(keyedBy type: N.Type, forKey key: Key) -> KeyedEncodingContainer<N> {
        let (entry, valueField) = try! entry(key)
        return WireEncoder(.field(entry, valueField)).container(keyedBy: type)
    }
    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        preconditionFailure("map values are never repeated")
    }
    mutating func superEncoder() -> any Encoder { WireEncoder(.message(writer)) }
    mutating func superEncoder(forKey key: Key) -> any Encoder { WireEncoder(.message(writer)) }
}

private struct RepeatedContainer: UnkeyedEncodingContainer {
    let writer: MessageWriter
    let field: FieldSchema
    var codingPath: [any CodingKey] { [] }
    private(set) var count = 0

    init(writer: MessageWriter, field: FieldSchema) {
        self.writer = writer
        self.field = field
    }

    mutating func encodeNil() throws {}
    mutating func encode<T: Encodable>(_ value: T) throws {
        count += 1
        if field.kind != .message, let scalar = ScalarConversion.scalar(of: value) {
            return try writer.put(scalar, field)
        }
        try value.encode(to: WireEncoder(.field(writer, field)))
    }
    mutating func nestedContainer<N: CodingKey>(keyedBy type: N.Type) -> KeyedEncodingContainer<N> {
        count += 1
        return KeyedEncodingContainer(MessageContainer(writer: writer.putMessage(field)))
    }
    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer { preconditionFailure("repeated fields do not nest") }
    mutating func superEncoder() -> any Encoder { WireEncoder(.message(writer)) }
}

private struct ScalarContainer: SingleValueEncodingContainer {
    let writer: MessageWriter
    let field: FieldSchema
    var codingPath: [any CodingKey] { [] }

    mutating func encodeNil() throws {}
    mutating func encode<T: Encodable>(_ value: T) throws {
        guard let scalar = ScalarConversion.scalar(of: value) else {
            throw WireError.mismatch("\(T.self) cannot fill the scalar field \(field.name)")
        }
        try writer.put(scalar, field)
    }
}
