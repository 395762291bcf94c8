/// Turns a token in its sentence into hashed features: the word and its lower-case form,
/// shape, prefixes and suffixes, capitalisation in context, the words and shapes around it,
/// the tags already given to the two words before it, gazetteer hits, word clusters, and how
/// the word is written elsewhere in its document. Each word's parts are hashed once per
/// sentence; a feature mixes a template number with up to three part hashes, so extracting
/// one builds no strings.
struct FeatureExtractor: Sendable {
    let gazetteer: Gazetteer
    let clusters: WordClusters

    /// What a word's context features are made of: the parts of its type its neighbours'
    /// features read (the rest stay in its ``WordTypes/Entry``) and how it stands in its
    /// sentence and document. Small, as a sentence's words are copied and read often.
    struct Word {
        /// Its entry in the ``WordTypes`` it was read with.
        let type: Int32
        let lower: UInt64
        let shape: UInt64
        let fine: UInt64
        let coarse: UInt64
        let gazetteerTypes: UInt8
        let isTitle: Bool
        let isLegalForm: Bool
        /// Elsewhere in the document: capitalised inside a sentence; written in lower case.
        let capitalisedElsewhere: Bool
        let lowerElsewhere: Bool
        /// The first reading's type for this word in the document, 0 for none.
        var guess: UInt64

        func guessing(_ guess: UInt64) -> Word {
            var w = self
            w.guess = guess
            return w
        }
    }

    /// Stands for the words before the first and after the last.
    private static let start = Self.hash("<s>"), end = Self.hash("</s>")

    /// The types of a sentence's words in `types`, each put there the first time.
    func types(_ sentence: [String], in types: WordTypes) -> [Int32] { sentence.map { types.entry($0, entry) } }

    /// A sentence's words, given as their types in `types`.
    func words(_ numbers: [Int32], in document: DocumentContext, types: WordTypes) -> [Word] {
        let own = numbers.map { types.entries[Int($0)] }
        let spans = gazetteer.matches(own) { types.lowerTexts[Int(numbers[$0])] }
        return own.indices.map { i in
            let lower = types.lowerType(numbers[i]), e = own[i]
            return Word(type: numbers[i], lower: e.lower, shape: e.shape, fine: e.fine, coarse: e.coarse, gazetteerTypes: spans[i],
                        isTitle: e.isTitle, isLegalForm: e.isLegalForm, capitalisedElsewhere: document.capitalisedInside(lower),
                        lowerElsewhere: document.writtenInLowerCase(lower), guess: 0)
        }
    }

    /// The parts of a word's features that depend on the word alone.
    private func entry(_ w: String, lower: String) -> WordTypes.Entry {
        let cluster = clusters.cluster(of: lower)
        let scalars = Array(lower.unicodeScalars)
        var prefixes = SIMD4<UInt64>(), suffixes = SIMD4<UInt64>()
        for n in 1...4 where scalars.count >= n {
            prefixes[n - 1] = Self.hash(scalars.prefix(n))
            suffixes[n - 1] = Self.hash(scalars.suffix(n))
        }
        let listing = gazetteer.listing(ofLowerCase: lower)
        return WordTypes.Entry(text: Self.hash(w), lower: Self.hash(lower), shape: Self.hash(Self.shape(w)), prefixes: prefixes,
                               suffixes: suffixes, fine: cluster.map { UInt64($0.fine) + 1 } ?? 0,
                               coarse: cluster.map { UInt64($0.coarse) + 1 } ?? 0, writing: WordTypes.Writing(w, lower: lower),
                               listed: listing.bits, longestListed: listing.longest,
                               isTitle: gazetteer.isTitle(lower), isLegalForm: gazetteer.isOrganisationSuffix(lower))
    }

