import Foundation

/// proto3's canonical JSON mapping for any generated message type, driven by its
/// descriptor: lowerCamelCase names, 64-bit integers as strings, bytes as base64,
/// enums by name, maps as objects. What other protobuf tools read and write.
public enum MessageJSON {
    /// The JSON form of `bytes`, a binary `schema` message. Fields at their default
    /// value are left out unless `includeDefaults` is set.
    public static func json(fromWire bytes: some ContiguousBytes, as schema: MessageSchema,
                            includeDefaults: Bool = false) throws(WireError) -> JSONValue {
        let unpacked: UnpackedMessage
        do {
            unpacked = try bytes.withUnsafeBytes { try UnpackedMessage($0, as: schema) }
        } catch {
            throw error as! WireError
        }
        return object(unpacked.reader, includeDefaults: includeDefaults)
    }

    /// The binary encoding of the `schema` message that `json` describes. Accepts both
    /// JSON and .proto field names; a key that names no field is an error.
    public static func wire(fromJSON json: JSONValue, as schema: MessageSchema) throws(WireError) -> [UInt8] {
        let writer = MessageWriter(schema, arena: MessageArena())
        try fill(writer, from: json, path: schema.name)
        return writer.pack()
    }

    private static func object(_ reader: MessageReader, includeDefaults: Bool) -> JSONValue {
        var members: [(String, JSONValue)] = []
        for f in reader.schema.fields {
            let present = reader.hasValue(f)
            guard present || (includeDefaults && !f.isOneofMember) else { continue }
            if f.isMap {
                members.append((f.jsonName, .object((0..<reader.count(f)).map { i in
                    let entry = reader.message(f, i)
                    let key: String
                    if case .string(let s) = entry.scalar(entry.schema.fields[0]) { key = s } else {
                        key = entry.scalar(entry.schema.fields[0]).description
                    }
                    return (key, value(entry, entry.schema.fields[1], nil, includeDefaults))
                })))
            } else if f.isRepeated {
                members.append((f.jsonName, .array((0..<reader.count(f)).map { value(reader, f, $0, includeDefaults) })))
            } else if f.kind == .message && !present {
                members.append((f.jsonName, .null))
            } else {
                members.append((f.jsonName, value(reader, f, nil, includeDefaults)))
            }
        }
        return .object(members)
    }

    private static func value(_ reader: MessageReader, _ f: FieldSchema, _ index: Int?, _ includeDefaults: Bool) -> JSONValue {
        if f.kind == .message { return object(reader.message(f, index), includeDefaults: includeDefaults) }
        switch reader.scalar(f, index) {
        case .int(let v) where f.kind == .enum:
            return f.enumValues.first { $0.number == v }.map { .string($0.name) } ?? .number("\(v)")
        case .int(let v): return f.valueSize == 8 ? .string("\(v)") : .number("\(v)")
        case .uint(let v): return f.valueSize == 8 ? .string("\(v)") : .number("\(v)")
        case .double(let v):
            if v.isNaN { return .string("NaN") }
            if v.isInfinite { return .string(v < 0 ? "-Infinity" : "Infinity") }
            return .number(f.kind == .float ? "\(Float(v))" : "\(v)")
        case .bool(let v): return .bool(v)
        case .string(let v): return .string(v)
        case .bytes(let v): return .string(Data(v).base64EncodedString())
        }
    }

    private static func fill(_ writer: MessageWriter, from json: JSONValue, path: String) throws(WireError) {
        guard case .object(let members) = json else {
            throw .mismatch("\(path): expected a JSON object for \(writer.schema.name)")
        }
        for (key, item) in members {
            guard let f = writer.schema.field(named: key) else {
                throw .unknownField(type: writer.schema.name, field: key)
            }
            let here = "\(path).\(key)"
            if item == .null { continue }
            if f.isMap {
                guard case .object(let entries) = item else { throw .mismatch("\(here): expected a JSON object") }
                for (k, v) in entries {
                    let entry = writer.putMessage(f)
                    let keyField = entry.schema.fields[0]
                    try entry.put(try scalar(.string(k), keyField, "\(here) key"), keyField)
                    try put(v, entry, entry.schema.fields[1], "\(here).\(k)")
                }
            } else if f.isRepeated {
                guard case .array(let items) = item else { throw .mismatch("\(here): expected a JSON array") }
                for (i, element) in items.enumerated() { try put(element, writer, f, "\(here)[\(i)]") }
            } else {
                try put(item, writer, f, here)
            }
        }
    }

    private static func put(_ json: JSONValue, _ writer: MessageWriter, _ f: FieldSchema, _ path: String) throws(WireError) {
        if f.kind == .message { return try fill(writer.putMessage(f), from: json, path: path) }
        try writer.put(try scalar(json, f, path), f)
    }

    private static func scalar(_ json: JSONValue, _ f: FieldSchema, _ path: String) throws(WireError) -> WireScalar {
        func fail(_ why: String) -> WireError { .mismatch("\(path): \(why)") }
        let text: String
        switch json {
        case .string(let s): text = s
        case .number(let n): text = n
        case .bool(let b):
            guard f.kind == .bool else { throw fail("expected a \(f.kind.protoName), got \(b)") }
            return .bool(b)
        default: throw fail("expected a \(f.kind.protoName)")
        }
        switch f.kind {
        case .string:
            guard case .string = json else { throw fail("expected a string") }
            return .string(text)
        case .bytes:
            let padded = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
            let b64 = padded + String(repeating: "=", count: (4 - padded.count % 4) % 4)
            guard let data = Data(base64Encoded: b64) else { throw fail("expected base64 bytes") }
            return .bytes([UInt8](data))
        case .bool:
            guard text == "true" || text == "false" else { throw fail("expected true or false") }
            return .bool(text == "true")
        case .enum:
            if let v = f.enumValues.first(where: { $0.name == text }) { return .int(Int64(v.number)) }
            guard let n = Int64(text) else {
                throw fail("\(text) is not a value of \(f.typeName ?? "the enum"); expected one of \(f.enumValues.map(\.name).joined(separator: ", "))")
            }
            return .int(n)
        case .float, .double:
            switch text {
            case "NaN": return .double(.nan)
            case "Infinity": return .double(.infinity)
            case "-Infinity": return .double(-.infinity)
            default:
                guard let d = Double(text) else { throw fail("\(text) is not a number") }
                return .double(d)
            }
        case .uint32, .fixed32, .uint64, .fixed64:
            guard let v = UInt64(text) ?? Double(text).flatMap({ UInt64(exactly: $0) }) else {
                throw fail("\(text) is not an unsigned integer")
            }
            return .uint(v)
        default:
            guard let v = Int64(text) ?? Double(text).flatMap({ Int64(exactly: $0) }) else {
                throw fail("\(text) is not an integer")
            }
            return .int(v)
        }
    }
}
