import Foundation
import GRDB

/// The corpus on disk: one SQLite file through GRDB, in WAL mode with full synchronous
/// commits, so a document is on disk once `insert` returns. Opening a file that is not a
/// Lode store, or is damaged, is refused before anything writes to it.
public final class DocumentStore: Sendable {
    /// 'LODE', stored as SQLite's application_id.
    static let applicationID: Int32 = 0x4C4F_4445
    public let path: String
    let pool: DatabasePool
    let entityCache = EntityCache()
    let checkpointer: WALCheckpointer

    /// Opens, or creates, the store at `path`, migrating an older schema.
    /// - Parameter quickCheck: run SQLite's quick check (which reads every page) before
    ///   anything writes; a store known to be as its last clean close left it (``StoreLock``)
    ///   can skip it.
    public convenience init(path: String, quickCheck: Bool = true) throws(StoreError) {
        try self.init(path: path, checkpointer: WALCheckpointer(path: path), quickCheck: quickCheck)
    }

    /// - Parameter checkpointer: copies the write-ahead log into the file for `path`.
    init(path: String, checkpointer: WALCheckpointer, quickCheck: Bool = true) throws(StoreError) {
        self.path = path
        try Self.checkExisting(path, quickCheck: quickCheck)
        do {
            // Through URL: a bare file name ("lode.sqlite") lives in the current folder.
            try FileManager.default.createDirectory(at: URL(fileURLWithPath: path).deletingLastPathComponent(),
                                                    withIntermediateDirectories: true)
            self.checkpointer = checkpointer
            var config = Configuration()
            config.prepareDatabase { db in
                checkpointer.watch(db)
                try db.execute(sql: "PRAGMA synchronous = FULL")
                // Reads map the file rather than copy pages in: catalogue scans touch much of it.
                try db.execute(sql: "PRAGMA mmap_size = 1073741824")
            }
            pool = try DatabasePool(path: path, configuration: config)
            try pool.write { db in
                try db.execute(sql: "PRAGMA application_id = \(Self.applicationID)")
                // The writer's own page cache (readers map the file): ingest updates indexes
                // all over a large catalogue, and SQLite's 2 MB default rereads their pages.
                try db.execute(sql: "PRAGMA cache_size = -32768")
            }
            try Self.migrator.migrate(pool)
        } catch {
            throw StoreError(error, path: path)
        }
    }

    /// Refuses a file that exists and is not a healthy Lode store, reading it only.
    private static func checkExisting(_ path: String, quickCheck: Bool) throws(StoreError) {
        guard let handle = FileHandle(forReadingAtPath: path) else { return }
        let header = (try? handle.read(upToCount: 16)) ?? Data()
        try? handle.close()
        if header.isEmpty { return }
        guard header == Data("SQLite format 3\0".utf8) else { throw .notADatabase(path) }
        do {
            var config = Configuration()
            config.readonly = true
            // The quick check reads every page: mapped, not copied in (less than half the time).
            config.prepareDatabase { db in try db.execute(sql: "PRAGMA mmap_size = 68719476736") }
            let queue = try DatabaseQueue(path: path, configuration: config)
            try queue.read { db in
                let id = try Int32.fetchOne(db, sql: "PRAGMA application_id") ?? 0
                let tables = try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table'")
                if id != applicationID, !tables.isEmpty { throw StoreError.foreign(path) }
                if quickCheck {
                    let check = try String.fetchAll(db, sql: "PRAGMA quick_check")
                    if check != ["ok"] { throw StoreError.corrupt(path, check.prefix(3).joined(separator: "; ")) }
                }
                let applied = try? String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations")
                if let applied, Set(applied).subtracting(knownMigrations).isEmpty == false { throw StoreError.newerSchema(path) }
            }
            try queue.close()
        } catch let error as DatabaseError where error.resultCode == .SQLITE_NOTADB || error.resultCode == .SQLITE_CORRUPT {
            throw .corrupt(path, error.message ?? "\(error.resultCode)")
        } catch {
            throw StoreError(error, path: path)
        }
    }

