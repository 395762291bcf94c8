import Foundation
import LodeCorpus
import LodeSearch
import LodeText
import Testing

private func document(_ id: String, version: Int64 = 1, headline: String = "", source: String = "Test Wire",
                      date: String? = nil, _ paragraphs: String...) -> SearchDocument {
    SearchDocument(id: id, version: version, headline: headline, source: source,
                   date: date.flatMap { DateFinder.firstDate(in: $0)?.date }, paragraphs: paragraphs)
}

private func ids(_ index: SearchIndex, _ query: String, _ options: SearchOptions = SearchOptions()) throws -> [String] {
    try index.search(query, options: options).hits.map(\.id)
}

@Suite struct SearchIndexTests {
    let index: SearchIndex

    init() throws {
        index = SearchIndex()
        index.add(try Corpora.seeds() + [
            document("adjacent", headline: "Magnet makers meet", date: "2019-05-02", "Rare earth prices rose in May."),
            document("apart", headline: "Steel output", date: "2015-03-01", "Earth moving is rare in the steel trade."),
            document("hyphen", headline: "Exports", source: "Daily Ledger", date: "2017-07-07", "The rare-earth exports fell sharply."),
            document("alliances", headline: "Industry groups", date: "2018-01-09", "Three alliances formed among producers."),
        ])
    }

    @Test func phraseQueryMatchesOnlyAdjacentWords() throws {
        let hits = try ids(index, "\"rare earth\"")
        #expect(hits.contains("adjacent"))
        #expect(hits.contains("hyphen"))
        #expect(!hits.contains("apart"))
        #expect(try Set(ids(index, "rare earth")).isSuperset(of: ["adjacent", "apart", "hyphen"]))
    }

    @Test func stemmingFindsOtherFormsOfAWord() throws {
        #expect(try ids(index, "alliance").contains("alliances"))
        #expect(try ids(index, "alliances").contains("003"))
    }

    @Test func fuzzyWordToleratesATransposition() throws {
        #expect(try ids(index, "Baotou").contains("003"))
        #expect(try ids(index, "Baotuo").isEmpty)
        #expect(try ids(index, "Baotuo~").contains("003"))
        #expect(try ids(index, "Bautuo~2").contains("003"))
    }

    @Test func prefixExpandsToWordsAsWritten() throws {
        #expect(try ids(index, "allian*").contains("alliances"))
        #expect(try ids(index, "magnet*").contains("adjacent"))
    }

    @Test func exclusionsFieldsAndDatesNarrowResults() throws {
        #expect(try !ids(index, "rare -steel").contains("apart"))
        #expect(try ids(index, "headline:steel") == ["apart"])
        #expect(try ids(index, "rare date:2016..2017").sorted() == ["003", "hyphen"])
        #expect(try ids(index, "rare date:..2015-12-31") == ["apart"])
        #expect(try ids(index, "source:xinhua rare") == ["003"])
        var options = SearchOptions()
        options.sources = ["daily ledger"]
        #expect(try ids(index, "rare", options) == ["hyphen"])
    }

    @Test func booleanOperatorsCombine() throws {
        let either = try Set(ids(index, "alliances OR magnet"))
        #expect(either == ["alliances", "adjacent", "003", "000"])
        #expect(try ids(index, "(steel OR exports) AND fell") == ["hyphen"])
        #expect(try Set(ids(index, "date:2018..2019")) == ["alliances", "adjacent"])
    }

    @Test func sortsByDateAndCountsFacets() throws {
        var options = SearchOptions()
        options.sort = .newest
        options.facets = [.source, .year]
        let results = try index.search("rare", options: options)
        #expect(results.hits.map(\.id) == ["adjacent", "hyphen", "003", "apart", "000"])
        #expect(results.total == 5)
        #expect(results.facets[.source]?.first?.value == "Test Wire")
        #expect(results.facets[.year]?.first { $0.value == "2016" }?.count == 1)
    }

    @Test func newerVersionReplacesAndOlderIsIgnored() throws {
        index.add([document("adjacent", version: 2, "Gallium prices rose.")])
        #expect(try ids(index, "gallium") == ["adjacent"])
        #expect(try !ids(index, "\"rare earth\"").contains("adjacent"))
        index.add([document("adjacent", version: 1, "Germanium prices rose.")])
        #expect(try ids(index, "germanium").isEmpty)
        #expect(index.remove(ids: ["adjacent", "nonexistent"]) == 1)
        #expect(try ids(index, "gallium").isEmpty)
    }

    @Test func badQueriesSayWhereAndWhy() {
        #expect(throws: QueryError.self) { try index.search("\"rare earth") }
        #expect(throws: QueryError(message: "&& has no letters or digits to search for", position: 5)) { try index.search("rare &&") }
        // The word the index refused, not the first place its text appears.
        #expect(throws: QueryError(message: "rare-earth must be one word to expand with * or ~", position: 11)) {
            try index.search("rare-earth rare-earth*")
        }
        #expect(throws: QueryError(message: "the phrase \"&& ##\" has no letters or digits", position: 5)) {
            try index.search(#"rare "&& ##""#)
        }
        #expect(throws: QueryError.self) { try index.search("-steel") }
        #expect(throws: QueryError.self) { try index.search("date:2019..2016 rare") }
    }

    @Test func explainShowsTheScoreParts() throws {
        let top = try index.search("rare earth alliance").hits[0]
        let explanation = try #require(try index.explain("rare earth alliance", id: top.id))
        #expect(abs(explanation.score - top.score) < 1e-4)
        #expect(explanation.lines.contains { $0.description.hasPrefix("term allianc") })
        #expect(try index.explain("rare", id: "missing") == nil)
    }

    @Test func suggestionsCompleteAndCorrect() {
        #expect(index.completions(of: "Bao", limit: 5).map(\.word) == ["baotou"])
        #expect(index.correction(of: "Baotuo alliance") == "baotou alliance")
        #expect(index.correction(of: "rare earth") == nil)
        // Words are corrected where they stand, whatever surrounds them; phrases, prefixes,
        // names and queries that do not parse are left as typed.
        #expect(index.correction(of: "(Baotuo OR  rare) headline:allaince") == "(baotou OR  rare) headline:alliance")
        #expect(index.correction(of: #""Baotuo alliance" Baotuo*"#) == nil)
        #expect(index.correction(of: "person:Baotuo") == nil)
        #expect(index.correction(of: "(Baotuo") == nil)
    }
}
