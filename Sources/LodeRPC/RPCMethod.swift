import LodeWire

/// A method as generated from `Protos/`: its path, its message types and how each side
/// streams, so that a call or a handler of the wrong types or the wrong shape does not
/// compile (`client.unary(Search.search, request)` returns a `Search.SearchResponse`).
public struct RPCMethod<Request: WireMessage, Response: WireMessage, Streaming: StreamingKind>: Sendable {
    /// Full service name, `lode.search.v1.Search`.
    public let service: String
    /// Short method name, `Search`.
    public let name: String

    public init(service: String, name: String) {
        self.service = service
        self.name = name
    }

    /// What a `CallStart` names: `/lode.search.v1.Search/Search`.
    public var path: String { descriptor.path }

    public var descriptor: MethodDescriptor {
        MethodDescriptor(service: service, name: name, kind: Streaming.kind, inputType: Request.protoName, outputType: Response.protoName)
    }
}
