/// What copy detection knows of a text: MinHash signatures of its words (five-word shingles)
/// and of its names and numbers in order (two-name shingles). The first finds reprints that
/// trim, reorder or lightly edit; the second rewrites that change the words around the facts.
public struct CopySignature: Equatable, Sendable {
    public let text: MinHashSignature
    public let names: MinHashSignature

    public init(text: MinHashSignature, names: MinHashSignature) {
        self.text = text
        self.names = names
    }

    /// Signatures of `body` with the hashers copy detection uses.
    public init(of body: String) {
        self.init(text: Self.textHasher.signature(of: body), names: Self.namesHasher.namesSignature(of: body))
    }

    static let textHasher = MinHasher()
    static let namesHasher = MinHasher(shingleSize: 2)
}
