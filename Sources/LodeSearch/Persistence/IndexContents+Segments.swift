import LodeCorpus

/// A segment file the index reads parts of its lists from.
struct SegmentRecord: Sendable {
    let number: Int
    let bytes: Int
    let mapping: FileMapping
    /// The file's identity when it was verified (``VerifiedSegments``).
    let identity: String?
}

extension IndexContents {
    /// Seals every tail and gathers what no segment file holds yet: the next segment (nil when
    /// no document came since the last was written) and the state of the whole index. With
    /// `everything`, the segment holds every document, those of the segment files too.
    mutating func sealUnwritten(everything: Bool = false) -> (segment: SegmentFile.Contents?, state: IndexState) {
        let state = IndexState(documents: documents.count, live: Array(documents.live.words.elements), sourceNames: documents.sourceNames,
                               documentFrequencies: documentFrequencies.map { UInt32($0) },
                               wordDocuments: vocabulary.entries.map { UInt32($0.documents) })
        let from = everything ? (documents: 0, terms: 0, words: 0) : written
        guard documents.count > from.documents else { return (nil, state) }
        var s = SegmentFile.Contents()
        s.firstDocument = from.documents
        s.rows = (from.documents..<documents.count).map(documents.row)
        s.firstTerm = from.terms
        s.terms = Array(terms[from.terms...])
        s.firstWord = from.words
        s.words = (from.words..<vocabulary.words.count).map { (vocabulary.words[$0], vocabulary.entries[$0].term) }
        let unwritten = Set([PostingPart.unwritten] + (everything ? segments.map(\.number) : []))
        let since = UInt32(from.documents)
        /// A list's parts of documents from `since` on, its tail sealed; nil when it has none.
        func unwrittenParts(_ term: Int, _ list: PostingList?) -> (term: Int, parts: [PostingPart])? {
            guard let list, list.lastDocument != .max, list.lastDocument >= since else { return nil }
            list.seal()
            return (term, Array(list.parts(in: unwritten)))
        }
        s.postings = postings.enumerated().compactMap(unwrittenParts)
        s.headlinePostings = headlinePostings.enumerated().compactMap(unwrittenParts)
        documentTerms.seal()
        documentWords.seal()
        s.documentTerms = Array(documentTerms.chunks(in: unwritten))
        s.documentWords = Array(documentWords.chunks(in: unwritten))
        return (s, state)
    }

    /// Reads the lists of `segment`, just written as `record`, in place of the parts and chunks
    /// of the `replaced` segments (or of those not written yet), which held the same.
    /// A merge may have dropped a list whose documents are all dead: its parts go.
    mutating func adopt(_ segment: SegmentFile.Contents, record: SegmentRecord, replacing replaced: Set<Int>) {
        let lists = Dictionary(uniqueKeysWithValues: segment.postings.map { ($0.term, $0.parts[0]) })
        let headlineLists = Dictionary(uniqueKeysWithValues: segment.headlinePostings.map { ($0.term, $0.parts[0]) })
        for (term, list) in postings.enumerated() { list.replaceParts(in: replaced, with: lists[term]) }
        for (term, list) in headlinePostings.enumerated() { list?.replaceParts(in: replaced, with: headlineLists[term]) }
        documentTerms.replaceChunks(in: replaced, with: segment.documentTerms[0])
        documentWords.replaceChunks(in: replaced, with: segment.documentWords[0])
        if let at = segments.firstIndex(where: { replaced.contains($0.number) }) {
            segments.removeAll { replaced.contains($0.number) }
            segments.insert(record, at: at)
        } else {
            segments.append(record)
        }
        written = (max(written.documents, segment.endDocument), max(written.terms, segment.endTerm), max(written.words, segment.endWord))
    }

    /// Adds a segment read from its file after the segments before it, checking that it goes
    /// on from them; its words are appended to `words`.
    mutating func append(_ s: SegmentFile.Contents, record: SegmentRecord, words: inout [(word: String, term: Int)]) throws(SnapshotError) {
        guard s.firstDocument == documents.count, s.firstTerm == terms.count, s.firstWord == words.count else {
            throw .damaged("segment \(record.number) does not go on from the segments before it")
        }
        for row in s.rows { documents.appendRow(row) }
        for term in s.terms {
            termIDs[term] = terms.count
            terms.append(term)
            postings.append(PostingList())
            headlinePostings.append(nil)
            documentFrequencies.append(0)
        }
        guard termIDs.count == terms.count else { throw .damaged("segment \(record.number) repeats a term") }
        words += s.words
        // A part goes on from the list's last document, or from a later one (a merge dropped
        // the dead documents after it).
        func goesOn(_ part: PostingPart, _ list: PostingList) -> Bool {
            list.lastDocument == .max || (part.blocks[0].previousLast != .max && part.blocks[0].previousLast >= list.lastDocument)
        }
        for (term, parts) in s.postings {
            guard goesOn(parts[0], postings[term]) else {
                throw .damaged("the postings of \(terms[term]) in segment \(record.number) do not go on from those before")
            }
            postings[term].appendPart(parts[0])
        }
        for (term, parts) in s.headlinePostings {
            let list = headlinePostings[term] ?? PostingList()
            guard goesOn(parts[0], list) else {
                throw .damaged("the headline postings of \(terms[term]) in segment \(record.number) do not go on from those before")
            }
            list.appendPart(parts[0])
            headlinePostings[term] = list
        }
        documentTerms.appendChunk(s.documentTerms[0])
        documentWords.appendChunk(s.documentWords[0])
        segments.append(record)
        written = (documents.count, terms.count, words.count)
    }

    /// Takes which documents are live and the live counts from `state`, once every segment is in.
    mutating func apply(_ state: IndexState, words: [(word: String, term: Int)]) throws(SnapshotError) {
        guard state.documents == documents.count, state.documentFrequencies.count == terms.count, state.wordDocuments.count == words.count else {
            throw .damaged("its state counts \(state.documents) documents, \(state.documentFrequencies.count) terms and \(state.wordDocuments.count) words; its segments \(documents.count), \(terms.count) and \(words.count)")
        }
        documents.setLive(state.live)
        documentFrequencies = state.documentFrequencies.map { Int($0) }
        vocabulary = Vocabulary(words: words.map(\.word), entries: zip(words, state.wordDocuments).map {
            Vocabulary.Entry(term: $0.term, documents: Int($1))
        })
    }
}
