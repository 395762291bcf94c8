import Foundation
import LodeCorpus
import LodeText
import Synchronization

/// The full-text index: documents in, ranked hits out. In memory, guarded by a
/// readers–writer lock so searches run side by side and each update is atomic.
///
/// Updates are versioned: adding a document replaces an older version with the same id and
/// is ignored if the index already holds a newer one, so updates applied out of order
/// converge on the newest.
///
/// Unchecked Sendable: `contents` is read under the lock's read side and changed under its
/// write side only.
public final class SearchIndex: @unchecked Sendable {
    private var contents: IndexContents
    private let lock = ReadWriteLock()
    private let queryAnalyzer = Analyzer()
    /// One per core, each remembering what it has analyzed, held by one `add` at a time.
    private let analyzers = Mutex((0..<Parallel.cores).map { _ in DocumentAnalyzer() })
    /// One flush or merge at a time.
    let persisting = Mutex(())

    public init() { contents = IndexContents() }

    init(contents: IndexContents) { self.contents = contents }

    // MARK: Updating

    /// Analyzes `documents` on every core, then adds them in one step.
    public func add(_ documents: [SearchDocument]) {
        analyzers.withLock { analyzers in
            var analyzed = documents.map { AnalyzedDocument(document: $0) }
            Parallel.slices(of: &analyzed) { [analyzers] worker, chunk in
                for i in chunk.indices {
                    chunk[i] = analyzers[worker].analyze(chunk[i].document)
                    chunk[i].analyzer = worker
                }
            }
            lock.write {
                contents.resolve(&analyzed, analyzers: analyzers)
                contents.add(analyzed)
                contents.vocabulary.settle()
            }
        }
    }

    /// Removes documents by id; returns how many the index held.
    @discardableResult
    public func remove(ids: [String]) -> Int {
        lock.write { ids.reduce(0) { $0 + (contents.remove(id: $1) ? 1 : 0) } }
    }

    // MARK: Searching

    /// The hits for `query` (see ``QueryParser`` for the language).
    public func search(_ query: String, options: SearchOptions = SearchOptions()) throws(QueryError) -> SearchResults {
        try search(QueryParser.parse(query), options: options)
    }

    /// The hits for a parsed query.
    public func search(_ parsed: ParsedQuery, options: SearchOptions = SearchOptions()) throws(QueryError) -> SearchResults {
        let outcome: Result<SearchResults, QueryError> = lock.read {
            var compiler = QueryCompiler(contents: contents, analyzer: queryAnalyzer, text: parsed.text, entities: options.entities)
            let root: Matcher
            do {
                root = try filtered(compiler.compile(parsed.root), options)
            } catch {
                return .failure(error as! QueryError)
            }
            let documents = contents.documents
            let run = Evaluator(documents: documents, options: options).run(root)
            var results = SearchResults()
            results.total = run.total
            results.totalIsLowerBound = run.totalIsLowerBound
            results.matches = run.matches.map { documents.ids[Int($0)] }
            func hit(_ doc: UInt32, _ score: Float, clausesHeld: Int? = nil) -> SearchHit {
                SearchHit(id: documents.ids[Int(doc)], headline: documents.headlines[Int(doc)],
                          source: documents.sourceNames[Int(documents.sources[Int(doc)])], date: documents.date(doc),
                          score: Double(score), clausesHeld: clausesHeld)
            }
            results.hits = run.ranked.dropFirst(options.offset).map { hit($0.doc, $0.score) }
            let wanted = options.offset + options.limit
            if let (clauses, conditions) = PartialMatches.split(parsed) {
                results.clauses = clauses.count
                if options.sort == .relevance, !run.totalIsLowerBound, run.total < wanted {
                    do {
                        let any = filtered(try compiler.compile(conditions.isEmpty ? .or(clauses) : .and(conditions + [.or(clauses)])), options)
                        let each = try clauses.map { (q) throws(QueryError) in try compiler.compile(q) }
                        let partial = PartialMatches.rank(any: any, clauses: each, documents: documents, k: wanted - run.total)
                        results.partialTotal = partial.total
                        results.hits += partial.ranked.dropFirst(max(0, options.offset - run.total)).map {
                            hit($0.doc, $0.score, clausesHeld: $0.clauses)
                        }
                    } catch {
                        return .failure(error as! QueryError)
                    }
                }
            }
            results.highlightTerms = compiler.highlightTerms
            if options.facets.contains(.source) {
                results.facets[.source] = run.sourceCounts.map { (documents.sourceNames[Int($0.key)], $0.value) }
                    .sorted { ($0.1, $1.0) > ($1.1, $0.0) }
            }
            if options.facets.contains(.year) {
                results.facets[.year] = run.yearCounts.map { ($0.key == 0 ? "" : String($0.key), $0.value) }
                    .sorted { $0.0 > $1.0 }
            }
            return .success(results)
        }
        return try outcome.get()
    }

