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

    init(_ elements: [Element]) {
        capacity = max(elements.count, 1)
        base = .allocate(capacity: capacity)
        elements.withUnsafeBufferPointer { if let b = $0.baseAddress { base.update(from: b, count: elements.count) } }
        count = elements.count
    }

    deinit { base.deallocate() }

    var last: Element? { count > 0 ? base[count - 1] : nil }

    func append(_ value: Element) {
        if count == capacity {
            let grown = UnsafeMutablePointer<Element>.allocate(capacity: capacity * 2)
            grown.update(from: base, count: count)
            base.deallocate()
            base = grown
            capacity *= 2
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
