import LodeText

/// Turns a parsed query into a tree of matchers over the index, expanding prefixes and
/// fuzzy words through the vocabulary, and collects the terms worth highlighting.
struct QueryCompiler {
    let contents: IndexContents
    let context: ScoringContext
    let analyzer: Analyzer
    /// Finds the documents of `entity:` filters; without it they match nothing.
    let entities: EntityLookup?
    /// The query as typed, for its errors' positions in bytes and code points.
    let text: String
    /// Most words a prefix or fuzzy word expands to, the most used first.
    static let maxExpansions = 64
    /// Index terms a hit can be highlighted for.
    private(set) var highlightTerms: Set<String> = []

    init(contents: IndexContents, analyzer: Analyzer, text: String, entities: EntityLookup? = nil) {
        self.contents = contents
        self.analyzer = analyzer
        self.entities = entities
        self.text = text
        context = contents.scoringContext
    }

    mutating func compile(_ query: Query) throws(QueryError) -> Matcher {
        switch query {
        case .term(let text, let field, let at):
            let terms = analyzer.terms(text).map(\.text)
            guard !terms.isEmpty else {
                throw QueryError(message: "\(text) has no letters or digits to search for", position: at, query: self.text)
            }
            return phrase(terms, field: field)
        case .phrase(let words, let field, let at):
            let terms = words.flatMap { analyzer.terms($0).map(\.text) }
            guard !terms.isEmpty else {
                throw QueryError(message: "the phrase \"\(words.joined(separator: " "))\" has no letters or digits",
                                 position: at, query: self.text)
            }
            return phrase(terms, field: field)
        case .prefix(let text, let field, let at):
            let word = try folded(text, at: at)
            let words = contents.vocabulary.completions(of: word, limit: Self.maxExpansions).map(\.word)
            return expansion(words, field: field)
        case .fuzzy(let text, let distance, let field, let at):
            let word = try folded(text, at: at)
            let words = [word] + contents.vocabulary.neighbours(of: word, distance: distance, limit: Self.maxExpansions).map(\.word)
            return expansion(words, field: field)
        case .dateRange, .entity:
            var filter = DocumentFilter(contents.documents)
            narrow(&filter, by: query)
            return AllMatcher(count: contents.documents.count, filter: filter)
        case .or(let parts):
            let matchers = try parts.map { (q) throws(QueryError) in try compile(q) }.filter { !($0 is EmptyMatcher) }
            return matchers.isEmpty ? EmptyMatcher() : matchers.count == 1 ? matchers[0] : OrMatcher(parts: matchers)
        case .and(let parts):
            var positive: [Matcher] = []
            var excluded: [Matcher] = []
            var filter: DocumentFilter?
            for part in parts {
                switch part {
                case .not(let inner):
                    var scratch = QueryCompiler(contents: contents, analyzer: analyzer, text: self.text, entities: entities)
                    excluded.append(try scratch.compile(inner))
                case .dateRange, .entity:
                    var narrowed = filter ?? DocumentFilter(contents.documents)
                    narrow(&narrowed, by: part)
                    filter = narrowed
                default:
                    positive.append(try compile(part))
                }
            }
            if positive.contains(where: { $0 is EmptyMatcher }) { return EmptyMatcher() }
            if positive.isEmpty {
                positive = [AllMatcher(count: contents.documents.count, filter: filter ?? DocumentFilter(contents.documents))]
                return AndMatcher(parts: positive, excluded: excluded.filter { !($0 is EmptyMatcher) }, filter: nil)
            }
            return AndMatcher(parts: positive, excluded: excluded.filter { !($0 is EmptyMatcher) }, filter: filter)
        case .not:
            throw QueryError(message: "a query needs at least one word to look for, not only exclusions", position: 0, query: self.text)
        }
    }

    /// The one index word of a prefix or fuzzy word typed at `at`.
    private func folded(_ text: String, at: Int) throws(QueryError) -> String {
        let tokens = Tokenizer.tokens(in: text)
        guard tokens.count == 1 else {
            throw QueryError(message: "\(text) must be one word to expand with * or ~", position: at, query: self.text)
        }
        return tokens[0].text
    }

    /// A term, or the phrase of several terms (a hyphenated word in a query is a phrase).
    private mutating func phrase(_ terms: [String], field: SearchField?) -> Matcher {
        var matchers: [TermMatcher] = []
        for term in terms {
            guard let id = contents.termID(term), let m = matcher(id, field: field) else { return EmptyMatcher() }
            matchers.append(m)
        }
        highlightTerms.formUnion(terms)
        return matchers.count == 1 ? matchers[0] : PhraseMatcher(words: matchers, field: field, context: context)
    }

    /// Any of the terms the words index as.
    private mutating func expansion(_ words: [String], field: SearchField?) -> Matcher {
        var seen: Set<Int> = []
        var matchers: [Matcher] = []
        for word in words {
            guard let id = contents.vocabulary.entry(word)?.term, contents.termID(contents.terms[id]) != nil,
                  seen.insert(id).inserted, let m = matcher(id, field: field) else { continue }
            matchers.append(m)
        }
        highlightTerms.formUnion(seen.map { contents.terms[$0] })
        return matchers.isEmpty ? EmptyMatcher() : matchers.count == 1 ? matchers[0] : OrMatcher(parts: matchers)
    }

    /// The term's matcher in `field` (all fields when nil); nil when no headline holds it and
    /// `field` is the headline. A headline reads the term's headline postings; the idf stays
    /// the whole term's.
    private func matcher(_ id: Int, field: SearchField?) -> TermMatcher? {
        let list = field == .headline ? contents.headlinePostings[id] : contents.postings[id]
        return list.map {
            TermMatcher(term: contents.terms[id], list: $0, documentFrequency: contents.documentFrequencies[id], field: field, context: context)
        }
    }

    /// Narrows `filter` by a `date:` range (a document without a date is in none) or an
    /// `entity:` filter (the documents the catalogue finds the entity in).
    private func narrow(_ filter: inout DocumentFilter, by part: Query) {
        switch part {
        case .dateRange(let from, let to):
            filter.date(from: from, to: to)
        case .entity(let name, let kind):
            let documents = contents.documents
            filter.only(Set((entities?(name, kind) ?? []).compactMap { documents.byID[$0] }))
        default:
            preconditionFailure("only date and entity filters narrow a filter")
        }
    }

}
