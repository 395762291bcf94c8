import LodeAPI
import LodeRPC
import LodeWire
import NIOCore
import NIOEmbedded

/// What loded does with the bytes a client sends, short of running handlers: split them into
/// frames, decode each as a `ClientFrame`, and a call's message as its method's request type;
/// or decode bytes as any one request or frame type. Anything decoded must encode again and
/// decode from that. Shared by the libFuzzer target (`Scripts/fuzz`) and the test that replays
/// its seeds and every input it ever found crashing.
public enum DecoderFuzzing {
    /// Every method's request type, by proto name.
    public static let requestTypes: [String: any WireMessage.Type] = Dictionary(uniqueKeysWithValues: ([
        Corpus.RawDocument.self, Corpus.GetRequest.self, Corpus.ListRequest.self, Corpus.DeleteRequest.self,
        Corpus.StatsRequest.self, Corpus.ExportRequest.self, Diagnostics.EchoRequest.self, Diagnostics.ServerStatsRequest.self,
        Entity.ExtractRequest.self, Entity.ListEntitiesRequest.self, Entity.GetEntityRequest.self, Entity.MentionsRequest.self,
        Entity.QuotesRequest.self, Entity.CooccurrenceRequest.self, Health.HealthCheckRequest.self, Reflection.ListServicesRequest.self,
        Reflection.DescribeMessageRequest.self, Search.SearchRequest.self, Search.SuggestRequest.self,
        Search.ExplainRequest.self, Search.IndexStatsRequest.self,
    ] as [any WireMessage.Type]).map { ($0.protoName, $0) })

    /// Each method's path and the proto name of its request type, as `Protos/` declares them.
    public static let methodInputs: [String: String] = Dictionary(uniqueKeysWithValues:
        SchemaCatalog.generated.services.flatMap { service, methods in methods.map { ("/\(service)/\($0.name)", $0.input) } })

    private static let typesInOrder = requestTypes.keys.sorted().map { requestTypes[$0]! }

    /// Runs one input. The first byte picks the path: even, a byte stream of frames; odd, the
    /// rest as one message of the type the second byte picks. Traps on a defect.
    public static func run(_ input: [UInt8]) {
        guard let mode = input.first else { return }
        if mode & 1 == 0 {
            frames(Array(input.dropFirst()))
        } else if input.count >= 2 {
            message(selector: Int(input[1]), Array(input.dropFirst(2)))
        }
    }

    private static func frames(_ bytes: [UInt8]) {
        let channel = EmbeddedChannel(handler: ByteToMessageHandler(FrameDecoder(maxFrameBytes: 1 << 16)))
        _ = try? channel.writeInbound(channel.allocator.buffer(bytes: bytes))
        while let frame = try? channel.readInbound(as: ByteBuffer.self) {
            let payload = Array(frame.readableBytesView)
            guard let decoded = roundTrip(ClientFrame.self, payload) else { continue }
            if let start = decoded.start, let message = decoded.message,
               let input = methodInputs[start.method], let type = requestTypes[input] {
                _ = roundTrip(type, message)
            }
        }
        _ = try? channel.finish()
    }

    private static func message(selector: Int, _ bytes: [UInt8]) {
        switch selector % (typesInOrder.count + 2) {
        case typesInOrder.count: _ = roundTrip(ClientFrame.self, bytes)
        case typesInOrder.count + 1: _ = roundTrip(ServerFrame.self, bytes)
        case let k: _ = roundTrip(typesInOrder[k], bytes)
        }
    }

    @discardableResult
    private static func roundTrip<T: WireMessage>(_: T.Type, _ bytes: [UInt8]) -> T? {
        roundTrip(T.protoName, bytes, decode: { try T(wire: $0) }, encode: { try $0.wireBytes() })
    }

    @discardableResult
    private static func roundTrip<T: FieldCodedMessage>(_: T.Type, _ bytes: [UInt8]) -> T? {
        roundTrip(T.protoName, bytes, decode: { try T(wire: $0) }, encode: { try $0.wireBytes() })
    }

    /// Decodes `bytes`; what decodes must encode, and decode again from that.
    private static func roundTrip<T>(_ name: String, _ bytes: [UInt8], decode: ([UInt8]) throws -> T,
                                     encode: (T) throws -> [UInt8]) -> T? {
        guard let value = try? decode(bytes) else { return nil }
        do {
            _ = try decode(try encode(value))
        } catch {
            fatalError("\(name) decoded from \(bytes) does not survive encoding: \(error)")
        }
        return value
    }

    /// Valid inputs to start from: a hello and a call with a default request for every method
    /// as one byte stream each, and every request type's default encoding.
    public static func seeds() throws -> [[UInt8]] {
        let hello = try ClientFrame(callId: 0, hello: Hello(agent: "fuzz", maxFrameBytes: 0)).wireBytes()
        var seeds: [[UInt8]] = []
        for (path, input) in methodInputs.sorted(by: { $0.key < $1.key }) {
            let call = try ClientFrame(callId: 1, start: CallStart(method: path, timeoutMicros: 1_000_000),
                                       message: try requestTypes[input]!.empty(), halfClose: true).wireBytes()
            seeds.append([0] + framed(hello) + framed(call))
        }
        for (k, type) in typesInOrder.enumerated() { seeds.append([1, UInt8(k)] + (try type.empty())) }
        return seeds
    }

    private static func framed(_ payload: [UInt8]) -> [UInt8] {
        withUnsafeBytes(of: UInt32(payload.count).bigEndian) { Array($0) } + payload
    }
}

extension WireMessage {
    /// The encoding of this type with every field at its default: zero bytes, decoded.
    fileprivate static func empty() throws -> [UInt8] { try Self(wire: [UInt8]()).wireBytes() }
}
