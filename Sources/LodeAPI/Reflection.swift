import LodeWire

/// `lode.reflection.v1`: what a server offers.
public enum Reflection {
    public static let service = "lode.reflection.v1.Reflection"
    public static let listServices = "/lode.reflection.v1.Reflection/ListServices"
    public static let describeMessage = "/lode.reflection.v1.Reflection/DescribeMessage"

    public struct ListServicesRequest: WireMessage, Equatable {
        public static let protoName = "lode.reflection.v1.ListServicesRequest"
        public init() {}
    }

    public struct ListServicesResponse: WireMessage, Equatable {
        public static let protoName = "lode.reflection.v1.ListServicesResponse"
        public var services: [ServiceDescription]
        public init(services: [ServiceDescription]) { self.services = services }
    }

    public struct ServiceDescription: Codable, Sendable, Equatable {
        public var name: String
        public var methods: [MethodDescription]
        public init(name: String, methods: [MethodDescription]) {
            self.name = name
            self.methods = methods
        }
    }

    public struct MethodDescription: Codable, Sendable, Equatable {
        public var name: String
        public var path: String
        public var inputType: String
        public var outputType: String
        public var clientStreaming: Bool
        public var serverStreaming: Bool
        public init(name: String, path: String, inputType: String, outputType: String, clientStreaming: Bool, serverStreaming: Bool) {
            self.name = name
            self.path = path
            self.inputType = inputType
            self.outputType = outputType
            self.clientStreaming = clientStreaming
            self.serverStreaming = serverStreaming
        }
    }

    public struct DescribeMessageRequest: WireMessage, Equatable {
        public static let protoName = "lode.reflection.v1.DescribeMessageRequest"
        public var name: String
        public init(name: String) { self.name = name }
    }

    public struct MessageDescription: WireMessage, Equatable {
        public static let protoName = "lode.reflection.v1.MessageDescription"
        public var name: String
        public var fields: [FieldDescription]
        public init(name: String, fields: [FieldDescription]) {
            self.name = name
            self.fields = fields
        }
    }

    public struct FieldDescription: Codable, Sendable, Equatable {
        public var name: String
        public var jsonName: String
        public var number: UInt32
        public var type: String
        public var label: Label
        public var typeName: String
        public var enumValues: [EnumValueDescription]
        public var map: Bool

        public struct Label: RawRepresentable, Codable, Hashable, Sendable {
            public let rawValue: Int32
            public init(rawValue: Int32) { self.rawValue = rawValue }
            public static let singular = Label(rawValue: 0)
            public static let optional = Label(rawValue: 1)
            public static let repeated = Label(rawValue: 2)
        }

        public init(name: String, jsonName: String, number: UInt32, type: String, label: Label, typeName: String,
                    enumValues: [EnumValueDescription], map: Bool) {
            self.name = name
            self.jsonName = jsonName
            self.number = number
            self.type = type
            self.label = label
            self.typeName = typeName
            self.enumValues = enumValues
            self.map = map
        }
    }

    public struct EnumValueDescription: Codable, Sendable, Equatable {
        public var name: String
        public var number: Int32
        public init(name: String, number: Int32) {
            self.name = name
            self.number = number
        }
    }
}
