import LodeWire
import NIOCore
import NIOPosix
import Synchronization

/// A connection to a `loded` socket, carrying any number of concurrent calls.
public final class RPCClient: Sendable {
    public let socketPath: String
    /// The server's hello: its agent and largest accepted frame.
    public let serverHello: Hello
    /// The connection's event loop as a task executor. Code that makes many calls can run
    /// there (`Task(executorPreference: client.executor)`) so that sending a request and
    /// resuming on its response cost no thread hop.
    public let executor: EventLoopExecutor
    private let channel: any Channel
    private let handler: NIOLoopBound<ClientConnectionHandler>
    private let outbound: ConnectionOutbound
    private let nextID = Atomic<UInt64>(0)

    private init(socketPath: String, serverHello: Hello, channel: any Channel,
                 handler: NIOLoopBound<ClientConnectionHandler>, outbound: ConnectionOutbound) {
        self.socketPath = socketPath
        self.serverHello = serverHello
        self.channel = channel
        self.handler = handler
        self.outbound = outbound
        self.executor = EventLoopExecutor(outbound.eventLoop)
    }

    /// Connects and exchanges hellos. A missing server is UNAVAILABLE with a message
    /// that names the path tried and how to start one.
    public static func connect(to socketPath: String = SocketPath.defaultPath(), agent: String = "lode",
                               maxFrameBytes: Int = 4 * 1024 * 1024, helloVersion: UInt32 = Hello.currentVersion) async throws -> RPCClient {
        let group = MultiThreadedEventLoopGroup.singleton
        let eventLoop = group.next()
        let hello = eventLoop.makePromise(of: Hello.self)
        let channel: any Channel
        let handler: NIOLoopBound<ClientConnectionHandler>
        var attempt = 0
        while true {
            do {
                (channel, handler) = try await ClientBootstrap(group: eventLoop)
                    .connect(unixDomainSocketPath: socketPath) { channel in
                        channel.eventLoop.makeCompletedFuture {
                            let handler = ClientConnectionHandler(hello: hello)
                            try channel.pipeline.syncOperations.addHandlers([
                                ByteToMessageHandler(FrameDecoder(maxFrameBytes: maxFrameBytes)), handler,
                            ])
                            return (channel, NIOLoopBound(handler, eventLoop: eventLoop))
                        }
                    }
                break
            } catch {
                // EAGAIN: the server's queue of connections not yet accepted is full: it is busy, not gone.
                let busy = (error as? IOError)?.errnoCode == EAGAIN
                if busy, attempt < Self.busyRetries {
                    attempt += 1
                    try await Task.sleep(for: .milliseconds(50))
                    continue
                }
                hello.fail(error)
                throw RPCError(.unavailable, busy
                               ? "loded on \(socketPath) is too busy to take a connection (its queue of new connections stayed full for 5 s)"
                               : "no loded is listening on \(socketPath) (\(error)); start one with `loded`, or point --socket or LODE_SOCKET at the right path",
                               details: ["socket": socketPath])
            }
        }
        let outbound = ConnectionOutbound(allocator: channel.allocator, eventLoop: eventLoop, maxFrameBytes: maxFrameBytes) { frame, id, _ in
            handler.value.send(frame, for: id)
        }
        let first = try ClientFrame(callId: 0, hello: Hello(protocolVersion: helloVersion, agent: agent, maxFrameBytes: UInt64(maxFrameBytes)))
            .frame(allocator: channel.allocator)
        // A server that refuses us closes right after its go-away; that, not the write, is the answer.
        try? await channel.writeAndFlush(first)
        let timeout = eventLoop.scheduleTask(in: .seconds(10)) {
            hello.fail(RPCError(.unavailable, "\(socketPath) accepted the connection but sent no hello within 10 s"))
        }
        defer { timeout.cancel() }
        do {
            let serverHello = try await hello.futureResult.get()
            return RPCClient(socketPath: socketPath, serverHello: serverHello, channel: channel, handler: handler, outbound: outbound)
        } catch {
            try? await channel.close()
            throw error
        }
    }

