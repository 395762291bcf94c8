import LodeWire
import NIOCore

/// Splits a byte stream into frames: a 4-byte big-endian length, then that many bytes.
/// A length past `maxFrameBytes` is an error raised before any of the frame is buffered.
public struct FrameDecoder: ByteToMessageDecoder {
    public typealias InboundOut = ByteBuffer

    /// A peer announced a frame larger than this side accepts.
    public struct FrameTooLarge: Error {
        public let length: UInt64
        public let limit: Int
    }

    public let maxFrameBytes: Int

    public init(maxFrameBytes: Int) { self.maxFrameBytes = maxFrameBytes }

    public mutating func decode(context: ChannelHandlerContext, buffer: inout ByteBuffer) throws -> DecodingState {
        guard let length = buffer.getInteger(at: buffer.readerIndex, as: UInt32.self) else { return .needMoreData }
        guard Int(length) <= maxFrameBytes else { throw FrameTooLarge(length: UInt64(length), limit: maxFrameBytes) }
        guard buffer.readableBytes >= 4 + Int(length) else { return .needMoreData }
        buffer.moveReaderIndex(forwardBy: 4)
        context.fireChannelRead(Self.wrapInboundOut(buffer.readSlice(length: Int(length))!))
        return .continue
    }

    public mutating func decodeLast(context: ChannelHandlerContext, buffer: inout ByteBuffer, seenEOF: Bool) throws -> DecodingState {
        while try decode(context: context, buffer: &buffer) == .continue {}
        return .needMoreData
    }
}

extension FieldCodedMessage {
    /// This message as one frame: length prefix, then the protobuf-c encoding.
    func frame(allocator: ByteBufferAllocator) throws -> ByteBuffer {
        try pack { size, packInto in
            var buffer = allocator.buffer(capacity: 4 + size)
            buffer.writeInteger(UInt32(size))
            buffer.writeWithUnsafeMutableBytes(minimumWritableBytes: size) { packInto($0) }
            return buffer
        }
    }

    /// Decodes one frame's payload.
    init(frame: ByteBuffer) throws(WireError) {
        do {
            self = try frame.withUnsafeReadableBytes { (raw: UnsafeRawBufferPointer) in try Self(wire: raw) }
        } catch {
            throw error as! WireError
        }
    }
}
