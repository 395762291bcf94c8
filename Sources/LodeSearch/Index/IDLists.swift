/// A list of ascending ids per document, delta-coded varints in one buffer: which terms and
/// words each document holds, so removing it can uncount them.
struct IDLists: Sendable {
    private(set) var bytes: [UInt8] = []
    /// Where each document's list starts in `bytes`; it ends where the next starts.
    private(set) var starts: [Int] = []

    init() {}

    init(bytes: [UInt8], starts: [Int]) {
        self.bytes = bytes
        self.starts = starts
    }

    /// Appends the next document's ids, already ascending.
    mutating func append(sorted ids: [Int]) {
        starts.append(bytes.count)
        var last = 0
        for id in ids {
            Self.write(UInt32(id - last), to: &bytes)
            last = id
        }
    }

    func ids(of document: Int) -> [Int] {
        let end = document + 1 < starts.count ? starts[document + 1] : bytes.count
        var out: [Int] = []
        bytes.withUnsafeBufferPointer { b in
            var offset = starts[document]
            var last = 0
            while offset < end {
                last += Int(Varint.read(b.baseAddress!, &offset))
                out.append(last)
            }
        }
        return out
    }

    private static func write(_ value: UInt32, to bytes: inout [UInt8]) {
        var v = value
        while v >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: v) | 0x80)
            v >>= 7
        }
        bytes.append(UInt8(v))
    }
}