    /// Connection attempts, 50 ms apart, while a busy server's queue of new connections is full.
    static let busyRetries = 100

    /// Closes the connection; calls in flight end with UNAVAILABLE.
    public func close() async {
        try? await channel.close()
    }

    /// Starts a call. `first` is sent with the start; `end` half-closes right away,
    /// so a unary call is one frame.
    public func start(_ method: String, first: [UInt8]? = nil, end: Bool = false, options: CallOptions = CallOptions()) throws -> ClientCall {
        let id = nextID.add(1, ordering: .relaxed).newValue
        let timeout = options.timeout.map { UInt64(max(0, $0.microseconds)) }
        let frame = try ClientFrame(callId: id, start: CallStart(method: method, metadata: options.metadata, timeoutMicros: timeout),
                                    message: first, halfClose: end).frame(allocator: channel.allocator)
        guard frame.readableBytes - 4 <= Int(serverHello.maxFrameBytes) else {
            throw RPCError(.resourceExhausted, "a \(frame.readableBytes - 4)-byte request exceeds the server's \(serverHello.maxFrameBytes)-byte frame maximum",
                           details: ["max_frame_bytes": "\(serverHello.maxFrameBytes)"])
        }
        let responses = MessageQueue<[UInt8]>()
        let handler = self.handler
        let localTimeout = options.timeout
        outbound.eventLoop.execute { handler.value.start(id, frame: frame, responses: responses, timeout: localTimeout) }
        return ClientCall(id: id, method: method, responses: responses, outbound: outbound, handler: handler)
    }

    /// Starts a call of a generated method, for a client that sends and reads its frames itself.
    public func start<Request, Response, Streaming>(_ method: RPCMethod<Request, Response, Streaming>, first: [UInt8]? = nil,
                                                    end: Bool = false, options: CallOptions = CallOptions()) throws -> ClientCall {
        try start(method.path, first: first, end: end, options: options)
    }

    // MARK: Typed calls

    /// One request, one response.
    public func unary<Request, Response>(
        _ method: RPCMethod<Request, Response, Unary>, _ request: Request, options: CallOptions = CallOptions()
    ) async throws -> Response {
        let call = try start(method.path, first: try request.wireBytes(), end: true, options: options)
        return try await Self.single(call, Response.self)
    }

    /// One request, a stream of responses.
    public func serverStreaming<Request, Response>(
        _ method: RPCMethod<Request, Response, ServerStreaming>, _ request: Request, options: CallOptions = CallOptions()
    ) throws -> ResponseStream<Response> {
        ResponseStream(call: try start(method.path, first: try request.wireBytes(), end: true, options: options))
    }

    /// A stream of requests, one response.
    public func clientStreaming<Request, Response>(
        _ method: RPCMethod<Request, Response, ClientStreaming>, _ requests: some Sequence<Request>, options: CallOptions = CallOptions()
    ) async throws -> Response {
        let call = try start(method.path, options: options)
        for r in requests { try await call.send(r.wireBytes()) }
        try await call.halfClose()
        return try await Self.single(call, Response.self)
    }

    /// Both ways: send with the returned stream's call, read from the stream.
    public func bidirectionalStreaming<Request, Response>(
        _ method: RPCMethod<Request, Response, BidirectionalStreaming>, options: CallOptions = CallOptions()
    ) throws -> ResponseStream<Response> {
        ResponseStream(call: try start(method.path, options: options))
    }

    private static func single<Response: WireMessage>(_ call: ClientCall, _: Response.Type) async throws -> Response {
        guard let bytes = try await call.next() else {
            throw RPCError(.internal, "\(call.method) ended OK without a response message")
        }
        let response = try Response.decodeResponse(bytes)
        while try await call.next() != nil {}
        return response
    }
}
