import Foundation
import LodeInput
import LodeCorpus
import LodeSearch

/// Text the search tests index: the seed pages and Reuters-21578, beside the checkout.
enum Corpora {
    static let shared = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("../shared/data").standardized

    /// The two seed pages, cleaned as the corpus service cleans them.
    static func seeds() throws -> [SearchDocument] {
        try ["003_eb09d43d86d3f17b.txt", "000_ca0d623b566459ca.txt"].enumerated().map { i, name in
            let text = try String(contentsOf: shared.appendingPathComponent("seeds/\(name)"), encoding: .utf8)
            let page = PageCleaner.clean(text)
            return SearchDocument(id: String(name.prefix(3)), version: Int64(i + 1), headline: page.headline ?? "",
                                  source: page.source ?? "", date: page.date, paragraphs: page.paragraphs, captions: page.captions)
        }
    }

    struct Article {
        var document: SearchDocument
        var topics: [String]
    }

    /// Reuters-21578 stories with a body, with their topic labels.
    static let reuters: [Article] = {
        let data = try! Gzip.decompress(Data(contentsOf: shared.appendingPathComponent("news/reuters21578.jsonl.gz")))
        var articles: [Article] = []
        for line in data.split(separator: UInt8(ascii: "\n")) {
            guard let record = try? JSONSerialization.jsonObject(with: Data(line)) as? [String: Any],
                  let body = record["body"] as? String, !body.isEmpty, let id = record["id"] as? String else { continue }
            let date = (record["date"] as? String).flatMap { DateFinder.firstDate(in: String($0.prefix(10)))?.date }
            let document = SearchDocument(id: "r" + id, version: Int64(articles.count + 1), headline: record["title"] as? String ?? "",
                                          source: "Reuters", date: date,
                                          paragraphs: body.components(separatedBy: "\n    "))
            articles.append(Article(document: document, topics: record["topics"] as? [String] ?? []))
        }
        return articles
    }()

    /// One index over all of `reuters`, built once per test run.
    static let reutersIndex: SearchIndex = {
        let index = SearchIndex()
        index.add(reuters.map(\.document))
        return index
    }()
}
