import CProtobufC
import Foundation

/// A bump allocator that owns every block of one C message tree, built for packing or
/// unpacked by protobuf-c, and frees them all at once. One malloc serves a typical
/// message whole. Not thread-safe: one arena serves one message on one task.
final class MessageArena {
    private static let chunkSize = 1024
    private static let header = 16

    /// The newest chunk; each chunk's first word points at the one before.
    private var chunk: UnsafeMutableRawPointer?
    private var offset = 0
    private var capacity = 0
    /// Capacity, in elements, of each repeated field's array, keyed by the field's slot.
    private var capacities: [UnsafeMutableRawPointer: Int] = [:]

    deinit {
        var next = chunk
        while let c = next {
            next = c.load(as: UnsafeMutableRawPointer?.self)
            free(c)
        }
    }

    /// Zeroed memory for `bytes`, 16-byte aligned, valid until the arena goes away.
    func allocate(_ bytes: Int) -> UnsafeMutableRawPointer {
        let size = (max(bytes, 1) + 15) & ~15
        if offset + size > capacity {
            let total = max(Self.chunkSize, size + Self.header)
            let fresh = malloc(total)!
            fresh.storeBytes(of: chunk, as: UnsafeMutableRawPointer?.self)
            chunk = fresh
            offset = Self.header
            capacity = total
        }
        let p = chunk! + offset
        offset += size
        memset(p, 0, size)
        return p
    }

    /// A protobuf-c allocator drawing from this arena; its `free` does nothing. Valid while
    /// the arena lives.
    var protobufAllocator: ProtobufCAllocator {
        ProtobufCAllocator(
            alloc: { data, size in Unmanaged<MessageArena>.fromOpaque(data!).takeUnretainedValue().allocate(size) },
            free: { _, _ in },
            allocator_data: Unmanaged.passUnretained(self).toOpaque())
    }

    func cString(_ s: String) -> UnsafeMutablePointer<CChar> {
        var s = s
        return s.withUTF8 { utf8 in
            let p = allocate(utf8.count + 1)
            if let base = utf8.baseAddress { p.copyMemory(from: base, byteCount: utf8.count) }
            return p.assumingMemoryBound(to: CChar.self)
        }
    }

    func binary(_ bytes: [UInt8]) -> ProtobufCBinaryData {
        let p = allocate(bytes.count)
        bytes.withUnsafeBytes { if let base = $0.baseAddress { p.copyMemory(from: base, byteCount: $0.count) } }
        return ProtobufCBinaryData(len: bytes.count, data: p.assumingMemoryBound(to: UInt8.self))
    }

    /// Makes room for one more element in the repeated field whose array pointer lives at
    /// `arraySlot` and count at `countSlot`; returns the new element's slot.
    func appendSlot(array arraySlot: UnsafeMutableRawPointer, count countSlot: UnsafeMutableRawPointer,
                    elementSize: Int) -> UnsafeMutableRawPointer {
        let count = countSlot.load(as: Int.self)
        var array = arraySlot.load(as: UnsafeMutableRawPointer?.self)
        let capacity = capacities[arraySlot] ?? 0
        if count == capacity {
            let grown = max(4, capacity * 2)
            let bigger = allocate(grown * elementSize)
            if let array, count > 0 { bigger.copyMemory(from: array, byteCount: count * elementSize) }
            array = bigger
            arraySlot.storeBytes(of: bigger, as: UnsafeMutableRawPointer.self)
            capacities[arraySlot] = grown
        }
        countSlot.storeBytes(of: count + 1, as: Int.self)
        return array! + count * elementSize
    }
}
