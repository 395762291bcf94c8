/// One line of a score's explanation: what, the value, and its parts one level deeper.
public struct Explanation: Equatable, Sendable {
    public var description: String
    public var value: Double
    public var depth: Int

    public init(_ description: String, _ value: Double, depth: Int) {
        self.description = description
        self.value = value
        self.depth = depth
    }
}