    private static let knownMigrations: Set<String> = ["v1", "v2-entities", "v3-copies", "v4-surnames", "v5-mention-records"]

    private static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            try db.execute(sql: """
                CREATE TABLE document (
                    seq INTEGER PRIMARY KEY AUTOINCREMENT,
                    id TEXT NOT NULL UNIQUE,
                    url TEXT, name TEXT NOT NULL, external_id TEXT,
                    source TEXT, headline TEXT, date TEXT, dateline TEXT, author TEXT,
                    paragraphs TEXT NOT NULL, captions TEXT NOT NULL,
                    content_hash TEXT NOT NULL, duplicate_of TEXT,
                    ingested_at REAL NOT NULL, word_count INTEGER NOT NULL,
                    signature BLOB NOT NULL);
                CREATE INDEX document_content_hash ON document(content_hash);
                CREATE INDEX document_source ON document(source COLLATE NOCASE);
                CREATE INDEX document_date ON document(date);
                CREATE INDEX document_duplicate_of ON document(duplicate_of);
                """)
        }
        migrator.registerMigration("v2-entities") { db in try db.execute(sql: EntityTables.schema) }
        // The names-and-numbers signature of copy detection (NULL in older rows: computed
        // from the text when read), the site that carried a page, and the other names the
        // same content arrived under.
        migrator.registerMigration("v3-copies") { db in
            try db.execute(sql: """
                ALTER TABLE document ADD COLUMN names_signature BLOB;
                ALTER TABLE document ADD COLUMN publisher TEXT;
                CREATE TABLE document_sighting (
                    document_id TEXT NOT NULL, name TEXT NOT NULL, url TEXT, seen_at REAL NOT NULL,
                    PRIMARY KEY (document_id, name));
                """)
        }
        // People by surname, for bare surnames to find whom they mean.
        migrator.registerMigration("v4-surnames") { db in
            try db.execute(sql: EntityTables.surnameSchema)
            try EntityTables.fillSurnames(in: db)
        }
        migrator.registerMigration("v5-mention-records") { db in try EntityTables.moveMentionsIntoRecords(in: db) }
        return migrator
    }

    /// Checkpoints the write-ahead log into the database file and closes it, once reads in
    /// flight (a background load, say) are done: a reader would keep the log from emptying.
    public func close() throws(StoreError) {
        do {
            try checkpointer.close()
            _ = try pool.barrierWriteWithoutTransaction { try $0.checkpoint(.truncate) }
            try pool.close()
        } catch {
            throw StoreError(error, path: path)
        }
    }

    // MARK: Writing

    /// Inserts or replaces `documents` in one transaction, durable when this returns, each
    /// with what entity extraction found in it when `entities` has it (same order).
    /// - Returns: each document's sequence number, which grows with every insert.
    @discardableResult
    /// `sightings` record content that arrived again under another name (ignored for the
    /// document's own name and for names already recorded).
    public func insert(_ documents: [StoredDocument], entities: [DocumentEntities?] = [],
                       sightings: [Sighting] = []) throws(StoreError) -> [Int64] {
        do {
            let (sequences, known, ticket) = try pool.write { db in
                var sequences: [Int64] = []
                var (ticket, known) = entityCache.checkOut()
                for (i, d) in documents.enumerated() {
                    if try Self.remove(id: d.id, in: db) { known.removeAll() }
                    let found = i < entities.count ? entities[i] : nil
                    // One write of the row: marked as read by the entity model along with it.
                    try db.cachedStatement(sql: """
                        INSERT INTO document (id, url, name, external_id, source, publisher, headline, date, dateline, author,
                            paragraphs, captions, content_hash, duplicate_of, ingested_at, word_count, signature, names_signature,
                            entity_model)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                        """).execute(arguments: [
                            d.id, d.url, d.name, d.externalID, d.page.source, d.page.publisher, d.page.headline, d.page.date?.description,
                            d.page.dateline, d.page.author, d.page.paragraphs.joined(separator: "\n"),
                            d.page.captions.joined(separator: "\n"), d.contentHash, d.duplicateOf,
                            d.ingestedAt.timeIntervalSince1970, d.page.wordCount, Self.blob(d.signature.text), Self.blob(d.signature.names),
                            found?.model,
                        ])
                    let seq = db.lastInsertedRowID
                    if let found {
                        try EntityTables.write(found, seq: seq, date: d.page.date?.description, in: db, ids: &known)
                    }
                    sequences.append(seq)
                }
                for s in sightings {
                    try db.cachedStatement(sql: """
                        INSERT OR IGNORE INTO document_sighting (document_id, name, url, seen_at)
                        SELECT ?, ?, ?, ? WHERE NOT EXISTS (SELECT 1 FROM document WHERE id = ? AND name = ?)
                        """).execute(arguments: [s.documentID, s.name, s.url, Date().timeIntervalSince1970, s.documentID, s.name])
                }
                return (sequences, known, ticket)
            }
            entityCache.checkIn(consume known, ticket: ticket)
            return sequences
        } catch {
            throw StoreError(error, path: path)
        }
    }

    /// Removes a document; returns whether it was there.
    public func delete(id: String) throws(StoreError) -> Bool {
        do {
            return try pool.write { db in
                entityCache.clear()
                return try Self.remove(id: id, in: db)
            }
        } catch {
            throw StoreError(error, path: path)
        }
    }

    /// Removes document `id` and its entity findings, if it is there.
    @discardableResult
    private static func remove(id: String, in db: Database) throws -> Bool {
        guard let seq = try Int64.fetchOne(db.cachedStatement(sql: "SELECT seq FROM document WHERE id = ?"), arguments: [id]) else {
            return false
        }
        try EntityTables.remove(seq: seq, in: db)
        try db.cachedStatement(sql: "DELETE FROM document WHERE seq = ?").execute(arguments: [seq])
        try db.cachedStatement(sql: "DELETE FROM document_sighting WHERE document_id = ?").execute(arguments: [id])
        return true
    }

    // MARK: Reading

    /// One document, with the other names its content was seen under, in the order they came.
    public func document(id: String) throws(StoreError) -> StoredDocument? {
        try read { db in
            guard var d = try Row.fetchOne(db, sql: "SELECT * FROM document WHERE id = ?", arguments: [id]).map(Self.document) else {
                return nil
            }
            d.seenAs = try Row.fetchAll(db, sql: "SELECT name, url FROM document_sighting WHERE document_id = ? ORDER BY seen_at, name",
                                        arguments: [id]).map { ($0["url"] as String?) ?? $0["name"] }
            return d
        }
    }

    /// The body paragraphs of the documents with these ids, by id, in one read; ids the
    /// store lacks are left out.
    public func paragraphs(ids: [String]) throws(StoreError) -> [String: [String]] {
        guard !ids.isEmpty else { return [:] }
        return try read { db in
            let marks = Self.marks(ids.count)
            var out: [String: [String]] = [:]
            let rows = try Row.fetchCursor(db, sql: "SELECT id, paragraphs FROM document WHERE id IN (\(marks))",
                                           arguments: StatementArguments(ids))
            while let row = try rows.next() {
                let text: String = row[1]
                out[row[0]] = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            }
            return out
        }
    }

    /// Content hashes by id, for telling an unchanged page from a changed one.
    public func contentHash(id: String) throws(StoreError) -> String? {
        try read { db in try String.fetchOne(db, sql: "SELECT content_hash FROM document WHERE id = ?", arguments: [id]) }
    }

    /// The content hashes of the stored documents among `ids`, by id: one read for a batch.
    public func contentHashes(ids: some Collection<String>) throws(StoreError) -> [String: String] {
        guard !ids.isEmpty else { return [:] }
        return try read { db in
            let rows = try Row.fetchCursor(db, sql: "SELECT id, content_hash FROM document WHERE id IN (SELECT value FROM json_each(?))",
                                           arguments: [Self.jsonArray(Array(ids))])
            var hashes: [String: String] = [:]
            while let row = try rows.next() { hashes[row[0]] = row[1] }
            return hashes
        }
    }

    /// Calls `body` with every document's id and copy signature, in store order, to rebuild the
    /// near-duplicate index at start. Names signatures a store from before them lacks are
    /// computed from the text (not saved).
    public func forEachSignature(_ body: (String, CopySignature) -> Void) throws(StoreError) {
        try read { db in
            let rows = try Row.fetchCursor(db, sql: "SELECT id, \(Self.signatureColumns) FROM document")
            while let row = try rows.next() { body(row["id"], Self.copySignature(row)) }
        }
    }

    /// The copy signature of document `id`, if the store holds it.
    public func signature(id: String) throws(StoreError) -> CopySignature? {
        try read { db in
            try Row.fetchOne(db, sql: "SELECT \(Self.signatureColumns) FROM document WHERE id = ?", arguments: [id]).map(Self.copySignature)
        }
    }

    /// The columns ``copySignature(_:)`` reads: a row stored before names were signed has its paragraphs instead.
    private static let signatureColumns = "signature, names_signature, CASE WHEN names_signature IS NULL THEN paragraphs END AS paragraphs"

    private static func copySignature(_ row: Row) -> CopySignature {
        let names: Data? = row["names_signature"]
        let paragraphs: String? = row["paragraphs"]
        let body = paragraphs?.replacingOccurrences(of: "\n", with: "\n\n") ?? ""
        return CopySignature(text: signature(row["signature"]), names: names.map(signature) ?? CopySignature(of: body).names)
    }

    /// How many documents the store holds, and the largest and the sum of their sequence
    /// numbers: sequence numbers are never reused, so a derived index whose documents have
    /// the same three holds exactly the store's.
    public func sequenceSummary() throws(StoreError) -> SequenceSummary {
        try read { db in
            let row = try Row.fetchOne(db, sql: "SELECT count(*), coalesce(max(seq), 0), coalesce(sum(seq), 0) FROM document")!
            return SequenceSummary(count: row[0], largest: row[1], sum: row[2])
        }
    }

    /// Every document's id with its sequence number.
    public func sequences() throws(StoreError) -> [String: Int64] {
        try read { db in
            var out: [String: Int64] = [:]
            let rows = try Row.fetchCursor(db, sql: "SELECT id, seq FROM document")
            while let row = try rows.next() { out[row[0]] = row[1] }
            return out
        }
    }

    /// Up to `limit` documents with a sequence number above `sequence`, in sequence order.
    public func documents(after sequence: Int64, limit: Int) throws(StoreError) -> [(sequence: Int64, document: StoredDocument)] {
        try read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM document WHERE seq > ? ORDER BY seq LIMIT ?", arguments: [sequence, limit])
                .map { ($0["seq"], Self.document($0)) }
        }
    }

    /// Up to `limit` documents matching `filter`, newest ingest first, after `cursor`
    /// (the `seq` of the last one seen); and the cursor for the next page.
    public func list(_ filter: DocumentFilter, limit: Int, after cursor: Int64?) throws(StoreError) -> ([StoredDocument], Int64?) {
        try read { db in
            var (sql, arguments) = Self.whereClause(filter)
            if let cursor {
                sql += " AND seq < ?"
                _ = arguments.append(contentsOf: [cursor])
            }
            let rows = try Row.fetchAll(db, sql: "SELECT * FROM document \(sql) ORDER BY seq DESC LIMIT ?",
                                        arguments: arguments + [limit + 1])
            let page = rows.prefix(limit)
            let next: Int64? = rows.count > limit ? page.last.map { $0["seq"] } : nil
            return (page.map(Self.document), next)
        }
    }

    public func stats() throws(StoreError) -> CorpusStats {
        try read { db in
            var s = CorpusStats()
            let row = try Row.fetchOne(db, sql: """
                SELECT count(*) AS n, coalesce(sum(word_count), 0) AS words, count(DISTINCT lower(source)) AS sources,
                       min(date) AS first, max(date) AS last, count(duplicate_of) AS copies,
                       count(DISTINCT duplicate_of) AS groups FROM document
                """)!
            s.documents = row["n"]
            s.words = row["words"]
            s.sources = row["sources"]
            s.firstDate = row["first"]
            s.lastDate = row["last"]
            s.duplicates = row["copies"]
            s.duplicateGroups = row["groups"]
            s.documentsWithEntities = try Int.fetchOne(db, sql: "SELECT count(*) FROM document WHERE entity_model IS NOT NULL") ?? 0
            s.entities = try Int.fetchOne(db, sql: "SELECT count(*) FROM entity WHERE documents > 0") ?? 0
            s.bySource = try Row.fetchAll(db, sql: """
                SELECT coalesce(source, '') AS source, count(*) AS n FROM document GROUP BY lower(source) ORDER BY n DESC, source
                """).map { ($0["source"], $0["n"]) }
            return s
        }
    }

    /// SQLite's full integrity check: "ok" when the file is sound.
    public func integrityCheck() throws(StoreError) -> String {
        try read { db in try String.fetchAll(db, sql: "PRAGMA integrity_check").joined(separator: "; ") }
    }

    func read<T>(_ body: (Database) throws -> T) throws(StoreError) -> T {
        do {
            return try pool.read(body)
        } catch {
            throw StoreError(error, path: path)
        }
    }

    /// `count` SQL parameter marks for an IN list: "?,?,?".
    static func marks(_ count: Int) -> String { Array(repeating: "?", count: count).joined(separator: ",") }

    private static func whereClause(_ f: DocumentFilter) -> (String, StatementArguments) {
        var clauses = ["1"]
        var arguments = StatementArguments()
        if let source = f.source {
            clauses.append("lower(source) = lower(?)")
            _ = arguments.append(contentsOf: [source])
        }
        if let from = f.dateFrom {
            clauses.append("date >= ?")
            _ = arguments.append(contentsOf: [from.description])
        }
        if let to = f.dateTo {
            clauses.append("date <= ?")
            _ = arguments.append(contentsOf: [to.description])
        }
        switch f.duplicates {
        case .all: break
        case .originals: clauses.append("duplicate_of IS NULL")
        case .duplicates: clauses.append("duplicate_of IS NOT NULL")
        }
        return ("WHERE " + clauses.joined(separator: " AND "), arguments)
    }

    static func document(_ row: Row) -> StoredDocument {
        let paragraphs: String = row["paragraphs"]
        let captions: String = row["captions"]
        let date: String? = row["date"]
        let page = CleanedPage(
            headline: row["headline"], source: row["source"], publisher: row["publisher"],
            date: date.flatMap { DateFinder.firstDate(in: $0)?.date },
            dateline: row["dateline"], author: row["author"],
            paragraphs: paragraphs.isEmpty ? [] : paragraphs.components(separatedBy: "\n"),
            captions: captions.isEmpty ? [] : captions.components(separatedBy: "\n"))
        return StoredDocument(id: row["id"], url: row["url"], name: row["name"], externalID: row["external_id"], page: page,
                              contentHash: row["content_hash"], duplicateOf: row["duplicate_of"],
                              ingestedAt: Date(timeIntervalSince1970: row["ingested_at"]),
                              signature: CopySignature(text: signature(row["signature"]),
                                                       names: signature(row["names_signature"] ?? Data())))
    }

    /// The shingle count, then the values, as little-endian 64-bit words.
    private static func blob(_ s: MinHashSignature) -> Data {
        ([UInt64(s.shingles)] + s.values).withUnsafeBytes { Data($0) }
    }

    private static func signature(_ data: Data) -> MinHashSignature {
        let words = data.withUnsafeBytes { Array($0.bindMemory(to: UInt64.self)) }
        guard let count = words.first else { return MinHashSignature(values: [], shingles: 0) }
        return MinHashSignature(values: Array(words.dropFirst()), shingles: Int(count))
    }
}
