import Foundation

/// Cleans pages, gives them stable ids, spots copies, and commits them to the store.
///
/// Ids: a page with a url is identified by it; one without, by its cleaned content, so the
/// same page ingested twice is "unchanged". A page that copies or rewrites an earlier
/// document (see ``NearDuplicateIndex``) is stored too, marked as a copy of it.
///
/// Its commits wait on the disk, so it runs on a queue of its own rather than on the
/// cooperative pool, whose threads (one per core) meanwhile prepare the next pages.
public actor CorpusIngestor {
    private nonisolated let executor = DispatchQueueExecutor(label: "lode.ingest")
    public nonisolated var unownedExecutor: UnownedSerialExecutor { executor.asUnownedSerialExecutor() }
    public nonisolated let store: DocumentStore
    public let duplicateThreshold: Double
    private var index: NearDuplicateIndex<String>
    /// The near-duplicate index being read from the store: in the background, so the server
    /// serves at once; the first commit or delete waits for it.
    private var loading: Task<Result<NearDuplicateIndex<String>, StoreError>, Never>?
    private let log: (@Sendable (String) -> Void)?
    private let observer: (@Sendable (CorpusChange) -> Void)?
    /// Where the observer is told of changes: a serial queue of its own, so that the next
    /// batch commits while the one before it is indexed.
    private nonisolated let observing = DispatchQueue(label: "lode.ingest.observe")
    private nonisolated let annotator: Annotator?

    /// Reads a cleaned page's entities for the catalogue; nil leaves the page for a later
    /// re-read (when the model cannot be had).
    public typealias Annotator = @Sendable (CleanedPage) -> DocumentEntities?

    /// Starts loading the near-duplicate index from what the store holds.
    /// - Parameters:
    ///   - annotator: run on every new page as it is prepared, its findings stored with it.
    ///   - observer: told of every change once it is committed, in commit order, before the
    ///     call that made it returns; what keeps derived indexes current. It runs on a queue
    ///     of its own, beside the next commit.
    ///   - log: told when the near-duplicate index is loaded, or why it is not.
    public init(store: DocumentStore, duplicateThreshold: Double = 0.4, annotator: Annotator? = nil,
                observer: (@Sendable (CorpusChange) -> Void)? = nil, log: (@Sendable (String) -> Void)? = nil) {
        self.store = store
        self.duplicateThreshold = duplicateThreshold
        self.annotator = annotator
        self.observer = observer
        self.log = log
        index = NearDuplicateIndex(threshold: duplicateThreshold)
        loading = Self.load(store, threshold: duplicateThreshold, log: log)
    }

    private static func load(_ store: DocumentStore, threshold: Double, log: (@Sendable (String) -> Void)?)
        -> Task<Result<NearDuplicateIndex<String>, StoreError>, Never> {
        Task.detached(priority: .userInitiated) {
            let start = ContinuousClock.now
            // Its bulk spilled beside the store, out of the heap.
            let folder = URL(fileURLWithPath: store.path).deletingLastPathComponent().path
            var index = NearDuplicateIndex<String>(threshold: threshold, spillingTo: folder)
            do throws(StoreError) {
                try index.load { (add) throws(StoreError) in try store.forEachSignature(add) }
            } catch {
                log?("near-duplicate index: cannot be read from the store: \(error)")
                return .failure(error)
            }
            let seconds = Double((ContinuousClock.now - start) / .milliseconds(1)) / 1000
            log?("near-duplicate index ready: \(index.count) documents in \(String(format: "%.2f", seconds)) s")
            return .success(index)
        }
    }

    /// Waits for the near-duplicate index; a load that failed is started again (and this call fails).
    private func ready() async throws(StoreError) {
        while let task = loading {
            let result = await task.value
            // Another call waiting for the same load took it first.
            guard loading == task else { continue }
            switch result {
            case .success(let loaded):
                index = loaded
                loading = nil
            case .failure(let error):
                loading = Self.load(store, threshold: duplicateThreshold, log: log)
                throw error
            }
        }
    }

    /// A page made ready for the store: everything that does not depend on the corpus,
    /// computed outside the actor so pages are prepared on every core at once.
    enum Prepared: Sendable {
        case page(RawPage, CleanedPage, id: String, hash: String, signature: CopySignature, entities: DocumentEntities?,
                  warnings: [String])
        case rejected(name: String, reason: String, warnings: [String])
    }

    /// Ingests `pages` in one transaction; each result holds once this returns.
    public func ingest(_ pages: [RawPage], now: Date = Date()) async throws(StoreError) -> [IngestResult] {
        try await commit(await prepare(pages), now: now).observed()
    }

    /// Pages cleaned, identified and signed, ready for ``commit(_:now:)``.
    public struct PreparedPages: Sendable {
        fileprivate let items: [Prepared]
    }

    /// Does everything to `pages` that does not depend on the corpus, on every core and
    /// outside the actor: a caller can prepare the next batch while one commits.
    public nonisolated func prepare(_ pages: [RawPage]) async -> PreparedPages {
        PreparedPages(items: await Self.prepare(pages, annotator: annotator))
    }

    /// Pages committed to the store, whose results hold once the observer has been told.
    public struct CommittedPages: Sendable {
        fileprivate let results: [IngestResult]
        fileprivate let observing: DispatchQueue

        /// The pages' results, once the observer has been told of every change up to theirs.
        public func observed() async -> [IngestResult] {
            await CorpusIngestor.drain(observing)
            return results
        }
    }

    /// Decides each prepared page's fate against the corpus and commits the new ones in one
    /// transaction. The observer is told in the background, so the next batch can commit
    /// meanwhile; the results hold once ``CommittedPages/observed()`` returns.
    public func commit(_ pages: PreparedPages, now: Date = Date()) async throws(StoreError) -> CommittedPages {
        try await ready()
        let (results, stored) = try commit(pages.items, now: now)
        if !stored.isEmpty { tell(.stored(stored)) }
        return CommittedPages(results: results, observing: observing)
    }

    /// Queues `change` for the observer, after every change committed before it.
    private func tell(_ change: CorpusChange) {
        guard let observer else { return }
        observing.async { observer(change) }
    }

    /// Returns once everything queued on `queue` so far has run.
    private static func drain(_ queue: DispatchQueue) async {
        await withCheckedContinuation { (done: CheckedContinuation<Void, Never>) in queue.async { done.resume() } }
    }

    /// Prepares `pages` in parallel, keeping their order.
    nonisolated static func prepare(_ pages: [RawPage], annotator: Annotator?) async -> [Prepared] {
        await Parallel.map(pages) { prepare($0, annotator: annotator) }
    }

    nonisolated static func prepare(_ page: RawPage, annotator: Annotator?) -> Prepared {
        var warnings: [String] = []
        let text: String
        switch decode(page.content) {
        case .rejected(let reason):
            return .rejected(name: page.name, reason: reason, warnings: [])
        case .text(let decoded, let lenient):
            text = decoded
            if lenient { warnings.append("invalid UTF-8 was decoded leniently (replaced with U+FFFD)") }
        }
        var cleaned: CleanedPage
        var hints = page.hints
        if page.format == .cleanText {
            cleaned = PageCleaner.cleanText(text, hints: hints)
        } else if page.format == .html || (page.format == .auto && looksLikeHTML(text)) {
            let html = HTMLPage(page.content)
            cleaned = html.cleaned(hints: hints)
            hints = hints.filled(from: html.hints)
        } else {
            cleaned = PageCleaner.clean(text, hints: hints)
        }
        // The site that carried the page: as given, else its url's, else what the page says.
        if hints.publisher.nonEmpty == nil, let site = page.url.flatMap(Outlets.publisher(fromURL:)) { cleaned.publisher = site }
        guard !cleaned.paragraphs.isEmpty else {
            return .rejected(name: page.name, reason: "no article text was found once site furniture was removed", warnings: warnings)
        }
        if cleaned.date == nil { warnings.append("no publication date found") }
        let hash = hex(fnv((cleaned.headline ?? "") + "\n" + cleaned.body))
        let id = page.url.flatMap { $0.isEmpty ? nil : "u" + hex(fnv($0)) } ?? "c" + hash
        return .page(page, cleaned, id: id, hash: hash, signature: CopySignature(of: cleaned.body), entities: annotator?(cleaned),
                     warnings: warnings)
    }

    /// Decides each prepared page's fate against the corpus and commits the new ones; returns
    /// the results and the documents stored, with their sequence numbers.
    private func commit(_ prepared: [Prepared], now: Date) throws(StoreError)
        -> (results: [IngestResult], stored: [(sequence: Int64, document: StoredDocument)]) {
        var results: [IngestResult] = []
        var batch: [StoredDocument] = []
        var found: [DocumentEntities?] = []
        /// The same content arriving under another name: recorded on the stored document.
        var sightings: [Sighting] = []
        /// Ids whose index entries this batch replaced, to put back from the store if the commit fails.
        var replaced: [String] = []
        let stored = try store.contentHashes(ids: prepared.compactMap { if case .page(_, _, let id, _, _, _, _) = $0 { id } else { nil } })
        for item in prepared {
            guard case .page(let page, let cleaned, let id, let hash, let signature, let entities, let warnings) = item else {
                if case .rejected(let name, let reason, let warnings) = item {
                    results.append(IngestResult(name: name, outcome: .rejected(reason: reason), documentID: nil, warnings: warnings))
                }
                continue
            }
            let known = batch.first { $0.id == id }?.contentHash ?? stored[id]
            if known == hash {
                results.append(IngestResult(name: page.name, outcome: .unchanged, documentID: id, warnings: warnings))
                sightings.append(Sighting(documentID: id, name: page.name, url: page.url.flatMap { $0.isEmpty ? nil : $0 }))
                continue
            }
            let match = index.bestMatch(for: signature).flatMap { $0.id == id ? nil : $0 }
            if let earlier = batch.firstIndex(where: { $0.id == id }) {
                batch.remove(at: earlier)
                found.remove(at: earlier)
            }
            found.append(entities)
            batch.append(StoredDocument(id: id, url: page.url.flatMap { $0.isEmpty ? nil : $0 }, name: page.name,
                                        externalID: page.externalID, page: cleaned, contentHash: hash, duplicateOf: match?.id,
                                        ingestedAt: now, signature: signature))
            replaced.append(id)
            index.insert(id, signature)
            let outcome: IngestResult.Outcome = match.map { .duplicate(of: $0.id, similarity: $0.similarity) } ?? .added
            results.append(IngestResult(name: page.name, outcome: outcome, documentID: id, warnings: warnings))
        }
        do {
            let sequences = try store.insert(batch, entities: found, sightings: sightings)
            return (results, Array(zip(sequences, batch)))
        } catch {
            for id in Set(replaced) {
                if let previous = try? store.signature(id: id) { index.insert(id, previous) } else { index.remove(id) }
            }
            throw error
        }
    }

    /// Removes a document from the store and the index.
    public func delete(id: String) async throws(StoreError) -> Bool {
        try await ready()
        index.remove(id)
        guard try store.delete(id: id) else { return false }
        tell(.deleted(id))
        await Self.drain(observing)
        return true
    }

    enum Decoded {
        case text(String, lenient: Bool)
        case rejected(String)
    }

    /// The page's text, or why it is not text. Invalid UTF-8 is decoded with replacements.
    nonisolated static func decode(_ bytes: [UInt8]) -> Decoded {
        guard bytes.contains(where: { !$0.isASCIIWhitespace }) else { return .rejected("the page is empty") }
        let head = bytes.prefix(4096)
        let controls = head.filter { $0 < 0x20 && !$0.isASCIIWhitespace }.count
        if head.contains(0) || controls * 10 > head.count { return .rejected("the page looks binary, not text") }
        if let strict = String(validating: bytes, as: UTF8.self) { return .text(strict, lenient: false) }
        return .text(String(decoding: bytes, as: UTF8.self), lenient: true)
    }

    nonisolated static func looksLikeHTML(_ text: String) -> Bool {
        let head = text.prefix(2048).lowercased()
        return head.contains("<html") || head.contains("<!doctype html") || (head.contains("<body") && head.contains("</"))
    }

    nonisolated static func fnv(_ text: String) -> UInt64 {
        var h: UInt64 = 0xCBF2_9CE4_8422_2325
        for b in text.utf8 { h = (h ^ UInt64(b)) &* 0x0000_0100_0000_01B3 }
        return h
    }

    nonisolated static func hex(_ v: UInt64) -> String {
        let s = String(v, radix: 16)
        return String(repeating: "0", count: 16 - s.count) + s
    }
}

private extension UInt8 {
    var isASCIIWhitespace: Bool { self == 0x20 || self == 0x09 || self == 0x0A || self == 0x0D || self == 0x0C }
}
