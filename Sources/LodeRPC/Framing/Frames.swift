import LodeWire

/// `lode.rpc.v1.Status`: how a call, or a connection, ended.
///
/// The `lode.rpc.v1` types travel on every call, so they are coded by field number
/// (`FieldCodedMessage`) rather than through Codable.
public struct Status: FieldCodedMessage, Equatable {
    public static let protoName = "lode.rpc.v1.Status"
    public var code: StatusCode
    public var message: String
    public var details: [String: String]

    public init(code: StatusCode, message: String = "", details: [String: String] = [:]) {
        self.code = code
        self.message = message
        self.details = details
    }

    public static let ok = Status(code: .ok)

    init(_ error: RPCError) { self.init(code: error.code, message: error.message, details: error.details) }

    /// The error this status stands for, or nil for OK.
    public var error: RPCError? { code == .ok ? nil : RPCError(code, message, details: details) }

    public init(fields: FieldReader) {
        self.init(code: StatusCode(rawValue: fields.int32(1)), message: fields.string(2), details: fields.stringMap(3))
    }

    public func write(to fields: FieldWriter) throws(WireError) {
        try fields.set(1, code.rawValue)
        try fields.set(2, message)
        try fields.set(3, details)
    }
}

/// `lode.rpc.v1.Hello`: the first frame each side sends on a connection.
public struct Hello: FieldCodedMessage, Equatable {
    public static let protoName = "lode.rpc.v1.Hello"
    /// The protocol version this build speaks.
    public static let currentVersion: UInt32 = 1

    public var protocolVersion: UInt32
    public var agent: String
    public var maxFrameBytes: UInt64

    public init(protocolVersion: UInt32 = Hello.currentVersion, agent: String, maxFrameBytes: UInt64) {
        self.protocolVersion = protocolVersion
        self.agent = agent
        self.maxFrameBytes = maxFrameBytes
    }

    public init(fields: FieldReader) {
        self.init(protocolVersion: fields.uint32(1), agent: fields.string(2), maxFrameBytes: fields.uint64(3))
    }

    public func write(to fields: FieldWriter) throws(WireError) {
        try fields.set(1, protocolVersion)
        try fields.set(2, agent)
        try fields.set(3, maxFrameBytes)
    }
}

/// `lode.rpc.v1.CallStart`: opens a call.
public struct CallStart: FieldCodedMessage, Equatable {
    public static let protoName = "lode.rpc.v1.CallStart"
    public var method: String
    public var metadata: [String: String]
    /// Absent: no deadline; zero: already expired.
    public var timeoutMicros: UInt64?

    public init(method: String, metadata: [String: String] = [:], timeoutMicros: UInt64? = nil) {
        self.method = method
        self.metadata = metadata
        self.timeoutMicros = timeoutMicros
    }

    public init(fields: FieldReader) {
        self.init(method: fields.string(1), metadata: fields.stringMap(2),
                  timeoutMicros: fields.has(3) ? fields.uint64(3) : nil)
    }

    public func write(to fields: FieldWriter) throws(WireError) {
        try fields.set(1, method)
        try fields.set(2, metadata)
        if let timeoutMicros { try fields.set(3, timeoutMicros) }
    }
}

/// `lode.rpc.v1.GoAway`: the server starts no new call on this connection.
public struct GoAway: FieldCodedMessage, Equatable {
    public static let protoName = "lode.rpc.v1.GoAway"
    public var reason: Status
    public init(reason: Status) { self.reason = reason }

    public init(fields: FieldReader) {
        self.init(reason: fields.message(1).map(Status.init(fields:)) ?? Status(code: .unknown))
    }

    public func write(to fields: FieldWriter) throws(WireError) {
        try reason.write(to: fields.message(1))
    }
}

/// `lode.rpc.v1.ClientFrame`: everything a client sends.
public struct ClientFrame: FieldCodedMessage, Equatable {
    public static let protoName = "lode.rpc.v1.ClientFrame"
    public var callId: UInt64
    public var hello: Hello?
    public var start: CallStart?
    public var message: [UInt8]?
    public var halfClose: Bool
    public var cancel: Bool

    public init(callId: UInt64, hello: Hello? = nil, start: CallStart? = nil, message: [UInt8]? = nil,
                halfClose: Bool = false, cancel: Bool = false) {
        self.callId = callId
        self.hello = hello
        self.start = start
        self.message = message
        self.halfClose = halfClose
        self.cancel = cancel
    }

    public init(fields: FieldReader) {
        self.init(callId: fields.uint64(1), hello: fields.message(2).map(Hello.init(fields:)),
                  start: fields.message(3).map(CallStart.init(fields:)), message: fields.bytes(4),
                  halfClose: fields.bool(5), cancel: fields.bool(6))
    }

    public func write(to fields: FieldWriter) throws(WireError) {
        try fields.set(1, callId)
        if let hello { try hello.write(to: fields.message(2)) }
        if let start { try start.write(to: fields.message(3)) }
        if let message { try fields.set(4, message) }
        try fields.set(5, halfClose)
        try fields.set(6, cancel)
    }
}

/// `lode.rpc.v1.ServerFrame`: everything a server sends.
public struct ServerFrame: FieldCodedMessage, Equatable {
    public static let protoName = "lode.rpc.v1.ServerFrame"
    public var callId: UInt64
    public var hello: Hello?
    public var message: [UInt8]?
    public var status: Status?
    public var goAway: GoAway?

    public init(callId: UInt64, hello: Hello? = nil, message: [UInt8]? = nil, status: Status? = nil, goAway: GoAway? = nil) {
        self.callId = callId
        self.hello = hello
        self.message = message
        self.status = status
        self.goAway = goAway
    }

    public init(fields: FieldReader) {
        self.init(callId: fields.uint64(1), hello: fields.message(2).map(Hello.init(fields:)), message: fields.bytes(3),
                  status: fields.message(4).map(Status.init(fields:)), goAway: fields.message(5).map(GoAway.init(fields:)))
    }

    public func write(to fields: FieldWriter) throws(WireError) {
        try fields.set(1, callId)
        if let hello { try hello.write(to: fields.message(2)) }
        if let message { try fields.set(3, message) }
        if let status { try status.write(to: fields.message(4)) }
        if let goAway { try goAway.write(to: fields.message(5)) }
    }
}
