import Foundation
import LodeCorpus

/// Everything the index holds, as a value the ``SearchIndex`` guards with its lock and the
/// index on disk is written from.
///
/// Postings of removed documents stay in their lists (skipped when read), but every count
/// scoring uses is kept exact for live documents: document frequencies, word counts and
/// field length sums. So scores depend only on what is live, and an index rebuilt from
/// the store ranks exactly as the one it replaces.
struct IndexContents: Sendable {
    var termIDs: [String: Int] = [:]
    var terms: [String] = []
    var postings: [PostingList] = []
    /// Per term, its postings in headlines alone (nil when no headline holds it): what
    /// `headline:` reads, instead of stepping over every posting of a common word.
    var headlinePostings: [PostingList?] = []
    /// Live documents per term.
    var documentFrequencies: [Int] = []
    var documents = DocumentTable()
    var vocabulary = Vocabulary()
    /// Per document: its term ids, and its word ids in the vocabulary.
    var documentTerms = IDLists()
    var documentWords = IDLists()
    var ranking = BM25F()
    /// The segment files the lists' parts are read from, in document order.
    var segments: [SegmentRecord] = []
    /// Documents, terms and words the segment files hold; those after are in memory only.
    var written = (documents: 0, terms: 0, words: 0)

    /// Fills in the index's ids of the documents' terms and words, giving new ones theirs.
    /// Each analyzer remembers the ids of what it numbered, so only what it meets for the
    /// first time is looked up here; the mapping and sorting run on every core.
    mutating func resolve(_ analyzed: inout [AnalyzedDocument], analyzers: [DocumentAnalyzer]) {
        for a in analyzed {
            let analyzer = analyzers[a.analyzer]
            for t in a.terms where analyzer.termID(Int(t)) < 0 {
                let term = analyzer.terms[Int(t)]
                if let id = termIDs[term] {
                    analyzer.setTermID(id, for: Int(t))
                    continue
                }
                let id = postings.count
                termIDs[term] = id
                terms.append(term)
                postings.append(PostingList())
                headlinePostings.append(nil)
                documentFrequencies.append(0)
                analyzer.setTermID(id, for: Int(t))
            }
            for w in a.words where analyzer.wordID(Int(w)) < 0 {
                let term = analyzer.termID(analyzer.term(ofSpelling: Int(w)))
                analyzer.setWordID(vocabulary.id(of: analyzer.spellings[Int(w)], term: term), for: Int(w))
            }
        }
        Parallel.slices(of: &analyzed) { _, chunk in
            for i in chunk.indices {
                let analyzer = analyzers[chunk[i].analyzer]
                chunk[i].termIDs = chunk[i].terms.map { analyzer.termID(Int($0)) }
                chunk[i].sortedTermIDs = chunk[i].termIDs.sorted()
                chunk[i].wordIDs = chunk[i].words.map { analyzer.wordID(Int($0)) }
            }
        }
    }

    /// Adds documents whose ids are resolved, each replacing an older version of it;
    /// one already held in this version or a newer one is skipped. Postings are appended
    /// on every core, each core owning a share of the terms.
    mutating func add(_ batch: [AnalyzedDocument]) {
        var numbers: [UInt32?] = []
        numbers.reserveCapacity(batch.count)
        for a in batch {
            if let old = documents.byID[a.document.id] {
                guard documents.versions[Int(old)] < a.document.version else {
                    numbers.append(nil)
                    continue
                }
                kill(old)
            }
            numbers.append(documents.append(a.document, lengths: a.lengths))
            for id in a.wordIDs { vocabulary.retain(id) }
            documentTerms.append(sorted: a.sortedTermIDs)
            documentWords.append(sorted: a.wordIDs.sorted())
        }
        let workers = Parallel.cores
        let placed = numbers
        let averages = documents.averageLengths
        let ranking = self.ranking
        let headline = SearchField.headline.slot
        postings.withUnsafeBufferPointer { lists in
            headlinePostings.withUnsafeMutableBufferPointer { headlineLists in
                documentFrequencies.withUnsafeMutableBufferPointer { frequencies in
                    nonisolated(unsafe) let lists = lists, headlineLists = headlineLists, frequencies = frequencies
                    Parallel.workers(workers) { w in
                        for (a, number) in zip(batch, placed) {
                            guard let number else { continue }
                            let factors = ranking.factors(lengths: a.lengths, averages: averages)
                            for (i, id) in a.termIDs.enumerated() where id % workers == w {
                                let positions = a.positions[a.ranges[i]]
                                Unmanaged.passUnretained(lists[id])._withUnsafeGuaranteedRef {
                                    $0.append(document: number, positions: positions, lengths: a.lengths, factors: factors, averages: averages)
                                }
                                let inHeadline = positions.prefix { Position.field($0) == headline }
                                if !inHeadline.isEmpty {
                                    if headlineLists[id] == nil { headlineLists[id] = PostingList() }
                                    headlineLists[id]!.append(document: number, positions: inHeadline, lengths: a.lengths, factors: factors,
                                                              averages: averages)
                                }
                                frequencies[id] += 1
                            }
                        }
                    }
                }
            }
        }
    }

    /// Removes a document; false if the index does not hold it.
    mutating func remove(id: String) -> Bool {
        guard let number = documents.byID[id] else { return false }
        kill(number)
        return true
    }

    private mutating func kill(_ number: UInt32) {
        documents.kill(number)
        for id in documentTerms.ids(of: Int(number)) { documentFrequencies[id] -= 1 }
        for id in documentWords.ids(of: Int(number)) { vocabulary.release(id) }
    }

    func termID(_ term: String) -> Int? { termIDs[term].flatMap { documentFrequencies[$0] > 0 ? $0 : nil } }

    var scoringContext: ScoringContext {
        ScoringContext(ranking: ranking, averages: documents.averageLengths, documents: documents.liveCount,
                       lengths: documents.lengths.base, live: documents.live.words.base)
    }

    /// Bytes of postings, live and dead.
    var postingBytes: Int { postings.reduce(0) { $0 + $1.totalBytes } }
}
