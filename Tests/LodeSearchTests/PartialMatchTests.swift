import LodeSearch
import Testing

private func document(_ id: String, version: Int64, _ body: String) -> SearchDocument {
    SearchDocument(id: id, version: version, headline: "", source: "Test Wire", date: nil, paragraphs: [body])
}

@Suite struct PartialMatchTests {
    let index: SearchIndex

    init() {
        index = SearchIndex()
        index.add([
            document("all", version: 1, "Gallium and germanium export controls were tightened."),
            document("three", version: 2, "Gallium and germanium export volumes fell in May."),
            document("two", version: 3, "Gallium export prices rose."),
            document("steel", version: 4, "Gallium germanium export of steel."),
            document("other", version: 5, "Wheat harvests were late this year."),
        ])
    }

    @Test func fullMatchesComeFirstThenTheDocumentsHoldingMostWords() throws {
        let results = try index.search("gallium germanium export controls -steel")
        #expect(results.hits.map(\.id) == ["all", "three", "two"])
        #expect(results.hits.map(\.clausesHeld) == [nil, 3, 2])
        #expect(results.total == 1)
        #expect(results.partialTotal == 2)
        #expect(results.clauses == 4)
    }

    @Test func aWordNoDocumentHasStillLeavesTheOthersToMatch() throws {
        let results = try index.search("gallium germanium licences")
        #expect(results.total == 0)
        #expect(results.hits.first?.clausesHeld == 2)
        #expect(Set(results.hits.prefix(3).map(\.id)) == ["all", "three", "steel"])
    }

    @Test func aFullPageOfFullMatchesIsNotCompleted() throws {
        var options = SearchOptions()
        options.limit = 2
        let results = try index.search("gallium export", options: options)
        #expect(results.hits.allSatisfy { $0.clausesHeld == nil })
        #expect(results.partialTotal == 0)
    }

    @Test func partialHitsPageOnFromTheFullMatches() throws {
        var options = SearchOptions()
        options.limit = 1
        options.offset = 1
        let results = try index.search("gallium germanium export controls -steel", options: options)
        #expect(results.hits.map(\.id) == ["three"])
        options.offset = 2
        #expect(try index.search("gallium germanium export controls -steel", options: options).hits.map(\.id) == ["two"])
    }

    @Test func oneWordQueriesAndDisjunctionsAreNotCompleted() throws {
        #expect(try index.search("controls").hits.map(\.id) == ["all"])
        let results = try index.search("controls OR wheat")
        #expect(Set(results.hits.map(\.id)) == ["all", "other"])
        #expect(results.clauses == 0)
    }

    @Test func wordsWithAnApostropheMatchTheirJoinedForm() throws {
        let cities = SearchIndex()
        cities.add([document("apostrophe", version: 1, "Flights to Xi'an resumed."), document("joined", version: 2, "Xian airport reopened.")])
        #expect(Set(try cities.search("Xian").hits.map(\.id)) == ["apostrophe", "joined"])
        #expect(Set(try cities.search("Xi’an").hits.map(\.id)) == ["apostrophe", "joined"])
    }
}