    /// Features of word `i`, whose type's entry is `own`, given the tags of the two before
    /// it, into `out` (cleared first): the word's own, those its neighbours give it, then the
    /// rest of its context.
    func features(_ words: [Word], _ i: Int, own: WordTypes.Entry, previous: EntityTag, beforePrevious: EntityTag,
                  into out: inout [UInt64]) {
        out.removeAll(keepingCapacity: true)
        ownFeatures(own, into: &out)
        for part in WordTypes.Part.neighbours {
            let j = i + part.offset
            if words.indices.contains(j) { neighbourFeatures(lower: words[j].lower, shape: words[j].shape, as: part, into: &out) }
            else { boundaryFeatures(as: part, into: &out) }
        }
        let context = out.count
        contextFeatures(words, i, into: &out)
        setTags(previous, beforePrevious, of: words[i], in: &out, at: context)
    }

    /// The features a word type decides alone, whatever its context, appended to `out`.
    func ownFeatures(_ w: WordTypes.Entry, into out: inout [UInt64]) {
        out.append(Self.mix(1, 0, 0, 0))
        out.append(Self.mix(2, w.text, 0, 0))
        out.append(Self.mix(3, w.lower, 0, 0))
        out.append(Self.mix(4, w.shape, 0, 0))
        for n in 0..<4 where w.prefixes[n] != 0 {
            out.append(Self.mix(5 + UInt64(n), w.prefixes[n], 0, 0))
            out.append(Self.mix(9 + UInt64(n), w.suffixes[n], 0, 0))
        }
        out.append(Self.mix(33, w.fine, 0, 0))
        out.append(Self.mix(34, w.coarse, w.shape, 0))
    }

    /// The features a word whose lower-case form and shape hash to `lower` and `shape` gives
    /// the word `part` says it stands next to, appended to `out`: its lower-case form and shape
    /// to the words right after and before it, its lower-case form to those two away.
    func neighbourFeatures(lower: UInt64, shape: UInt64, as part: WordTypes.Part, into out: inout [UInt64]) {
        switch part {
        case .own: preconditionFailure("a word's own features are ownFeatures")
        case .previous:
            out.append(Self.mix(13, lower, 0, 0))
            out.append(Self.mix(17, shape, 0, 0))
        case .next:
            out.append(Self.mix(14, lower, 0, 0))
            out.append(Self.mix(18, shape, 0, 0))
        case .secondPrevious: out.append(Self.mix(15, lower, 0, 0))
        case .secondNext: out.append(Self.mix(16, lower, 0, 0))
        }
    }

    /// The features the start or the end of a sentence gives a word where `part` finds no
    /// neighbour, appended to `out`.
    func boundaryFeatures(as part: WordTypes.Part, into out: inout [UInt64]) {
        let edge = part.offset < 0 ? Self.start : Self.end
        neighbourFeatures(lower: edge, shape: edge, as: part, into: &out)
    }

    /// The features of word `i` in its sentence other than its own and its neighbours',
    /// appended to `out`; the first three, those of the tags before it, are left as 0 for
    /// ``setTags(_:_:of:in:at:)`` to set once the tags are known, so that the rest can be
    /// made (and looked up) ahead of decoding.
    func contextFeatures(_ words: [Word], _ i: Int, into out: inout [UInt64]) {
        let w = words[i]
        let prev = i > 0 ? words[i - 1] : nil, next = i + 1 < words.count ? words[i + 1] : nil
        let prevLower = prev?.lower ?? Self.start, nextLower = next?.lower ?? Self.end
        let prevShape = prev?.shape ?? Self.start, nextShape = next?.shape ?? Self.end
        let first: UInt64 = i == 0 ? 1 : 2
        func add(_ template: UInt64, _ a: UInt64 = 0, _ b: UInt64 = 0, _ c: UInt64 = 0) { out.append(Self.mix(template, a, b, c)) }
        out.append(contentsOf: repeatElement(0, count: 3))
        add(22, first, w.shape)
        add(23, prevShape, w.shape, nextShape)
        add(24, prevLower, w.lower)
        add(25, w.lower, nextLower)
        for bit in 0..<8 where w.gazetteerTypes & (1 << bit) != 0 {
            add(26, UInt64(bit))
            add(27, UInt64(bit), w.shape)
        }
        if let next, next.isLegalForm { add(28, w.shape) }
        if let prev, prev.isTitle { add(29, w.shape) }
        add(35, prev?.fine ?? Self.start, w.fine)
        add(36, w.fine, next?.fine ?? Self.end)
        add(37, prev?.coarse ?? Self.start, w.coarse, next?.coarse ?? Self.end)
        if w.guess != 0 {
            add(38, w.guess)
            add(39, w.guess, w.shape)
            add(40, w.guess, prev?.guess ?? 0, next?.guess ?? 0)
        }
        if w.capitalisedElsewhere { add(30, first, w.shape) }
        if w.lowerElsewhere { add(31, first, w.shape) }
    }

