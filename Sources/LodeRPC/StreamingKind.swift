/// How the two sides of a method stream, as a type for ``RPCMethod`` to carry.
public protocol StreamingKind: Sendable {
    static var kind: MethodDescriptor.Kind { get }
}

/// One request, one response.
public enum Unary: StreamingKind { public static let kind = MethodDescriptor.Kind.unary }
/// One request, a stream of responses.
public enum ServerStreaming: StreamingKind { public static let kind = MethodDescriptor.Kind.serverStreaming }
/// A stream of requests, one response.
public enum ClientStreaming: StreamingKind { public static let kind = MethodDescriptor.Kind.clientStreaming }
/// Streams both ways.
public enum BidirectionalStreaming: StreamingKind { public static let kind = MethodDescriptor.Kind.bidirectionalStreaming }
