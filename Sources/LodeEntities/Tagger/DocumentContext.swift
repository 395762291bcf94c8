/// How words are written across a document: a sentence-initial or all-capitals word is
/// easier to read once the same word is seen capitalised inside a sentence, or in lower case,
/// elsewhere in the story. Kept by the word types (``WordTypes``) of lower-case forms.
struct DocumentContext: Sendable {
    /// Lower-case forms of words written with a capital inside a sentence (not in a headline
    /// in capitals).
    private var capitalised: [UInt64]
    /// Words written all in lower case.
    private var lower: [UInt64]

    /// The context of a document's sentences, given as the types in `types` of their words.
    init(_ sentences: [[Int32]], types: WordTypes) {
        let words = (types.entries.count + 63) / 64
        capitalised = [UInt64](repeating: 0, count: words)
        lower = capitalised
        for sentence in sentences {
            let shouting = sentence.filter { types.entries[Int($0)].writing.contains(.capitals) }.count * 2 > sentence.count
            for (i, type) in sentence.enumerated() {
                let writing = types.entries[Int(type)].writing
                guard writing.contains(.startsWithLetter) else { continue }
                if writing.contains(.lowerCase) {
                    Self.insert(type, into: &lower)
                } else if i > 0, !shouting, writing.contains(.startsWithCapital) {
                    Self.insert(types.lowerType(type), into: &capitalised)
                }
            }
        }
    }

    /// Whether the lower-case form with type `lowerType` is written capitalised inside a sentence.
    func capitalisedInside(_ lowerType: Int32) -> Bool { Self.contains(lowerType, capitalised) }

    /// Whether the lower-case form with type `lowerType` is written so in the document.
    func writtenInLowerCase(_ lowerType: Int32) -> Bool { Self.contains(lowerType, lower) }

    private static func insert(_ type: Int32, into bits: inout [UInt64]) { bits[Int(type) >> 6] |= 1 << UInt64(type & 63) }

    private static func contains(_ type: Int32, _ bits: [UInt64]) -> Bool {
        Int(type) >> 6 < bits.count && bits[Int(type) >> 6] & (1 << UInt64(type & 63)) != 0
    }
}
