import Foundation

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

    /// Fills in the ids of the documents' terms and words, giving new ones theirs. Known
    /// ids are looked up on every core; only new terms and words are added one at a time.
    mutating func resolve(_ analyzed: inout [AnalyzedDocument]) {
        let known = (terms: termIDs, words: vocabulary.ids)
        var newTerms: [Set<String>] = []
        var newWords: [Set<String>] = []
        Parallel.chunks(of: &analyzed) { chunk in
            var terms: Set<String> = [], words: Set<String> = []
            for i in chunk.indices {
                chunk[i].termIDs = chunk[i].terms.map { t in known.terms[t] ?? { terms.insert(t); return -1 }() }
                if !chunk[i].termIDs.contains(-1) { chunk[i].sortedTermIDs = chunk[i].termIDs.sorted() }
                chunk[i].wordIDs = chunk[i].words.map { w in known.words[w.word] ?? { words.insert(w.word); return -1 }() }
            }
            return (terms, words)
        } collect: { (terms: Set<String>, words: Set<String>) in
            newTerms.append(terms)
            newWords.append(words)
        }
        guard newTerms.contains(where: { !$0.isEmpty }) || newWords.contains(where: { !$0.isEmpty }) else { return }
        var added: [String: Int] = [:]
        for term in newTerms.joined() where termIDs[term] == nil && added[term] == nil {
            let id = postings.count
            added[term] = id
            termIDs[term] = id
            terms.append(term)
            postings.append(PostingList())
            documentFrequencies.append(0)
        }
        var addedWords: [String: Int] = [:]
        let allTerms = termIDs
        for a in analyzed where a.wordIDs.contains(-1) {
            for (k, w) in a.words.enumerated() where a.wordIDs[k] == -1 && addedWords[w.word] == nil {
                addedWords[w.word] = vocabulary.id(of: w.word, term: allTerms[a.terms[w.term]]!)
            }
        }
        let fresh = (terms: added, words: addedWords)
        Parallel.chunks(of: &analyzed) { chunk in
            for i in chunk.indices {
                if chunk[i].sortedTermIDs.isEmpty {
                    for k in chunk[i].termIDs.indices where chunk[i].termIDs[k] == -1 {
                        chunk[i].termIDs[k] = fresh.terms[chunk[i].terms[k]]!
                    }
                    chunk[i].sortedTermIDs = chunk[i].termIDs.sorted()
                }
                for k in chunk[i].wordIDs.indices where chunk[i].wordIDs[k] == -1 {
                    chunk[i].wordIDs[k] = fresh.words[chunk[i].words[k].word]!
                }
            }
        } collect: { (_: Void) in }
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
            documentWords.append(a.wordIDs.sorted())
        }
        let workers = ProcessInfo.processInfo.activeProcessorCount
        let placed = numbers
        postings.withUnsafeBufferPointer { lists in
            documentFrequencies.withUnsafeMutableBufferPointer { frequencies in
                nonisolated(unsafe) let lists = lists, frequencies = frequencies
                DispatchQueue.concurrentPerform(iterations: workers) { w in
                    for (a, number) in zip(batch, placed) {
                        guard let number else { continue }
                        for (i, id) in a.termIDs.enumerated() where id % workers == w {
                            Unmanaged.passUnretained(lists[id])._withUnsafeGuaranteedRef {
                                $0.append(document: number, positions: a.positions[a.ranges[i]], lengths: a.lengths)
                            }
                            frequencies[id] += 1
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
    var postingBytes: Int { postings.reduce(0) { $0 + $1.byteCount } }
}
