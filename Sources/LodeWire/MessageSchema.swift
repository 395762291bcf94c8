import CLodeProto
import CProtobufC

/// A message type generated from `Protos/`: its name and fields, read from the
/// protobuf-c descriptor. Immutable and pointing only at static descriptors, so
/// shared freely across threads.
public final class MessageSchema: @unchecked Sendable {
    /// Full name, `lode.rpc.v1.ClientFrame`.
    public let name: String
    /// Fields in field-number order.
    public let fields: [FieldSchema]
    let descriptor: UnsafePointer<ProtobufCMessageDescriptor>
    private let byName: [String: Int]
    /// Index into `fields` for each field number, -1 where none.
    private let byNumber: [Int]

    init(_ descriptor: UnsafePointer<ProtobufCMessageDescriptor>) {
        self.descriptor = descriptor
        name = String(cString: descriptor.pointee.name)
        fields = (0..<Int(descriptor.pointee.n_fields)).map { FieldSchema(descriptor.pointee.fields + $0) }
        var byName: [String: Int] = [:]
        for (i, f) in fields.enumerated() {
            byName[f.name] = i
            byName[f.jsonName] = i
        }
        self.byName = byName
        var byNumber = [Int](repeating: -1, count: Int(fields.map(\.number).max() ?? 0) + 1)
        for (i, f) in fields.enumerated() { byNumber[Int(f.number)] = i }
        self.byNumber = byNumber
    }

    /// The field with number `number`; traps if there is none (a programming error).
    func field(number: UInt32) -> FieldSchema {
        let i = Int(number) < byNumber.count ? byNumber[Int(number)] : -1
        precondition(i >= 0, "\(name) has no field \(number)")
        return fields[i]
    }

    /// The field called `name`, in either its .proto spelling or its JSON name.
    /// Messages have few fields and their names are small strings, so a scan of the JSON
    /// names (what Codable keys use) beats hashing.
    public func field(named name: String) -> FieldSchema? {
        for f in fields where f.jsonName == name { return f }
        return byName[name].map { fields[$0] }
    }
}

/// Every message type and service generated from `Protos/`, looked up by name.
/// Unchecked Sendable: built once and never changed; its keys point at static descriptors.
public struct SchemaCatalog: @unchecked Sendable {
    /// The catalog of this build's generated code.
    public static let generated = SchemaCatalog()

    private let messages: [String: MessageSchema]
    private let byDescriptor: [UnsafeRawPointer: MessageSchema]
    /// The services declared in `Protos/`, by full name, with their methods' names and types.
    public let services: [String: [(name: String, input: String, output: String)]]

    private init() {
        var messages: [String: MessageSchema] = [:]
        var byDescriptor: [UnsafeRawPointer: MessageSchema] = [:]
        for i in 0..<lode_message_descriptor_count() {
            let d = lode_message_descriptor(i)!
            let schema = MessageSchema(d)
            messages[schema.name] = schema
            byDescriptor[UnsafeRawPointer(d)] = schema
        }
        var services: [String: [(String, String, String)]] = [:]
        for i in 0..<lode_service_descriptor_count() {
            let s = lode_service_descriptor(i)!.pointee
            services[String(cString: s.name)] = (0..<Int(s.n_methods)).map {
                let m = s.methods[$0]
                return (String(cString: m.name), String(cString: m.input.pointee.name), String(cString: m.output.pointee.name))
            }
        }
        self.messages = messages
        self.byDescriptor = byDescriptor
        self.services = services
    }

    /// The message type with full name `name` (`lode.health.v1.HealthCheckRequest`).
    public func message(named name: String) -> MessageSchema? { messages[name] }

    /// The message type a Swift type declares as its `protoName`. Traps when Protos/ and
    /// the Swift type disagree: a build error rather than a runtime one.
    func declared(_ name: String) -> MessageSchema {
        guard let s = messages[name] else { preconditionFailure("\(name) is not generated from Protos/; run Scripts/gen-protos") }
        return s
    }

    /// All message type names, sorted.
    public var messageNames: [String] { messages.keys.sorted() }

    func schema(for field: FieldSchema) -> MessageSchema {
        byDescriptor[UnsafeRawPointer(field.messageDescriptor!)]!
    }
}
