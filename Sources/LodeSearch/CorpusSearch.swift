import Foundation
import LodeCorpus
import Synchronization

/// The search index of one document store, kept in step with it and saved beside it.
///
/// At start it loads the index on disk (see ``IndexFolder``), then compares it with the store
/// (id and sequence number): what the store lost is removed, what is new or changed is
/// indexed. A missing or damaged index on disk means indexing everything again. From then on
/// every committed change arrives through ``apply(_:)`` before the call that made it returns,
/// so results are never stale; ``saveIfChanged(merging:)`` writes what came since as a new segment.
public final class CorpusSearch: Sendable {
    private let index: SearchIndex
    private let store: DocumentStore
    private let snapshotPath: String
    /// The entity catalogue's answer to `entity:` filters, when there is one.
    private let entities: EntityLookup?
    /// Changes since the index on disk was last written.
    private let unsaved = Atomic(0)
    /// One save at a time: the periodic saver and the one at shutdown may meet.
    private let saving = Mutex(())

    /// Documents read from the store per step when catching up.
    static let batchSize = 1000

    /// Opens the index for `store`, reporting progress through `log`.
    /// - Parameter snapshot: the index on disk at `snapshotPath` if the caller has loaded it
    ///   (while it opened the store, say); else it is loaded here.
    public init(store: DocumentStore, snapshotPath: String, snapshot: Result<SearchIndex, SnapshotError>? = nil,
                entities: EntityLookup? = nil, log: (String) -> Void) throws {
        self.store = store
        self.entities = entities
        self.snapshotPath = snapshotPath
        let started = Date()
        var loaded: SearchIndex
        do {
            loaded = try (snapshot ?? Result { () throws(SnapshotError) in try SearchIndex.load(from: snapshotPath) }).get()
        } catch {
            log(error == .missing ? "no search index yet; indexing the store" : "\(error); indexing the store again")
            loaded = SearchIndex()
            unsaved.add(1, ordering: .relaxed)
        }
        // Postings of deleted and replaced documents stay until the index is built afresh:
        // once they are a quarter of it, build it afresh from the store.
        let statistics = loaded.statistics
        if statistics.deadDocuments > max(1000, statistics.documents / 4) {
            log("\(statistics.deadDocuments) of the index's documents were deleted or replaced; indexing the store afresh")
            loaded = SearchIndex()
            unsaved.add(1, ordering: .relaxed)
        }
        index = loaded
        let (removed, added) = try Self.catchUp(index, with: store, log: log)
        unsaved.add(removed + added, ordering: .relaxed)
        log("search index ready: \(index.statistics.documents) documents (\(added) indexed, \(removed) removed since it was last written) in \(String(format: "%.2f", Date().timeIntervalSince(started))) s")
    }

    /// Makes `index` hold exactly the store's documents, returning how many it removed and added.
    static func catchUp(_ index: SearchIndex, with store: DocumentStore, log: (String) -> Void) throws -> (Int, Int) {
        // The same documents when they have the same count, largest and sum of versions:
        // nothing to compare one by one.
        guard try store.sequenceSummary() != index.versionSummary else { return (0, 0) }
        let wanted = try store.sequences()
        let held = index.versions
        let stale = held.filter { wanted[$0.key] != $0.value }.map(\.key)
        index.remove(ids: stale)
        let missing = wanted.filter { held[$0.key] != $0.value }
        guard let first = missing.values.min() else { return (stale.count, 0) }
        var cursor = first - 1
        var done = 0
        var lastReport = Date()
        while true {
            let page = try store.documents(after: cursor, limit: batchSize)
            guard let last = page.last else { break }
            cursor = last.sequence
            let needed = page.filter { missing[$0.document.id] == $0.sequence }
            index.add(needed.map { SearchDocument($0.document, version: $0.sequence) })
            done += needed.count
            if Date().timeIntervalSince(lastReport) > 2 {
                lastReport = Date()
                log("indexing: \(done) of \(missing.count) documents (\(done * 100 / missing.count)%)")
            }
        }
        return (stale.count, done)
    }

