/// Turns a token in its sentence into hashed features: the word and its lower-case form,
/// shape, prefixes and suffixes, capitalisation in context, the words and shapes around it,
/// the tags already given to the two words before it, gazetteer hits, and how the word is
/// written elsewhere in its document.
struct FeatureExtractor: Sendable {
    let gazetteer: Gazetteer
    let clusters: WordClusters

    /// What the features of a sentence's words are made of, computed once per sentence.
    struct Word {
        let text: String
        let lower: String
        let shape: String
        let gazetteerTypes: UInt8
        /// Elsewhere in the document: capitalised inside a sentence; written in lower case.
        let capitalisedElsewhere: Bool
        let lowerElsewhere: Bool
        /// The word's clusters as text ("f12", "c3"), or "-" when it has none.
        let fine: String
        let coarse: String
    }

    func words(_ sentence: [String], in document: DocumentContext) -> [Word] {
        let spans = gazetteer.matches(in: sentence)
        return sentence.enumerated().map { i, w in
            let lower = w.lowercased()
            let cluster = clusters.cluster(of: lower)
            return Word(text: w, lower: lower, shape: Self.shape(w), gazetteerTypes: spans[i],
                        capitalisedElsewhere: document.capitalisedInside.contains(lower), lowerElsewhere: document.lowerCase.contains(lower),
                        fine: cluster.map { "f\($0.fine)" } ?? "-", coarse: cluster.map { "c\($0.coarse)" } ?? "-")
        }
    }

    /// Features of word `i`, given the tags of the two before it, into `out` (cleared first).
    func features(_ words: [Word], _ i: Int, previous: EntityTag, beforePrevious: EntityTag, into out: inout [UInt64]) {
        out.removeAll(keepingCapacity: true)
        let w = words[i]
        func at(_ j: Int) -> Word? { j >= 0 && j < words.count ? words[j] : nil }
        let prev = at(i - 1), next = at(i + 1), prev2 = at(i - 2), next2 = at(i + 2)
        out.append(Self.hash(1, ""))
        out.append(Self.hash(2, w.text))
        out.append(Self.hash(3, w.lower))
        out.append(Self.hash(4, w.shape))
        let scalars = Array(w.lower.unicodeScalars)
        for n in 1...4 where scalars.count >= n {
            out.append(Self.hash(UInt8(4 + n), String(String.UnicodeScalarView(scalars.prefix(n)))))
            out.append(Self.hash(UInt8(8 + n), String(String.UnicodeScalarView(scalars.suffix(n)))))
        }
        out.append(Self.hash(13, prev?.lower ?? "<s>"))
        out.append(Self.hash(14, next?.lower ?? "</s>"))
        out.append(Self.hash(15, prev2?.lower ?? "<s>"))
        out.append(Self.hash(16, next2?.lower ?? "</s>"))
        out.append(Self.hash(17, prev?.shape ?? "<s>"))
        out.append(Self.hash(18, next?.shape ?? "</s>"))
        out.append(Self.hash(19, previous.description))
        out.append(Self.hash(20, beforePrevious.description + " " + previous.description))
        out.append(Self.hash(21, previous.description + " " + w.lower))
        out.append(Self.hash(22, (i == 0 ? "first " : "") + w.shape))
        out.append(Self.hash(23, (prev?.shape ?? "<s>") + " " + w.shape + " " + (next?.shape ?? "</s>")))
        out.append(Self.hash(24, (prev?.lower ?? "<s>") + " " + w.lower))
        out.append(Self.hash(25, w.lower + " " + (next?.lower ?? "</s>")))
        for bit in 0..<8 where w.gazetteerTypes & (1 << bit) != 0 {
            out.append(Self.hash(26, String(bit)))
            out.append(Self.hash(27, String(bit) + " " + w.shape))
        }
        if let next, gazetteer.isOrganisationSuffix(next.lower) { out.append(Self.hash(28, w.shape)) }
        out.append(Self.hash(33, w.fine))
        out.append(Self.hash(34, w.coarse + " " + w.shape))
        out.append(Self.hash(35, (prev?.fine ?? "<s>") + " " + w.fine))
        out.append(Self.hash(36, w.fine + " " + (next?.fine ?? "</s>")))
        out.append(Self.hash(37, (prev?.coarse ?? "<s>") + " " + w.coarse + " " + (next?.coarse ?? "</s>")))
        if w.capitalisedElsewhere { out.append(Self.hash(30, (i == 0 ? "first " : "") + w.shape)) }
        if w.lowerElsewhere { out.append(Self.hash(31, (i == 0 ? "first " : "") + w.shape)) }
        if let prev, gazetteer.isTitle(prev.lower) { out.append(Self.hash(29, w.shape)) }
    }

    /// "Xxxx" → "Xx", "IBM" → "X", "1996-08-22" → "d-d-d", "U.S." → "X.X.".
    static func shape(_ word: String) -> String {
        var out = ""
        var last: Character = " "
        for c in word {
            let s: Character = c.isUppercase ? "X" : c.isLowercase ? "x" : c.isNumber ? "d" : c
            if s != last { out.append(s) }
            last = s
        }
        return out
    }

    /// FNV-1a over a template number and text.
    static func hash(_ template: UInt8, _ text: String) -> UInt64 {
        var h: UInt64 = 0xCBF2_9CE4_8422_2325
        h = (h ^ UInt64(template)) &* 0x0000_0100_0000_01B3
        for b in text.utf8 { h = (h ^ UInt64(b)) &* 0x0000_0100_0000_01B3 }
        return h
    }
}
