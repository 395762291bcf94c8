/// Everything the index holds, as a value the ``SearchIndex`` guards with its lock and the
/// snapshot writes out.
///
/// Postings of removed documents stay in their lists (skipped when read), but every count
/// scoring uses is kept exact for live documents: document frequencies, word counts and
/// field length sums. So scores depend only on what is live, and an index rebuilt from
/// the store ranks exactly as the one it replaces.
struct IndexContents: Sendable {
    var termIDs: [String: Int] = [:]
    var terms: [String] = []
    var postings: [PostingList] = []
    /// Live documents per term.
    var documentFrequencies: [Int] = []
    var documents = DocumentTable()
    var vocabulary = Vocabulary()
    /// Per document: its term ids, and its word ids in the vocabulary.
    var documentTerms = IDLists()
    var documentWords = IDLists()
    var ranking = BM25F()

    /// Adds an analyzed document, replacing an older version of it; false if the index
    /// already holds this version or a newer one.
    mutating func add(_ a: AnalyzedDocument) -> Bool {
        if let old = documents.byID[a.document.id] {
            guard documents.versions[Int(old)] < a.document.version else { return false }
            kill(old)
        }
        let number = documents.append(a.document, lengths: a.lengths)
        var ids: [Int] = []
        ids.reserveCapacity(a.terms.count)
        for (i, term) in a.terms.enumerated() {
            let id: Int
            if let known = termIDs[term] {
                id = known
            } else {
                id = postings.count
                termIDs[term] = id
                terms.append(term)
                postings.append(PostingList())
                documentFrequencies.append(0)
            }
            postings[id].append(document: number, positions: a.positions[a.ranges[i]], lengths: a.lengths)
            documentFrequencies[id] += 1
            ids.append(id)
        }
        documentTerms.append(ids)
        documentWords.append(a.words.map { vocabulary.add($0.word, term: termIDs[$0.term]!) })
        return true
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
                       lengths: documents.lengths, live: documents.live)
    }

    /// Bytes of postings, live and dead.
    var postingBytes: Int { postings.reduce(0) { $0 + $1.byteCount } }
}
