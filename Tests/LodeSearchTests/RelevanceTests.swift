import LodeSearch
import Testing

/// Ranking on real news: Reuters-21578 with its hand-assigned topics as the judge.
@Suite struct RelevanceTests {
    let index = Corpora.reutersIndex
    let topics = Dictionary(uniqueKeysWithValues: Corpora.reuters.map { ($0.document.id, Set($0.topics)) })

    @Test(arguments: ["coffee", "gold", "crude", "cocoa", "sugar", "copper"])
    func topicNamePutsArticlesOfThatTopicInTheTopTen(topic: String) throws {
        let hits = try index.search(topic).hits
        #expect(hits.count == 10)
        let labelled = hits.filter { topics[$0.id]?.contains(topic) == true }.count
        #expect(labelled >= 8, "\(topic): \(labelled) of the top 10 are labelled \(topic)")
    }

    @Test(arguments: ["crude OR gold", "oil OR prices OR opec", "the OR coffee", "bank OR rate OR interest OR dollar",
                      "said", "the", "oil prices", "the company said", "\"the company\"", "headline:oil", "year -said",
                      "\"crude oil\" prices", "\"interest rates\"", "\"the company said\"", "\"oil prices\" OR gold", "\"the\" \"said\""])
    func skippingGivesTheSameTopTenAsScoringEverything(query: String) throws {
        let fast = try index.search(query)
        var exhaustive = SearchOptions()
        exhaustive.exactTotal = true
        let slow = try index.search(query, options: exhaustive)
        #expect(fast.hits.map(\.id) == slow.hits.map(\.id))
        #expect(fast.total <= slow.total)
        #expect(!slow.totalIsLowerBound)
    }

    @Test func conjunctionTotalIsExactAndHitsMatchEveryWord() throws {
        let results = try index.search("opec production quota")
        #expect(!results.totalIsLowerBound)
        #expect(results.total > 10)
        var byDate = SearchOptions()
        byDate.sort = .newest
        byDate.limit = 1000
        #expect(try index.search("opec production quota", options: byDate).hits.count == results.total)
    }

    @Test func pagesFollowOnWithoutOverlap() throws {
        var first = SearchOptions()
        first.limit = 20
        let all = try index.search("oil prices", options: first).hits.map(\.id)
        var second = SearchOptions()
        second.offset = 10
        let page2 = try index.search("oil prices", options: second).hits.map(\.id)
        #expect(Array(all[10..<20]) == page2)
    }
}
