/// What went wrong turning bytes, Swift values or JSON into a message and back.
public enum WireError: Error, Equatable, CustomStringConvertible {
    /// The bytes are not a valid encoding of the named message type.
    case invalidEncoding(type: String, byteCount: Int)
    /// No message type of that name was generated from Protos/.
    case unknownType(String)
    /// A Swift property or JSON key names no field of the message type.
    case unknownField(type: String, field: String)
    /// A value does not fit its field's type.
    case mismatch(String)
    /// JSON text that does not parse, with the offset where it stopped making sense.
    case invalidJSON(String, offset: Int)

    public var description: String {
        switch self {
        case .invalidEncoding(let type, let n): "\(n) bytes are not a valid \(type)"
        case .unknownType(let name): "no message type is called \(name)"
        case .unknownField(let type, let field): "\(type) has no field \(field)"
        case .mismatch(let what): what
        case .invalidJSON(let what, let offset): "invalid JSON at offset \(offset): \(what)"
        }
    }
}
