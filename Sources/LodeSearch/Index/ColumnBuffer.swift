/// A growable array of plain values with a stable base address between appends, so query
/// evaluation reads it through a pointer, without reference counting or bounds checks,
/// while the index's lock keeps writers out. Copies share storage. It may start borrowed,
/// reading a mapped snapshot in place: the first change copies it into memory of its own.
final class ColumnBuffer<Element: BitwiseCopyable>: @unchecked Sendable {
    private(set) var base: UnsafeMutablePointer<Element>
    private(set) var count = 0
    /// 0 while `base` is borrowed.
    private var capacity: Int

    init(capacity: Int = 64) {
        self.capacity = max(capacity, 1)
        base = .allocate(capacity: self.capacity)
    }

    /// A buffer reading `elements` in place until it changes; they must outlive it or that change.
    init(borrowing elements: UnsafeBufferPointer<Element>) {
        if let start = elements.baseAddress, !elements.isEmpty {
            base = UnsafeMutablePointer(mutating: start)
            count = elements.count
            capacity = 0
        } else {
            capacity = 1
            base = .allocate(capacity: 1)
        }
    }

    deinit { if capacity > 0 { base.deallocate() } }

    var last: Element? { count > 0 ? base[count - 1] : nil }

    func append(_ value: Element) {
        // A borrowed buffer's capacity is 0: below its count.
        if count >= capacity { own(capacity: max(count * 2, 1)) }
        base[count] = value
        count += 1
    }

    /// Moves the elements to memory of its own with room for `capacity`.
    private func own(capacity grown: Int) {
        let fresh = UnsafeMutablePointer<Element>.allocate(capacity: grown)
        fresh.update(from: base, count: count)
        if capacity > 0 { base.deallocate() }
        base = fresh
        capacity = grown
    }

    subscript(i: Int) -> Element {
        get {
            precondition(i >= 0 && i < count, "column index out of range")
            return base[i]
        }
        set {
            precondition(i >= 0 && i < count, "column index out of range")
            if capacity == 0 { own(capacity: count) }
            base[i] = newValue
        }
    }

    var elements: UnsafeBufferPointer<Element> { UnsafeBufferPointer(start: base, count: count) }
}
