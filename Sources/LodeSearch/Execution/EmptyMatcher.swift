/// Matches no document.
final class EmptyMatcher: Matcher {
    override init() {
        super.init()
        doc = Matcher.end
    }

    override func next() {}
    override func advance(to target: UInt32) {}
}
