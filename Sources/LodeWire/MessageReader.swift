import CProtobufC

/// Read access to one C message that protobuf-c unpacked. A nil `base` stands for an
/// absent message: every field reads as its default.
struct MessageReader {
    let base: UnsafeRawPointer?
    let schema: MessageSchema

    /// Whether the field holds a value a reader should see: set oneof member, non-null
    /// message, non-empty repeated field, or (implicit presence) a non-default value.
    func hasValue(_ f: FieldSchema) -> Bool {
        guard let base else { return false }
        if f.isRepeated { return count(f) > 0 }
        if f.isOneofMember { return base.loadUnaligned(fromByteOffset: f.quantifierOffset, as: UInt32.self) == f.number }
        if f.kind == .message { return base.loadUnaligned(fromByteOffset: f.offset, as: UnsafeRawPointer?.self) != nil }
        return !WireScalar.load(f.kind, from: base + f.offset).isDefault
    }

    /// Whether a Swift optional property for the field should be non-nil.
    func isPresent(_ f: FieldSchema) -> Bool {
        f.isOneofMember || f.kind == .message ? hasValue(f) : true
    }

    func count(_ f: FieldSchema) -> Int {
        guard let base else { return 0 }
        return base.loadUnaligned(fromByteOffset: f.quantifierOffset, as: Int.self)
    }

    /// The slot of a singular field, or of element `index` of a repeated one.
    func slot(_ f: FieldSchema, _ index: Int? = nil) -> UnsafeRawPointer? {
        guard let base else { return nil }
        guard let index else { return base + f.offset }
        let array = base.loadUnaligned(fromByteOffset: f.offset, as: UnsafeRawPointer.self)
        return array + index * f.valueSize
    }

    func scalar(_ f: FieldSchema, _ index: Int? = nil) -> WireScalar {
        guard let slot = slot(f, index) else { return WireScalar.defaultValue(f.kind) }
        if f.isOneofMember && !hasValue(f) { return WireScalar.defaultValue(f.kind) }
        return WireScalar.load(f.kind, from: slot)
    }

    func message(_ f: FieldSchema, _ index: Int? = nil) -> MessageReader {
        let schema = SchemaCatalog.generated.schema(for: f)
        let pointer = slot(f, index).flatMap { $0.loadUnaligned(as: UnsafeRawPointer?.self) }
        return MessageReader(base: pointer, schema: schema)
    }
}

extension WireScalar {
    static func defaultValue(_ kind: FieldSchema.Kind) -> WireScalar {
        switch kind {
        case .int32, .sint32, .sfixed32, .int64, .sint64, .sfixed64, .enum: .int(0)
        case .uint32, .fixed32, .uint64, .fixed64: .uint(0)
        case .float, .double: .double(0)
        case .bool: .bool(false)
        case .string: .string("")
        case .bytes: .bytes([])
        case .message: preconditionFailure("a message is not a scalar")
        }
    }
}
