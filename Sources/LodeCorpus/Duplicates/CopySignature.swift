/// What copy detection knows of a text: MinHash signatures of its words (five-word shingles)
/// and of its names and numbers in order (two-name shingles), and the band keys that make it
/// a candidate for texts sharing a band. The first finds reprints that trim, reorder or
/// lightly edit; the second rewrites that change the words around the facts.
public struct CopySignature: Equatable, Sendable {
    public let text: MinHashSignature
    public let names: MinHashSignature
    /// Each band of `rows` values hashed with its number, the words' then the names'; computed
    /// once, where pages are prepared on every core, not where they are committed one by one.
    let bands: [UInt64]

    /// Values per band of the words: texts whose shingles overlap by a third become
    /// candidates with probability about 0.8, by a tenth about 0.04.
    static let rows = 3
    /// Values per band of the names, where a rewrite shares fewer: a third's overlap makes a
    /// candidate with probability above 0.99, a tenth about 0.5.
    static let nameRows = 2
    /// Name pairs a text needs before its names alone can make it a copy, and so before they
    /// are banded (few names would also make few distinct minima, shared with many texts).
    public static let bandedNames = 20

    public init(text: MinHashSignature, names: MinHashSignature) {
        self.text = text
        self.names = names
        var bands: [UInt64] = []
        let parts = names.shingles >= Self.bandedNames ? [text, names] : [text]
        for (part, s) in parts.enumerated() where !s.values.isEmpty {
            let rows = part == 0 ? Self.rows : Self.nameRows
            bands.reserveCapacity(bands.count + s.values.count / rows)
            var band = UInt64(part) << 32
            for start in stride(from: 0, to: s.values.count - rows + 1, by: rows) {
                var h: UInt64 = 0xCBF2_9CE4_8422_2325 ^ (band &* 0x9E37_79B9_7F4A_7C15)
                for v in s.values[start..<(start + rows)] { h = (h ^ v) &* 0x0000_0100_0000_01B3 }
                bands.append(h)
                band += 1
            }
        }
        self.bands = bands
    }

    /// Signatures of `body` with the hashers copy detection uses.
    public init(of body: String) {
        self.init(text: Self.textHasher.signature(of: body), names: Self.namesHasher.namesSignature(of: body))
    }

    static let textHasher = MinHasher()
    static let namesHasher = MinHasher(shingleSize: 2)
}
