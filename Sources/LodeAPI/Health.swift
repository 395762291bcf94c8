import LodeWire

/// `lode.health.v1`: serving status, after gRPC's health protocol.
public enum Health {
    public static let service = "lode.health.v1.Health"
    public static let check = "/lode.health.v1.Health/Check"
    public static let watch = "/lode.health.v1.Health/Watch"

    public struct CheckRequest: WireMessage, Equatable {
        public static let protoName = "lode.health.v1.HealthCheckRequest"
        /// A full service name, or "" for the server as a whole.
        public var service: String
        public init(service: String = "") { self.service = service }
    }

    public struct CheckResponse: WireMessage, Equatable {
        public static let protoName = "lode.health.v1.HealthCheckResponse"
        public var status: ServingStatus
        public init(status: ServingStatus) { self.status = status }
    }

    public struct ServingStatus: RawRepresentable, Codable, Hashable, Sendable, CustomStringConvertible {
        public let rawValue: Int32
        public init(rawValue: Int32) { self.rawValue = rawValue }
        public static let unknown = ServingStatus(rawValue: 0)
        public static let serving = ServingStatus(rawValue: 1)
        public static let notServing = ServingStatus(rawValue: 2)
        public static let serviceUnknown = ServingStatus(rawValue: 3)

        private static let names = ["UNKNOWN", "SERVING", "NOT_SERVING", "SERVICE_UNKNOWN"]
        public var description: String {
            Self.names.indices.contains(Int(rawValue)) ? Self.names[Int(rawValue)] : "STATUS_\(rawValue)"
        }
    }
}