    /// Sets the features of the tags before word `w` among its context features, which
    /// ``contextFeatures(_:_:into:)`` put in `features` from `start`.
    @inline(__always)
    func setTags(_ previous: EntityTag, _ beforePrevious: EntityTag, of w: Word, in features: inout [UInt64], at start: Int) {
        let tag1 = UInt64(previous.index), tag2 = UInt64(beforePrevious.index)
        features[start] = Self.mix(19, tag1, 0, 0)
        features[start + 1] = Self.mix(20, tag2, tag1, 0)
        features[start + 2] = Self.mix(21, tag1, w.lower, 0)
    }

    /// "Xxxx" → "Xx", "IBM" → "X", "1996-08-22" → "d-d-d", "U.S." → "X.X.".
    static func shape(_ word: String) -> String {
        if word.utf8.allSatisfy({ $0 < 0x80 }) {
            // ASCII, byte by byte: Character's Unicode properties cost a table lookup each.
            var out: [UInt8] = []
            var last: UInt8 = 0x20
            for b in word.utf8 {
                let s: UInt8 = (0x41...0x5A).contains(b) ? 0x58 : (0x61...0x7A).contains(b) ? 0x78 : (0x30...0x39).contains(b) ? 0x64 : b
                if s != last { out.append(s) }
                last = s
            }
            return String(decoding: out, as: UTF8.self)
        }
        var out = ""
        var last: Character = " "
        for c in word {
            let s: Character = c.isUppercase ? "X" : c.isLowercase ? "x" : c.isNumber ? "d" : c
            if s != last { out.append(s) }
            last = s
        }
        return out
    }

    /// FNV-1a over a text's UTF-8, read in place when the text's storage is contiguous.
    static func hash(_ text: String) -> UInt64 {
        text.utf8.withContiguousStorageIfAvailable { hash($0) } ?? hash(text.utf8)
    }

    /// FNV-1a over bytes; from `start`, the hash of the bytes before them, to go on with a text.
    static func hash(_ bytes: some Sequence<UInt8>, from start: UInt64 = 0xCBF2_9CE4_8422_2325) -> UInt64 {
        var h = start
        for b in bytes { h = (h ^ UInt64(b)) &* 0x0000_0100_0000_01B3 }
        return h
    }

    static func hash(_ scalars: ArraySlice<Unicode.Scalar>) -> UInt64 {
        var h: UInt64 = 0xCBF2_9CE4_8422_2325
        for s in scalars { h = (h ^ UInt64(s.value)) &* 0x0000_0100_0000_01B3 }
        return h | 1
    }

    /// A template and up to three values into one feature (splitmix64 finalisers).
    @inline(__always)
    static func mix(_ template: UInt64, _ a: UInt64, _ b: UInt64, _ c: UInt64) -> UInt64 {
        @inline(__always) func step(_ h: UInt64, _ v: UInt64) -> UInt64 {
            let x = h ^ (v &+ 0x9E37_79B9_7F4A_7C15 &+ (h << 6) &+ (h >> 2))
            return (x ^ (x >> 30)) &* 0xBF58_476D_1CE4_E5B9
        }
        let h = step(step(step(template &* 0x9E37_79B9_7F4A_7C15, a), b), c)
        return h ^ (h >> 31)
    }
}
