/// A growable array of plain values with a stable base address between appends, so query
/// evaluation reads it through a pointer, without reference counting or bounds checks,
/// while the index's lock keeps writers out. Copies share storage.
final class ColumnBuffer<Element: BitwiseCopyable>: @unchecked Sendable {
    private(set) var base: UnsafeMutablePointer<Element>
    private(set) var count = 0
    private var capacity: Int

    init(capacity: Int = 64) {
        self.capacity = max(capacity, 1)
        base = .allocate(capacity: self.capacity)
    }

    deinit { base.deallocate() }

    var last: Element? { count > 0 ? base[count - 1] : nil }

    func append(_ value: Element) {
        if count == capacity {
            capacity *= 2
            let fresh = UnsafeMutablePointer<Element>.allocate(capacity: capacity)
            fresh.update(from: base, count: count)
            base.deallocate()
            base = fresh
        }
        base[count] = value
        count += 1
    }

    subscript(i: Int) -> Element {
        get {
            precondition(i >= 0 && i < count, "column index out of range")
            return base[i]
        }
        set {
            precondition(i >= 0 && i < count, "column index out of range")
            base[i] = newValue
        }
    }

    var elements: UnsafeBufferPointer<Element> { UnsafeBufferPointer(start: base, count: count) }
}
