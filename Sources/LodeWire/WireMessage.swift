import Foundation

/// A Swift value that travels as a message type generated from `Protos/`.
///
/// Conformers are plain `Codable` structs whose property names are the fields'
/// JSON names (`callId` for `call_id`); the descriptor-driven bridge packs and
/// unpacks them through protobuf-c, so no type carries conversion code of its own.
/// Only top-level types name their proto type; nested ones are found through fields.
public protocol WireMessage: Codable, Sendable {
    /// Full proto name, `lode.health.v1.HealthCheckRequest`.
    static var protoName: String { get }
}

extension WireMessage {
    /// The schema of `protoName`.
    public static var schema: MessageSchema { SchemaCatalog.generated.declared(protoName) }

    /// Decodes the protobuf binary encoding of this type.
    public init(wire bytes: some ContiguousBytes) throws(WireError) {
        let schema = Self.schema
        do {
            self = try bytes.withUnsafeBytes { raw in
                let unpacked = try UnpackedMessage(raw, as: schema)
                return try Self(from: WireDecoder(.message(unpacked.reader)))
            }
        } catch let error as WireError {
            throw error
        } catch {
            throw .mismatch("\(schema.name): \(error)")
        }
    }

    /// The protobuf binary encoding of this value, packed by protobuf-c.
    public func wireBytes() throws(WireError) -> [UInt8] {
        let writer = MessageWriter(Self.schema, arena: MessageArena())
        do {
            try encode(to: WireEncoder(.message(writer)))
        } catch let error as WireError {
            throw error
        } catch {
            throw .mismatch("\(Self.protoName): \(error)")
        }
        return writer.pack()
    }
}

/// Converts between `WireScalar` and the Swift types Codable hands the bridge.
enum ScalarConversion {
    static func scalar(of value: Any) -> WireScalar? {
        switch value {
        case let v as String: .string(v)
        case let v as Bool: .bool(v)
        case let v as [UInt8]: .bytes(v)
        case let v as Data: .bytes([UInt8](v))
        case let v as Double: .double(v)
        case let v as Float: .double(Double(v))
        case let v as any SignedInteger & FixedWidthInteger: .int(Int64(v))
        case let v as any UnsignedInteger & FixedWidthInteger: .uint(UInt64(v))
        default: nil
        }
    }

    /// The scalar as a `T`, or nil when `T` is not a scalar Swift type (a RawRepresentable,
    /// say, which then decodes itself from a single-value container).
    static func value<T>(_ s: WireScalar, as type: T.Type) throws(WireError) -> T? {
        func fail() -> WireError { .mismatch("\(s.description) is not a valid \(T.self)") }
        switch type {
        case is String.Type:
            guard case .string(let v) = s else { throw fail() }
            return v as? T
        case is Bool.Type:
            guard case .bool(let v) = s else { throw fail() }
            return v as? T
        case is [UInt8].Type:
            guard case .bytes(let v) = s else { throw fail() }
            return v as? T
        case is Data.Type:
            guard case .bytes(let v) = s else { throw fail() }
            return Data(v) as? T
        case is Double.Type, is Float.Type:
            let d: Double
            switch s {
            case .double(let v): d = v
            case .int(let v): d = Double(v)
            case .uint(let v): d = Double(v)
            default: throw fail()
            }
            return (type == Float.self ? Float(d) as Any : d as Any) as? T
        case let integer as any FixedWidthInteger.Type:
            func make<I: FixedWidthInteger>(_: I.Type) -> I? {
                switch s {
                case .int(let v): I(exactly: v)
                case .uint(let v): I(exactly: v)
                default: nil
                }
            }
            guard let v = make(integer) else { throw fail() }
            return v as? T
        default:
            return nil
        }
    }
}