    /// Narrows a query to the options' sources and dates.
    private func filtered(_ root: Matcher, _ options: SearchOptions) -> Matcher {
        guard !options.sources.isEmpty || options.dateFrom != nil || options.dateTo != nil else { return root }
        let documents = contents.documents
        var filter = DocumentFilter(documents)
        if !options.sources.isEmpty { filter.from(Set(options.sources.compactMap { documents.sourceByKey[$0.lowercased()] })) }
        if options.dateFrom != nil || options.dateTo != nil {
            filter.date(from: options.dateFrom?.description, to: options.dateTo?.description)
        }
        return AndMatcher(parts: [root], excluded: [], filter: filter)
    }

    /// Why document `id` scores what it does for `query`: nil if the index lacks `id`,
    /// no lines if the document does not match. `entities` finds the documents of `entity:` filters.
    public func explain(_ query: String, id: String, entities: EntityLookup? = nil) throws(QueryError)
        -> (score: Double, lines: [Explanation])? {
        let parsed = try QueryParser.parse(query)
        let outcome: Result<(score: Double, lines: [Explanation])?, QueryError> = lock.read {
            guard let number = contents.documents.byID[id] else { return .success(nil) }
            var compiler = QueryCompiler(contents: contents, analyzer: queryAnalyzer, text: query, entities: entities)
            do {
                let root = try compiler.compile(parsed.root)
                root.advance(to: number)
                guard root.doc == number else { return .success((0, [])) }
                return .success((Double(root.score()), root.explain()))
            } catch {
                return .failure(error as! QueryError)
            }
        }
        return try outcome.get()
    }

    // MARK: Suggestions

    /// Words starting with `prefix` (as typed; folded here), most used first.
    public func completions(of prefix: String, limit: Int) -> [(word: String, documents: Int)] {
        guard let folded = Tokenizer.tokens(in: prefix).last?.text else { return [] }
        return lock.read { contents.vocabulary.completions(of: folded, limit: limit) }
    }

    /// `query` with each word the corpus does not know replaced by the closest, most used word
    /// it does; nil when it does not parse, every word is known or none has a close neighbour.
    public func correction(of query: String) -> String? {
        (try? QueryParser.parse(query)).flatMap(correction(of:))
    }

    /// The query's text with each plain word (a term, in a field or not; not a phrase's, a
    /// prefix's or a name's) the corpus does not know replaced where it was typed by the
    /// closest, most used word it does; nil when there is none to replace.
    public func correction(of query: ParsedQuery) -> String? {
        var words: [(text: String, at: Int)] = []
        func collect(_ q: Query) {
            switch q {
            case .term(let text, _, let at): words.append((text, at))
            case .and(let parts), .or(let parts): parts.forEach(collect)
            case .not(let inner): collect(inner)
            default: break
            }
        }
        collect(query.root)
        var characters = Array(query.text)
        let replacements: [(text: String, at: Int, by: String)] = lock.read {
            words.compactMap { word in
                let token = Tokenizer.tokens(in: word.text)
                guard token.count == 1, !token[0].isNumber, word.text.first?.isLetter == true, word.text.last?.isLetter == true,
                      contents.vocabulary.entry(token[0].text) == nil,
                      let best = contents.vocabulary.neighbours(of: token[0].text, distance: token[0].text.count > 5 ? 2 : 1, limit: 1).first
                else { return nil }
                return (word.text, word.at, best.word)
            }
        }
        guard !replacements.isEmpty else { return nil }
        for r in replacements.sorted(by: { $0.at > $1.at }) {
            characters.replaceSubrange(r.at..<(r.at + r.text.count), with: Array(r.by))
        }
        return String(characters)
    }

    // MARK: State

    public struct Statistics: Sendable, Equatable {
        public var documents: Int
        /// Replaced or deleted documents whose postings remain until compaction.
        public var deadDocuments: Int
        public var terms: Int
        public var words: Int
        public var postingBytes: Int
    }

    public var statistics: Statistics {
        lock.read {
            Statistics(documents: contents.documents.liveCount, deadDocuments: contents.documents.count - contents.documents.liveCount,
                       terms: contents.terms.count, words: contents.vocabulary.liveCount, postingBytes: contents.postingBytes)
        }
    }

    /// The count, largest and sum of the versions of the live documents.
    public var versionSummary: SequenceSummary {
        lock.read {
            let d = contents.documents
            var summary = SequenceSummary(count: 0, largest: 0, sum: 0)
            for i in 0..<d.count where d.live[UInt32(i)] {
                summary.count += 1
                summary.largest = max(summary.largest, d.versions[i])
                summary.sum &+= d.versions[i]
            }
            return summary
        }
    }

    /// Ids and versions of every live document.
    public var versions: [String: Int64] {
        lock.read {
            var out: [String: Int64] = [:]
            out.reserveCapacity(contents.documents.liveCount)
            for (id, n) in contents.documents.byID { out[id] = contents.documents.versions[Int(n)] }
            return out
        }
    }

    /// Runs `body` on the contents with writers kept out.
    func reading<T>(_ body: (IndexContents) throws -> T) rethrows -> T { try lock.read { try body(contents) } }

    /// Runs `body` on the contents with readers and other writers kept out.
    func writing<T>(_ body: (inout IndexContents) -> T) -> T { lock.write { body(&contents) } }
}
