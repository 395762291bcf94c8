import CProtobufC
import Foundation

/// Owns every block of a C message tree built for packing; frees them all at once.
/// Not thread-safe: one arena builds one message on one task.
final class MessageArena {
    private var blocks: [UnsafeMutableRawPointer] = []
    /// Capacity, in elements, of each repeated field's array, keyed by the field's slot.
    private var capacities: [UnsafeMutableRawPointer: Int] = [:]

    deinit { for b in blocks { free(b) } }

    func allocate(_ bytes: Int) -> UnsafeMutableRawPointer {
        let p = calloc(1, max(bytes, 1))!
        blocks.append(p)
        return p
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
        bytes.withUnsafeBytes { p.copyMemory(from: $0.baseAddress!, byteCount: $0.count) }
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
