import CProtobufC
import Foundation

/// One non-message value of a field, in a form both Codable and JSON map onto.
enum WireScalar {
    case int(Int64)
    case uint(UInt64)
    case double(Double)
    case bool(Bool)
    case string(String)
    case bytes([UInt8])

    /// Reads the value of kind `kind` stored at `slot`.
    static func load(_ kind: FieldSchema.Kind, from slot: UnsafeRawPointer) -> WireScalar {
        switch kind {
        case .int32, .sint32, .sfixed32, .enum: .int(Int64(slot.loadUnaligned(as: Int32.self)))
        case .int64, .sint64, .sfixed64: .int(slot.loadUnaligned(as: Int64.self))
        case .uint32, .fixed32: .uint(UInt64(slot.loadUnaligned(as: UInt32.self)))
        case .uint64, .fixed64: .uint(slot.loadUnaligned(as: UInt64.self))
        case .float: .double(Double(slot.loadUnaligned(as: Float.self)))
        case .double: .double(slot.loadUnaligned(as: Double.self))
        case .bool: .bool(slot.loadUnaligned(as: protobuf_c_boolean.self) != 0)
        case .string:
            .string(slot.loadUnaligned(as: UnsafePointer<CChar>?.self).map { String(cString: $0) } ?? "")
        case .bytes:
            .bytes(WireScalar.bytes(slot.loadUnaligned(as: ProtobufCBinaryData.self)))
        case .message: preconditionFailure("a message is not a scalar")
        }
    }

    private static func bytes(_ b: ProtobufCBinaryData) -> [UInt8] {
        guard b.len > 0, let data = b.data else { return [] }
        return Array(UnsafeBufferPointer(start: data, count: b.len))
    }

    /// Writes the value into `slot` as kind `kind`, allocating strings and bytes in `arena`.
    /// Throws when the value does not fit the kind (a string for an integer, 2^40 for a uint32).
    func store(_ kind: FieldSchema.Kind, into slot: UnsafeMutableRawPointer, arena: MessageArena) throws(WireError) {
        func integer<T: FixedWidthInteger>(_: T.Type) throws(WireError) -> T {
            switch self {
            case .int(let v): if let t = T(exactly: v) { return t }
            case .uint(let v): if let t = T(exactly: v) { return t }
            case .double(let v): if let t = T(exactly: v) { return t }
            default: break
            }
            throw .mismatch("\(self.description) is not a valid \(kind.protoName)")
        }
        switch kind {
        case .int32, .sint32, .sfixed32, .enum: slot.storeBytes(of: try integer(Int32.self), as: Int32.self)
        case .int64, .sint64, .sfixed64: slot.storeBytes(of: try integer(Int64.self), as: Int64.self)
        case .uint32, .fixed32: slot.storeBytes(of: try integer(UInt32.self), as: UInt32.self)
        case .uint64, .fixed64: slot.storeBytes(of: try integer(UInt64.self), as: UInt64.self)
        case .float, .double:
            let d: Double
            switch self {
            case .double(let v): d = v
            case .int(let v): d = Double(v)
            case .uint(let v): d = Double(v)
            default: throw .mismatch("\(description) is not a valid \(kind.protoName)")
            }
            if kind == .float { slot.storeBytes(of: Float(d), as: Float.self) } else { slot.storeBytes(of: d, as: Double.self) }
        case .bool:
            guard case .bool(let b) = self else { throw .mismatch("\(description) is not a valid bool") }
            slot.storeBytes(of: b ? 1 : 0, as: protobuf_c_boolean.self)
        case .string:
            guard case .string(let s) = self else { throw .mismatch("\(description) is not a valid string") }
            slot.storeBytes(of: arena.cString(s), as: UnsafeMutablePointer<CChar>.self)
        case .bytes:
            guard case .bytes(let b) = self else { throw .mismatch("\(description) is not a valid bytes") }
            slot.storeBytes(of: arena.binary(b), as: ProtobufCBinaryData.self)
        case .message: preconditionFailure("a message is not a scalar")
        }
    }

    /// True for proto3's default value of a kind: zero, false, empty.
    var isDefault: Bool {
        switch self {
        case .int(let v): v == 0
        case .uint(let v): v == 0
        case .double(let v): v == 0 && v.sign == .plus
        case .bool(let v): !v
        case .string(let v): v.isEmpty
        case .bytes(let v): v.isEmpty
        }
    }

    var description: String {
        switch self {
        case .int(let v): "\(v)"
        case .uint(let v): "\(v)"
        case .double(let v): "\(v)"
        case .bool(let v): "\(v)"
        case .string(let v): "\"\(v)\""
        case .bytes(let v): "\(v.count) bytes"
        }
    }
}
