/// How words are written across a document: a sentence-initial or all-capitals word is
/// easier to read once the same word is seen capitalised inside a sentence, or in lower case,
/// elsewhere in the story.
struct DocumentContext: Sendable {
    /// Lower-case forms of words written with a capital inside a sentence (not in a headline
    /// in capitals).
    private(set) var capitalisedInside: Set<String> = []
    /// Words written all in lower case.
    private(set) var lowerCase: Set<String> = []
    init(_ sentences: [[String]]) {
        for sentence in sentences {
            let shouting = sentence.filter { $0.count > 1 && $0 == $0.uppercased() && $0 != $0.lowercased() }.count * 2 > sentence.count
            for (i, word) in sentence.enumerated() {
                guard let first = word.first, first.isLetter else { continue }
                if word == word.lowercased() {
                    lowerCase.insert(word)
                } else if i > 0, !shouting, first.isUppercase {
                    capitalisedInside.insert(word.lowercased())
                }
            }
        }
    }
}
