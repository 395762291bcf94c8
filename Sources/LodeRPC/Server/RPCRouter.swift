import LodeWire

/// The methods a server offers, each with its handler. Built before the server starts.
public struct RPCRouter: Sendable {
    /// Runs one call; returns a final response message to send with the OK status, if any.
    typealias Handler = @Sendable (ServerContext) async throws -> [UInt8]?

    struct Route: Sendable {
        let descriptor: MethodDescriptor
        let execution: MethodDescriptor.Execution
        let handler: Handler
    }

    private(set) var routes: [String: Route] = [:]

    public init() {}

    /// Every registered method, ordered by path.
    public var methods: [MethodDescriptor] { routes.values.map(\.descriptor).sorted { $0.path < $1.path } }

    /// One request in, one response out.
    public mutating func unary<Request: WireMessage, Response: WireMessage>(
        _ service: String, _ method: String, on execution: MethodDescriptor.Execution = .pool,
        _ handler: @escaping @Sendable (Request, ServerContext) async throws -> Response
    ) {
        add(service, method, .unary, execution, Request.self, Response.self) { context in
            try await handler(Self.firstRequest(context), context).wireBytes()
        }
    }

    /// One request in, a stream of responses out through `context.send`.
    public mutating func serverStreaming<Request: WireMessage, Response: WireMessage>(
        _ service: String, _ method: String, responses: Response.Type, on execution: MethodDescriptor.Execution = .pool,
        _ handler: @escaping @Sendable (Request, ServerContext) async throws -> Void
    ) {
        add(service, method, .serverStreaming, execution, Request.self, Response.self) { context in
            try await handler(Self.firstRequest(context), context)
            return nil
        }
    }

    /// A stream of requests in, one response out.
    public mutating func clientStreaming<Request: WireMessage, Response: WireMessage>(
        _ service: String, _ method: String, on execution: MethodDescriptor.Execution = .pool,
        _ handler: @escaping @Sendable (RequestStream<Request>, ServerContext) async throws -> Response
    ) {
        add(service, method, .clientStreaming, execution, Request.self, Response.self) { context in
            try await handler(RequestStream(queue: context.requests), context).wireBytes()
        }
    }

    /// Streams both ways; responses go out through `context.send`.
    public mutating func bidirectionalStreaming<Request: WireMessage, Response: WireMessage>(
        _ service: String, _ method: String, responses: Response.Type, on execution: MethodDescriptor.Execution = .pool,
        _ handler: @escaping @Sendable (RequestStream<Request>, ServerContext) async throws -> Void
    ) {
        add(service, method, .bidirectionalStreaming, execution, Request.self, Response.self) { context in
            try await handler(RequestStream(queue: context.requests), context)
            return nil
        }
    }

    private mutating func add<Request: WireMessage, Response: WireMessage>(
        _ service: String, _ method: String, _ kind: MethodDescriptor.Kind, _ execution: MethodDescriptor.Execution,
        _: Request.Type, _: Response.Type, handler: @escaping Handler
    ) {
        let declared = SchemaCatalog.generated.services[service]?.first { $0.name == method }
        precondition(declared?.input == Request.protoName && declared?.output == Response.protoName,
                     "/\(service)/\(method) with \(Request.protoName) -> \(Response.protoName) is not declared in Protos/")
        let descriptor = MethodDescriptor(service: service, name: method, kind: kind,
                                          inputType: Request.protoName, outputType: Response.protoName)
        routes[descriptor.path] = Route(descriptor: descriptor, execution: execution, handler: handler)
    }

    /// The request of a method whose client does not stream: the call's first message.
    /// Later messages are ignored.
    private static func firstRequest<Request: WireMessage>(_ context: ServerContext) async throws -> Request {
        guard let bytes = try await context.requests.next() else {
            throw RPCError(.invalidArgument, "\(context.method.path) needs a request message; the call half-closed without one")
        }
        return try Request.decodeRequest(bytes)
    }
}
