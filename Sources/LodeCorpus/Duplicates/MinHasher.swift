/// MinHash signatures over word shingles: two texts' signatures agree in about the same
/// share of positions as their shingle sets overlap (Jaccard similarity), whatever the
/// texts' lengths, so syndicated copies with small edits still match.
public struct MinHasher: Sendable {
    /// Signature length: more is more precise (error about 1/sqrt(count)).
    public let permutations: Int
    /// Words per shingle.
    public let shingleSize: Int
    public init(permutations: Int = 128, shingleSize: Int = 5) {
        precondition(permutations > 0 && shingleSize > 0)
        self.permutations = permutations
        self.shingleSize = shingleSize
    }

    /// The signature of `text`, read as lower-cased words of letters and digits.
    public func signature(of text: String) -> MinHashSignature { signature(ofWords: Self.words(text)) }

    /// The signature of the names and numbers in `text`, in order ("Zimbabwe", "Reuters",
    /// "678"): what survives when a story is rewritten, paraphrased or translated again.
    public func namesSignature(of text: String) -> MinHashSignature { signature(ofWords: Self.words(text, namesOnly: true)) }

    /// The signature of words given as hashes.
    func signature(ofWords words: [UInt64]) -> MinHashSignature {
        guard !words.isEmpty else { return MinHashSignature(values: [], shingles: 0) }
        // Eight hash functions at a time, in vector lanes; the rest one by one.
        let lanes = permutations / 8
        var vectors = [SIMD8<UInt64>](repeating: SIMD8(repeating: .max), count: lanes)
        var rest = [UInt64](repeating: .max, count: permutations - lanes * 8)
        let offsets = SIMD8<UInt64>(0, 1, 2, 3, 4, 5, 6, 7)
        let n = max(1, words.count - shingleSize + 1)
        vectors.withUnsafeMutableBufferPointer { minima in
            for start in 0..<n {
                var h: UInt64 = 0xCBF2_9CE4_8422_2325
                for w in words[start..<min(words.count, start + shingleSize)] {
                    h = (h ^ w) &* 0x0000_0100_0000_01B3
                }
                // Kirsch-Mitzenmacher: the i-th hash is a + i*b, from two independent mixes of
                // the shingle, as good for MinHash as independent hash functions and far cheaper.
                let a = Self.mix(h ^ 0x4C4F_4445_5F4D_4831), b = Self.mix(h ^ 0x9E37_79B9_7F4A_7C15) | 1
                var v = SIMD8(repeating: a) &+ offsets &* SIMD8(repeating: b)
                let step = SIMD8(repeating: b &* 8)
                for i in 0..<lanes {
                    minima[i] = pointwiseMin(minima[i], v)
                    v &+= step
                }
                var scalar = a &+ UInt64(lanes * 8) &* b
                for i in rest.indices {
                    if scalar < rest[i] { rest[i] = scalar }
                    scalar &+= b
                }
            }
        }
        var values: [UInt64] = []
        values.reserveCapacity(permutations)
        for v in vectors { for lane in 0..<8 { values.append(v[lane]) } }
        return MinHashSignature(values: values + rest, shingles: n)
    }

    /// Each word as a 64-bit FNV-1a hash of its lower-cased letters and digits; with
    /// `namesOnly`, only numbers and words written with a capital that do not open a sentence
    /// (a template's "Net", "Shr", "The" open theirs). Works on UTF-8 bytes: ASCII by table,
    /// anything else by its Unicode properties.
    static func words(_ text: String, namesOnly: Bool = false) -> [UInt64] {
        var out: [UInt64] = []
        out.reserveCapacity(text.utf8.count / 5)
        let offset: UInt64 = 0xCBF2_9CE4_8422_2325, prime: UInt64 = 0x0000_0100_0000_01B3
        var h = offset
        var inWord = false
        var keep = true
        var opensSentence = true
        func end() {
            if inWord {
                if keep { out.append(h) }
                opensSentence = false
            }
            h = offset
            inWord = false
        }
        for scalar in text.unicodeScalars {
            let v = scalar.value
            if v < 0x80 {
                let byte = UInt8(v)
                switch byte {
                case UInt8(ascii: "a")...UInt8(ascii: "z"):
                    if !inWord { keep = !namesOnly }
                    h = (h ^ UInt64(byte)) &* prime
                    inWord = true
                case UInt8(ascii: "0")...UInt8(ascii: "9"):
                    if !inWord { keep = true }
                    h = (h ^ UInt64(byte)) &* prime
                    inWord = true
                case UInt8(ascii: "A")...UInt8(ascii: "Z"):
                    if !inWord { keep = !namesOnly || !opensSentence }
                    h = (h ^ UInt64(byte | 0x20)) &* prime
                    inWord = true
                case UInt8(ascii: "."):
                    // A full stop joins what stands either side of it ("1.25", "U.S.") and opens
                    // no sentence: every stored signature was made so, and reading it otherwise
                    // needs them all made again.
                    continue
                case UInt8(ascii: ",") where namesOnly && inWord:
                    // Numbers stay whole: "52,000" is one word.
                    continue
                default:
                    end()
                    if byte == UInt8(ascii: "!") || byte == UInt8(ascii: "?") || byte == 0x0A {
                        opensSentence = true
                    }
                }
            } else if scalar.properties.isAlphabetic {
                if !inWord { keep = !namesOnly || (scalar.properties.isUppercase && !opensSentence) }
                for lower in scalar.properties.lowercaseMapping.unicodeScalars { h = (h ^ UInt64(lower.value)) &* prime }
                inWord = true
            } else {
                end()
            }
        }
        end()
        return out
    }

    private static func mix(_ x: UInt64) -> UInt64 {
        var z = x
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// A text's MinHash signature, with the number of shingles it was made from.
public struct MinHashSignature: Equatable, Sendable {
    public let values: [UInt64]
    public let shingles: Int

    public init(values: [UInt64], shingles: Int) {
        self.values = values
        self.shingles = shingles
    }

    /// Estimated Jaccard similarity of the two texts' shingle sets, 0 to 1.
    public func similarity(to other: MinHashSignature) -> Double {
        guard !values.isEmpty, values.count == other.values.count else { return 0 }
        var same = 0
        for i in values.indices where values[i] == other.values[i] { same += 1 }
        return Double(same) / Double(values.count)
    }

    /// Estimated share of the smaller text's shingles found in the other, 0 to 1: high for a
    /// copy that trims or adds a paragraph, where Jaccard similarity drops with the length gap.
    public func containment(with other: MinHashSignature) -> Double {
        Self.containment(similarity: similarity(to: other), shingles, other.shingles)
    }

    /// The containment of two texts of `a` and `b` shingles whose Jaccard similarity is `j`.
    static func containment(similarity j: Double, _ a: Int, _ b: Int) -> Double {
        let smaller = min(a, b)
        guard smaller > 0 else { return 0 }
        let overlap = j * Double(a + b) / (1 + j)
        return min(1, overlap / Double(smaller))
    }
}
