import LodeWire

/// `lode.diagnostics.v1`: echo in every streaming kind, and the server's counters.
public enum Diagnostics {
    public static let service = "lode.diagnostics.v1.Diagnostics"
    public static let echo = "/lode.diagnostics.v1.Diagnostics/Echo"
    public static let echoStream = "/lode.diagnostics.v1.Diagnostics/EchoStream"
    public static let collect = "/lode.diagnostics.v1.Diagnostics/Collect"
    public static let chat = "/lode.diagnostics.v1.Diagnostics/Chat"
    public static let serverStats = "/lode.diagnostics.v1.Diagnostics/ServerStats"

    public struct EchoRequest: WireMessage, Equatable {
        public static let protoName = "lode.diagnostics.v1.EchoRequest"
        public var payload: [UInt8]
        public var delayMillis: UInt32
        public var count: UInt32
        public var intervalMillis: UInt32
        public init(payload: [UInt8] = [], delayMillis: UInt32 = 0, count: UInt32 = 0, intervalMillis: UInt32 = 0) {
            self.payload = payload
            self.delayMillis = delayMillis
            self.count = count
            self.intervalMillis = intervalMillis
        }
    }

    public struct EchoResponse: WireMessage, Equatable {
        public static let protoName = "lode.diagnostics.v1.EchoResponse"
        public var payload: [UInt8]
        public var sequence: UInt32
        public init(payload: [UInt8], sequence: UInt32) {
            self.payload = payload
            self.sequence = sequence
        }
    }

    public struct CollectResponse: WireMessage, Equatable {
        public static let protoName = "lode.diagnostics.v1.CollectResponse"
        public var messages: UInt64
        public var bytes: UInt64
        public init(messages: UInt64, bytes: UInt64) {
            self.messages = messages
            self.bytes = bytes
        }
    }

    public struct ServerStatsRequest: WireMessage, Equatable {
        public static let protoName = "lode.diagnostics.v1.ServerStatsRequest"
        public init() {}
    }

    public struct ServerStatsResponse: WireMessage, Equatable {
        public static let protoName = "lode.diagnostics.v1.ServerStatsResponse"
        public var connectionsOpen: UInt64
        public var connectionsTotal: UInt64
        public var connectionsRefused: UInt64
        public var callsInFlight: UInt64
        public var callsTotal: UInt64
        public var callsCancelled: UInt64
        public var callsDeadlineExceeded: UInt64
        public var uptimeMillis: UInt64

        public init(connectionsOpen: UInt64, connectionsTotal: UInt64, connectionsRefused: UInt64, callsInFlight: UInt64,
                    callsTotal: UInt64, callsCancelled: UInt64, callsDeadlineExceeded: UInt64, uptimeMillis: UInt64) {
            self.connectionsOpen = connectionsOpen
            self.connectionsTotal = connectionsTotal
            self.connectionsRefused = connectionsRefused
            self.callsInFlight = callsInFlight
            self.callsTotal = callsTotal
            self.callsCancelled = callsCancelled
            self.callsDeadlineExceeded = callsDeadlineExceeded
            self.uptimeMillis = uptimeMillis
        }
    }
}
