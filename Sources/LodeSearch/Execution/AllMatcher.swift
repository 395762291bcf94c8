/// Every document `filter` accepts: the base of a query that only filters.
final class AllMatcher: Matcher {
    private let count: UInt32
    private let filter: DocumentFilter

    init(count: Int, filter: DocumentFilter) {
        self.count = UInt32(count)
        self.filter = filter
        super.init()
        doc = 0
        settle()
    }

    private func settle() {
        while doc < count, !filter.accepts(doc) { doc += 1 }
        if doc >= count { doc = Matcher.end }
    }

    override func next() {
        guard doc != Matcher.end else { return }
        doc += 1
        settle()
    }

    override func advance(to target: UInt32) {
        guard doc < target else { return }
        doc = target
        settle()
    }

    override var cost: Int { Int(count) }
}
