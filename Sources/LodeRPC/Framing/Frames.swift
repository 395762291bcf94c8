import LodeWire

/// `lode.rpc.v1.Status`: how a call, or a connection, ended.
public struct Status: WireMessage, Equatable {
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
}

/// `lode.rpc.v1.Hello`: the first frame each side sends on a connection.
public struct Hello: WireMessage, Equatable {
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
}

/// `lode.rpc.v1.CallStart`: opens a call.
public struct CallStart: WireMessage, Equatable {
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
}

/// `lode.rpc.v1.GoAway`: the server starts no new call on this connection.
public struct GoAway: WireMessage, Equatable {
    public static let protoName = "lode.rpc.v1.GoAway"
    public var reason: Status
    public init(reason: Status) { self.reason = reason }
}

/// `lode.rpc.v1.ClientFrame`: everything a client sends.
public struct ClientFrame: WireMessage, Equatable {
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
}

/// `lode.rpc.v1.ServerFrame`: everything a server sends.
public struct ServerFrame: WireMessage, Equatable {
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
}
