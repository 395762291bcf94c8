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
    public mutating func unary<Request, Response>(
        _ method: RPCMethod<Request, Response, Unary>, on execution: MethodDescriptor.Execution = .pool,
        _ handler: @escaping @Sendable (Request, ServerContext) async throws -> Response
    ) {
        add(method.descriptor, execution) { context in
            try await handler(Self.firstRequest(context), context).wireBytes()
        }
    }

    /// One request in, a stream of responses out through `context.send`.
    public mutating func serverStreaming<Request, Response>(
        _ method: RPCMethod<Request, Response, ServerStreaming>, on execution: MethodDescriptor.Execution = .pool,
        _ handler: @escaping @Sendable (Request, ServerContext) async throws -> Void
    ) {
        add(method.descriptor, execution) { context in
            try await handler(Self.firstRequest(context), context)
            return nil
        }
    }

    /// A stream of requests in, one response out.
    public mutating func clientStreaming<Request, Response>(
        _ method: RPCMethod<Request, Response, ClientStreaming>, on execution: MethodDescriptor.Execution = .pool,
        _ handler: @escaping @Sendable (RequestStream<Request>, ServerContext) async throws -> Response
    ) {
        add(method.descriptor, execution) { context in
            try await handler(RequestStream(queue: context.requests), context).wireBytes()
        }
    }

    /// Streams both ways; responses go out through `context.send`.
    public mutating func bidirectionalStreaming<Request, Response>(
        _ method: RPCMethod<Request, Response, BidirectionalStreaming>, on execution: MethodDescriptor.Execution = .pool,
        _ handler: @escaping @Sendable (RequestStream<Request>, ServerContext) async throws -> Void
    ) {
        add(method.descriptor, execution) { context in
            try await handler(RequestStream(queue: context.requests), context)
            return nil
        }
    }

    /// Registers a method; the generated Swift and the generated C must agree on it.
    private mutating func add(_ descriptor: MethodDescriptor, _ execution: MethodDescriptor.Execution, handler: @escaping Handler) {
        let declared = SchemaCatalog.generated.services[descriptor.service]?.first { $0.name == descriptor.name }
        precondition(declared?.input == descriptor.inputType && declared?.output == descriptor.outputType,
                     "\(descriptor.path) with \(descriptor.inputType) -> \(descriptor.outputType) is not declared in Protos/")
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
