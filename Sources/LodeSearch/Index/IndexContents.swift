/// Everything the index holds, as a value the ``SearchIndex`` guards with its lock and the
/// snapshot writes out.
struct IndexContents: Sendable {
    var termIDs: [String: Int] = [:]
    var terms: [String] = []
    var postings: [PostingList] = []
    var documents = DocumentTable()
    var vocabulary = Vocabulary()
    var ranking = BM25F()

    /// Adds an analyzed document, replacing an older version of it; false if the index
    /// already holds this version or a newer one.
    mutating func add(_ a: AnalyzedDocument) -> Bool {
        if let old = documents.byID[a.document.id] {
            guard documents.versions[Int(old)] < a.document.version else { return false }
            documents.kill(old)
        }
        let number = documents.append(a.document, lengths: a.lengths)
        for (i, term) in a.terms.enumerated() {
            let list: PostingList
            if let id = termIDs[term] {
                list = postings[id]
            } else {
                list = PostingList()
                termIDs[term] = postings.count
                terms.append(term)
                postings.append(list)
            }
            list.append(document: number, positions: a.positions[a.ranges[i]], lengths: a.lengths)
        }
        vocabulary.add(a.words)
        return true
    }

    /// Removes a document; false if the index does not hold it.
    mutating func remove(id: String) -> Bool {
        guard let number = documents.byID[id] else { return false }
        documents.kill(number)
        return true
    }

    func postingList(_ term: String) -> PostingList? { termIDs[term].map { postings[$0] } }

    var scoringContext: ScoringContext {
        ScoringContext(ranking: ranking, averages: documents.averageLengths, documents: documents.liveCount,
                       lengths: documents.lengths, live: documents.live)
    }

    /// Bytes of postings, live and dead.
    var postingBytes: Int { postings.reduce(0) { $0 + $1.byteCount } }
}