    // MARK: Searching

    /// One page of results for `query`: hits with snippets from the store's text (a document
    /// deleted since the search is left out), facets from the index and the catalogue, and a
    /// correction when nothing matched.
    public func page(_ query: String, options: SearchOptions) throws -> SearchPage {
        var options = options
        options.entities = entities
        let entityFacets = SearchOptions.Facet.allCases.filter { options.facets.contains($0) && $0.entityKind != nil }
        options.collectMatches = !entityFacets.isEmpty
        let parsed = try QueryParser.parse(query)
        let results = try index.search(parsed, options: options)
        var page = SearchPage(total: results.total, totalIsLowerBound: results.totalIsLowerBound, clauses: results.clauses,
                              partialTotal: results.partialTotal)
        let snippets = options.snippetWords.map { SnippetMaker(terms: results.highlightTerms, words: $0) }
        let texts = snippets == nil ? [:] : try store.paragraphs(ids: results.hits.map(\.id))
        for hit in results.hits {
            guard let snippets else {
                page.hits.append(SearchPage.Hit(hit: hit, snippet: nil, headlineHighlights: []))
                continue
            }
            guard let paragraphs = texts[hit.id] else { continue }
            page.hits.append(SearchPage.Hit(hit: hit, snippet: snippets.snippet(of: paragraphs),
                                            headlineHighlights: snippets.highlights(in: hit.headline)))
        }
        for facet in SearchOptions.Facet.allCases where options.facets.contains(facet) {
            if let kind = facet.entityKind {
                let counts = try store.entityCounts(inDocuments: results.matches, kinds: [kind], limit: 10)
                page.facets.append((facet, counts.map { ($0.entity.name, $0.documents) }))
            } else {
                page.facets.append((facet, results.facets[facet] ?? []))
            }
        }
        page.correction = results.total == 0 ? index.correction(of: parsed) : nil
        return page
    }

    /// Words of the corpus starting with `prefix`, in the most documents first.
    public func completions(of prefix: String, limit: Int) -> [(word: String, documents: Int)] {
        index.completions(of: prefix, limit: limit)
    }

    /// `query` spelled as the corpus spells it, if a close spelling matches.
    public func correction(of query: String) -> String? { index.correction(of: query) }

    /// Why document `id` scores what it does for `query`: nil if the index lacks `id`.
    public func explain(_ query: String, id: String) throws(QueryError) -> (score: Double, lines: [Explanation])? {
        try index.explain(query, id: id, entities: entities)
    }

    /// The index's size and state, and the bytes of its files on disk.
    public var statistics: (index: SearchIndex.Statistics, snapshotBytes: Int) {
        (index.statistics, IndexFolder.size(snapshotPath))
    }

    // MARK: Keeping in step

    public func apply(_ change: CorpusChange) {
        switch change {
        case .stored(let documents):
            index.add(documents.map { SearchDocument($0.document, version: $0.sequence) })
            unsaved.add(documents.count, ordering: .relaxed)
        case .deleted(let id):
            index.remove(ids: [id])
            unsaved.add(1, ordering: .relaxed)
        }
    }

    /// Writes what changed since the last write, if anything did, as a new segment, then
    /// (with `merging`) merges segments as ``MergePolicy`` says; returns whether it wrote.
    /// Without merging a write stays short: at start, before serving, and on the way out.
    @discardableResult
    public func saveIfChanged(merging: Bool = true) throws(SnapshotError) -> Bool {
        try saving.withLock { _ throws(SnapshotError) in
            let pending = unsaved.load(ordering: .relaxed)
            guard pending > 0 else { return false }
            try index.flush(to: snapshotPath)
            unsaved.add(-pending, ordering: .relaxed)
            while merging, try index.mergeSegments(in: snapshotPath) > 0 {}
            return true
        }
    }

    /// The index's usual place on disk: a folder beside the store, named after it.
    public static func snapshotPath(forStore path: String) -> String { path + ".search" }
}
