import CProtobufC

/// Builds one C message in an arena, field by field, for protobuf-c to pack.
struct MessageWriter {
    let base: UnsafeMutableRawPointer
    let schema: MessageSchema
    let arena: MessageArena

    /// A fresh message of type `schema`, every field at its default.
    init(_ schema: MessageSchema, arena: MessageArena) {
        let base = arena.allocate(schema.descriptor.pointee.sizeof_message)
        protobuf_c_message_init(schema.descriptor, base)
        self.init(base: base, schema: schema, arena: arena)
    }

    private init(base: UnsafeMutableRawPointer, schema: MessageSchema, arena: MessageArena) {
        self.base = base
        self.schema = schema
        self.arena = arena
    }

    /// Sets a singular scalar field, or appends to a repeated one.
    func put(_ value: WireScalar, _ f: FieldSchema) throws(WireError) {
        do {
            try value.store(f.kind, into: nextSlot(f), arena: arena)
        } catch {
            throw .mismatch("\(schema.name).\(f.name): \(error)")
        }
    }

    /// Sets a singular message field, or appends to a repeated one; returns its writer.
    func putMessage(_ f: FieldSchema) -> MessageWriter {
        let child = MessageWriter(SchemaCatalog.generated.schema(for: f), arena: arena)
        nextSlot(f).storeBytes(of: child.base, as: UnsafeMutableRawPointer.self)
        return child
    }

    private func nextSlot(_ f: FieldSchema) -> UnsafeMutableRawPointer {
        if f.isRepeated {
            return arena.appendSlot(array: base + f.offset, count: base + f.quantifierOffset, elementSize: f.valueSize)
        }
        if f.isOneofMember { (base + f.quantifierOffset).storeBytes(of: f.number, as: UInt32.self) }
        return base + f.offset
    }

    /// The encoded size, in bytes.
    var packedSize: Int {
        protobuf_c_message_get_packed_size(base.assumingMemoryBound(to: ProtobufCMessage.self))
    }

    /// Packs into `buffer`, which holds at least `packedSize` bytes; returns the bytes written.
    func pack(into buffer: UnsafeMutableRawBufferPointer) -> Int {
        protobuf_c_message_pack(base.assumingMemoryBound(to: ProtobufCMessage.self),
                                buffer.baseAddress!.assumingMemoryBound(to: UInt8.self))
    }

    /// The message in protobuf's binary encoding, packed by protobuf-c.
    func pack() -> [UInt8] {
        let message = base.assumingMemoryBound(to: ProtobufCMessage.self)
        let size = protobuf_c_message_get_packed_size(message)
        return [UInt8](unsafeUninitializedCapacity: size) { buffer, count in
            count = protobuf_c_message_pack(message, buffer.baseAddress!)
        }
    }
}

/// A message protobuf-c unpacked into an arena, freed with it.
final class UnpackedMessage {
    let reader: MessageReader
    private let arena = MessageArena()

    /// Unpacks `bytes` as a `schema` message.
    init(_ bytes: UnsafeRawBufferPointer, as schema: MessageSchema) throws(WireError) {
        var allocator = arena.protobufAllocator
        guard let m = protobuf_c_message_unpack(
            schema.descriptor, &allocator, bytes.count,
            bytes.baseAddress?.assumingMemoryBound(to: UInt8.self) ?? UnsafePointer(bitPattern: 1)
        ) else {
            throw .invalidEncoding(type: schema.name, byteCount: bytes.count)
        }
        reader = MessageReader(base: UnsafeRawPointer(m), schema: schema)
    }
}
