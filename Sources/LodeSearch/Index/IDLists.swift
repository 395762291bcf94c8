/// A list of ascending ids per document, delta-coded varints in one buffer: which terms and
/// words each document holds, so removing it can uncount them. The lists of a mapped
/// snapshot are read in place (`base`); those of documents added since are kept in memory.
///
/// Unchecked Sendable: the borrowed parts are read-only memory the index's mapping keeps alive.
struct IDLists: @unchecked Sendable {
    /// Borrowed: the snapshot's lists, and where each starts (one more: where the last ends).
    private var base = UnsafeRawBufferPointer(start: nil, count: 0)
    private var baseStarts = UnsafeBufferPointer<UInt32>(start: nil, count: 0)
    private(set) var bytes: [UInt8] = []
    /// Where each document's list after the snapshot's starts in `bytes`; it ends where the next starts.
    private(set) var starts: [Int] = []

    init() {}

    /// Lists read in place from `bytes`, the document numbered `i` from `starts[i]` to `starts[i + 1]`;
    /// both must outlive these lists.
    init(borrowing bytes: UnsafeRawBufferPointer, starts: UnsafeBufferPointer<UInt32>) {
        base = bytes
        baseStarts = starts
    }

    /// Documents whose lists are borrowed.
    private var borrowed: Int { max(baseStarts.count - 1, 0) }

    /// Appends the next document's ids, already ascending.
    mutating func append(sorted ids: [Int]) {
        starts.append(bytes.count)
        var last = 0
        for id in ids {
            Varint.append(UInt32(id - last), to: &bytes)
            last = id
        }
    }

    func ids(of document: Int) -> [Int] {
        if document < borrowed {
            return Self.decode(base.baseAddress?.assumingMemoryBound(to: UInt8.self), Int(baseStarts[document]), Int(baseStarts[document + 1]))
        }
        let i = document - borrowed
        let end = i + 1 < starts.count ? starts[i + 1] : bytes.count
        return bytes.withUnsafeBufferPointer { Self.decode($0.baseAddress, starts[i], end) }
    }

    /// Every document's list in order, for the snapshot: the bytes, and where each list starts.
    func encoded() -> (bytes: [UInt8], starts: [UInt32]) {
        let baseEnd = borrowed > 0 ? Int(baseStarts[borrowed]) : 0
        var all = Array(UnsafeRawBufferPointer(rebasing: base.prefix(baseEnd)))
        var offsets = Array(baseStarts.prefix(borrowed))
        offsets += starts.map { UInt32(baseEnd + $0) }
        all += bytes
        offsets.append(UInt32(all.count))
        return (all, offsets)
    }

    private static func decode(_ bytes: UnsafePointer<UInt8>?, _ start: Int, _ end: Int) -> [Int] {
        guard let bytes, start < end else { return [] }
        var out: [Int] = []
        var offset = start
        var last = 0
        while offset < end {
            last += Int(Varint.read(bytes, &offset))
            out.append(last)
        }
        return out
    }
}
