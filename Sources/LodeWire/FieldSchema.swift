import CProtobufC

/// One field of a protobuf-c message type, read from its generated descriptor
/// (static data, hence safe to share). A class: fields are looked up on every message,
/// and passing a reference costs one retain where a struct of strings costs several.
public final class FieldSchema: @unchecked Sendable {
    /// The scalar kinds a field can hold, after protobuf-c's `ProtobufCType`.
    public enum Kind: Sendable, Equatable {
        case int32, sint32, sfixed32, int64, sint64, sfixed64
        case uint32, fixed32, uint64, fixed64
        case float, double, bool, `enum`, string, bytes, message

        /// The type's name as written in a .proto file.
        public var protoName: String {
            switch self {
            case .enum: "enum"
            case .message: "message"
            default: "\(self)"
            }
        }
    }

    /// The field's name as written in the .proto file (`call_id`).
    public let name: String
    /// proto3's canonical JSON name (`callId`).
    public let jsonName: String
    public let number: UInt32
    public let kind: Kind
    public let isRepeated: Bool
    /// True for a oneof member, whose presence is recorded in the oneof's case.
    public let isOneofMember: Bool
    /// True for a `map<K, V>` field: repeated key/value entry messages.
    public let isMap: Bool
    /// The full name of the message or enum type, for those kinds.
    public let typeName: String?
    /// Enum values in declaration order, for enum fields.
    public let enumValues: [(name: String, number: Int32)]

    let descriptor: UnsafePointer<ProtobufCFieldDescriptor>
    var offset: Int { Int(descriptor.pointee.offset) }
    var quantifierOffset: Int { Int(descriptor.pointee.quantifier_offset) }
    var messageDescriptor: UnsafePointer<ProtobufCMessageDescriptor>? {
        kind == .message ? descriptor.pointee.descriptor?.assumingMemoryBound(to: ProtobufCMessageDescriptor.self) : nil
    }

    /// Bytes one value of this field occupies in a C message or a repeated array.
    var valueSize: Int {
        switch kind {
        case .int32, .sint32, .sfixed32, .uint32, .fixed32, .float, .enum: 4
        case .bool: MemoryLayout<protobuf_c_boolean>.size
        case .int64, .sint64, .sfixed64, .uint64, .fixed64, .double: 8
        case .string, .message: MemoryLayout<UnsafeRawPointer>.size
        case .bytes: MemoryLayout<ProtobufCBinaryData>.size
        }
    }

    init(_ descriptor: UnsafePointer<ProtobufCFieldDescriptor>) {
        let d = descriptor.pointee
        self.descriptor = descriptor
        name = String(cString: d.name)
        jsonName = FieldSchema.jsonName(of: name)
        number = d.id
        kind = FieldSchema.kind(of: d.type)
        isRepeated = d.label == PROTOBUF_C_LABEL_REPEATED
        isOneofMember = d.flags & UInt32(PROTOBUF_C_FIELD_FLAG_ONEOF.rawValue) != 0
        var values: [(String, Int32)] = []
        var typeName: String?
        var isMap = false
        if kind == .enum, let raw = d.descriptor {
            let e = raw.assumingMemoryBound(to: ProtobufCEnumDescriptor.self).pointee
            typeName = String(cString: e.name)
            values = (0..<Int(e.n_values)).map { (String(cString: e.values[$0].name), Int32(e.values[$0].value)) }
        } else if kind == .message, let raw = d.descriptor {
            let m = raw.assumingMemoryBound(to: ProtobufCMessageDescriptor.self).pointee
            typeName = String(cString: m.name)
            isMap = isRepeated && FieldSchema.isMapEntry(m)
        }
        self.typeName = typeName
        self.enumValues = values
        self.isMap = isMap
    }

    /// protobuf-c keeps no map flag; protoc names a map's entry type `<Field>Entry`
    /// with exactly the fields `key = 1` and `value = 2`.
    private static func isMapEntry(_ m: ProtobufCMessageDescriptor) -> Bool {
        guard m.n_fields == 2, String(cString: m.short_name).hasSuffix("Entry") else { return false }
        return String(cString: m.fields[0].name) == "key" && m.fields[0].id == 1
            && String(cString: m.fields[1].name) == "value" && m.fields[1].id == 2
    }

    static func jsonName(of name: String) -> String {
        var out = ""
        var upper = false
        for c in name {
            if c == "_" { upper = true; continue }
            out.append(upper ? Character(c.uppercased()) : c)
            upper = false
        }
        return out
    }

    private static func kind(of type: ProtobufCType) -> Kind {
        switch type {
        case PROTOBUF_C_TYPE_INT32: .int32
        case PROTOBUF_C_TYPE_SINT32: .sint32
        case PROTOBUF_C_TYPE_SFIXED32: .sfixed32
        case PROTOBUF_C_TYPE_INT64: .int64
        case PROTOBUF_C_TYPE_SINT64: .sint64
        case PROTOBUF_C_TYPE_SFIXED64: .sfixed64
        case PROTOBUF_C_TYPE_UINT32: .uint32
        case PROTOBUF_C_TYPE_FIXED32: .fixed32
        case PROTOBUF_C_TYPE_UINT64: .uint64
        case PROTOBUF_C_TYPE_FIXED64: .fixed64
        case PROTOBUF_C_TYPE_FLOAT: .float
        case PROTOBUF_C_TYPE_DOUBLE: .double
        case PROTOBUF_C_TYPE_BOOL: .bool
        case PROTOBUF_C_TYPE_ENUM: .enum
        case PROTOBUF_C_TYPE_STRING: .string
        case PROTOBUF_C_TYPE_BYTES: .bytes
        default: .message
        }
    }
}
