/// A message type coded by field number instead of Codable: for the few messages on every
/// call's path (the RPC frames), where Codable's dynamic dispatch would dominate the cost.
public protocol FieldCodedMessage: Sendable {
    /// Full proto name, `lode.rpc.v1.ClientFrame`.
    static var protoName: String { get }
    init(fields: FieldReader) throws(WireError)
    func write(to fields: FieldWriter) throws(WireError)
}

extension FieldCodedMessage {
    /// The schema of `protoName`.
    public static var schema: MessageSchema { SchemaCatalog.generated.declared(protoName) }

    /// Decodes the protobuf binary encoding of this type.
    public init(wire bytes: UnsafeRawBufferPointer) throws(WireError) {
        let unpacked = try UnpackedMessage(bytes, as: Self.schema)
        try self.init(fields: FieldReader(unpacked.reader, owner: unpacked))
    }

    /// Decodes the protobuf binary encoding of this type.
    public init(wire bytes: [UInt8]) throws(WireError) {
        do {
            self = try bytes.withUnsafeBytes { try Self(wire: $0) }
        } catch {
            throw error as! WireError
        }
    }

    /// Packs this value with protobuf-c straight into a caller's buffer: `fill` gets the
    /// encoded size and a packing function to call on at least that many bytes.
    public func pack<Buffer>(_ fill: (Int, (UnsafeMutableRawBufferPointer) -> Int) throws -> Buffer) throws(WireError) -> Buffer {
        let writer = MessageWriter(Self.schema, arena: MessageArena())
        try write(to: FieldWriter(writer))
        do {
            return try fill(writer.packedSize, writer.pack(into:))
        } catch {
            throw .mismatch("\(Self.protoName): \(error)")
        }
    }

    /// The protobuf binary encoding of this value, packed by protobuf-c.
    public func wireBytes() throws(WireError) -> [UInt8] {
        let writer = MessageWriter(Self.schema, arena: MessageArena())
        try write(to: FieldWriter(writer))
        return writer.pack()
    }
}

/// Reads fields of an unpacked message by number.
public struct FieldReader {
    private let reader: MessageReader
    /// Keeps the unpacked C message alive while this reader (or a nested one) is in use.
    private let owner: AnyObject

    init(_ reader: MessageReader, owner: AnyObject) {
        self.reader = reader
        self.owner = owner
    }

    private func scalar(_ number: UInt32) -> WireScalar { reader.scalar(reader.schema.field(number: number)) }

    /// Whether the field has a value: set oneof member or message, non-default scalar.
    public func has(_ number: UInt32) -> Bool { reader.hasValue(reader.schema.field(number: number)) }

    public func uint64(_ number: UInt32) -> UInt64 {
        if case .uint(let v) = scalar(number) { return v }
        return 0
    }

    public func uint32(_ number: UInt32) -> UInt32 { UInt32(truncatingIfNeeded: uint64(number)) }

    public func int32(_ number: UInt32) -> Int32 {
        if case .int(let v) = scalar(number) { return Int32(truncatingIfNeeded: v) }
        return 0
    }

    public func bool(_ number: UInt32) -> Bool {
        if case .bool(let v) = scalar(number) { return v }
        return false
    }

    public func string(_ number: UInt32) -> String {
        if case .string(let v) = scalar(number) { return v }
        return ""
    }

    /// A bytes field; nil for an unset oneof member.
    public func bytes(_ number: UInt32) -> [UInt8]? {
        let f = reader.schema.field(number: number)
        if f.isOneofMember && !reader.hasValue(f) { return nil }
        if case .bytes(let v) = reader.scalar(f) { return v }
        return nil
    }

    /// A message field; nil when unset.
    public func message(_ number: UInt32) -> FieldReader? {
        let f = reader.schema.field(number: number)
        guard reader.hasValue(f) else { return nil }
        return FieldReader(reader.message(f), owner: owner)
    }

    /// A `map<string, string>` field.
    public func stringMap(_ number: UInt32) -> [String: String] {
        let f = reader.schema.field(number: number)
        let count = reader.count(f)
        guard count > 0 else { return [:] }
        var map: [String: String] = [:]
        for i in 0..<count {
            let entry = reader.message(f, i)
            if case .string(let k) = entry.scalar(entry.schema.fields[0]), case .string(let v) = entry.scalar(entry.schema.fields[1]) {
                map[k] = v
            }
        }
        return map
    }
}

/// Writes fields of a message under construction by number.
public struct FieldWriter {
    private let writer: MessageWriter

    init(_ writer: MessageWriter) { self.writer = writer }

    private func put(_ value: WireScalar, _ number: UInt32) throws(WireError) {
        try writer.put(value, writer.schema.field(number: number))
    }

    public func set(_ number: UInt32, _ value: UInt64) throws(WireError) { try put(.uint(value), number) }
    public func set(_ number: UInt32, _ value: UInt32) throws(WireError) { try put(.uint(UInt64(value)), number) }
    public func set(_ number: UInt32, _ value: Int32) throws(WireError) { try put(.int(Int64(value)), number) }
    public func set(_ number: UInt32, _ value: Bool) throws(WireError) { try put(.bool(value), number) }
    public func set(_ number: UInt32, _ value: String) throws(WireError) { try put(.string(value), number) }
    public func set(_ number: UInt32, _ value: [UInt8]) throws(WireError) { try put(.bytes(value), number) }

    /// Sets message field `number` and returns the writer for its fields.
    public func message(_ number: UInt32) -> FieldWriter {
        FieldWriter(writer.putMessage(writer.schema.field(number: number)))
    }

    /// Sets a `map<string, string>` field.
    public func set(_ number: UInt32, _ map: [String: String]) throws(WireError) {
        let f = writer.schema.field(number: number)
        for (k, v) in map {
            let entry = writer.putMessage(f)
            try entry.put(.string(k), entry.schema.fields[0])
            try entry.put(.string(v), entry.schema.fields[1])
        }
    }
}
