import LodeText
import Testing

@Suite struct TokenizerTests {
    private func words(_ text: String) -> [String] { Tokenizer.tokens(in: text).map(\.text) }

    @Test func hyphenatedWordsMatchTheirSpacedForm() {
        #expect(words("rare-earth cluster") == words("Rare earth cluster"))
        #expect(words("rare-earth cluster") == ["rare", "earth", "cluster"])
    }

    @Test func caseAndDiacriticsFold() {
        #expect(words("Café ÉLAN naïve Zürich") == ["cafe", "elan", "naive", "zurich"])
    }

    @Test func numbersStayWhole() {
        let tokens = Tokenizer.tokens(in: "14 billion yuan (2.1 billion U.S. dollars), 52,000 tons, 70 percent")
        #expect(tokens.map(\.text) == ["14", "billion", "yuan", "2.1", "billion", "u", "s", "dollars", "52000", "tons", "70", "percent"])
        #expect(tokens.filter(\.isNumber).map(\.text) == ["14", "2.1", "52000", "70"])
    }

    @Test func possessivesDropTheirS() {
        #expect(words("China's Inner Mongolia, Baotou’s output, it's") == ["china", "inner", "mongolia", "baotou", "output", "it"])
    }

    @Test func anApostropheInsideAWordJoinsIt() {
        #expect(words("Xi'an") == ["xian"])
        #expect(words("Xi’an") == words("Xian"))
        #expect(words("O'Brien don't rock'n'roll") == ["obrien", "dont", "rocknroll"])
        let bytes = Array("in Xi’an today".utf8)
        let token = Tokenizer.tokens(in: "in Xi’an today")[1]
        #expect(String(decoding: bytes[token.start..<token.end], as: UTF8.self) == "Xi’an")
    }

    @Test func anElidedArticleIsDropped() {
        #expect(words("l'Europe, Côte d’Ivoire, dell'Italia") == ["europe", "cote", "ivoire", "italia"])
    }

    @Test func apostrophesAtWordEdgesStillSeparate() {
        #expect(words("'quoted' the '90s rock' n roll") == ["quoted", "the", "90s", "rock", "n", "roll"])
    }

    @Test func offsetsPointAtTheOriginalSpelling() {
        let text = "Xiongan’s «rare-earth» Café"
        let bytes = Array(text.utf8)
        let spans = Tokenizer.tokens(in: text).map { String(decoding: bytes[$0.start..<$0.end], as: UTF8.self) }
        #expect(spans == ["Xiongan", "rare", "earth", "Café"])
        #expect(Tokenizer.tokens(in: text).map(\.position) == [0, 1, 2, 3])
    }

    @Test func ideographsAreTokensOfTheirOwn() {
        #expect(words("Baotou 包头 rare earth 稀土") == ["baotou", "包", "头", "rare", "earth", "稀", "土"])
    }

    @Test func textWithoutLettersOrWithBrokenBytesIsSafe() {
        #expect(words("... --- !!! ???").isEmpty)
        #expect(words("").isEmpty)
        #expect(words(String(decoding: [0x61, 0xFF, 0x62, 0xC3], as: UTF8.self)) == ["a", "b"])
    }
}

@Suite struct AnalyzerTests {
    private let analyzer = Analyzer()

    @Test func stemmingJoinsWordForms() {
        let terms = { (text: String) in analyzer.terms(text).map(\.text) }
        #expect(terms("alliances") == terms("alliance"))
        #expect(terms("smelting smelters") == [terms("smelt")[0], terms("smelter")[0]])
        #expect(terms("2016 14") == ["2016", "14"], "numbers are not stemmed")
    }

    @Test func unknownLanguageHasNoStemmer() {
        #expect(Stemmer(language: "klingon") == nil)
        #expect(Stemmer(language: "german")?.stem("häuser") == "haus")
    }
}

@Suite struct WordTokenizerTests {
    @Test func punctuationStandsAloneAndAbbreviationsStayWhole() {
        let words = WordTokenizer.words(in: "Zhang Zhong, chairman of China Northern Rare Earth (Group) Hi-Tech Co. Ltd., said the U.S. wasn't \"ready\".")
        #expect(words.map(\.text) == ["Zhang", "Zhong", ",", "chairman", "of", "China", "Northern", "Rare", "Earth", "(", "Group", ")",
                                      "Hi-Tech", "Co.", "Ltd.", ",", "said", "the", "U.S.", "was", "n't", "\"", "ready", "\"", "."])
        #expect(WordTokenizer.words(in: "China's 2.1 billion").map(\.text) == ["China", "'s", "2.1", "billion"])
    }

    @Test func sentencesEndAtStopsAndLineBreaks() {
        let sentences = WordTokenizer.sentences(in: "It rose 5 percent. Prices fell\nBAOTOU, Aug. 10 (Xinhua) -- A new alliance.")
        #expect(sentences.map { $0.map(\.text).joined(separator: " ") } == [
            "It rose 5 percent .", "Prices fell", "BAOTOU , Aug. 10 ( Xinhua ) -- A new alliance .",
        ])
    }
}
