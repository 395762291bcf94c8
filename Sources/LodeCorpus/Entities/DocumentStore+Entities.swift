import Foundation
import GRDB

/// The entity catalogue, read from the store: what ``EntityTables`` keeps current.
extension DocumentStore {
    /// Writes `found` for documents already stored (by sequence number) in one transaction,
    /// replacing what they had: how a new model re-reads the corpus. A document replaced or
    /// deleted since it was read is skipped.
    public func replaceEntities(_ found: [(sequence: Int64, entities: DocumentEntities)]) throws(StoreError) {
        do {
            try pool.write { db in
                entityCache.clear()
                for (seq, entities) in found {
                    guard let row = try Row.fetchOne(db, sql: "SELECT date FROM document WHERE seq = ?", arguments: [seq]) else { continue }
                    try EntityTables.remove(seq: seq, in: db)
                    // The removal may remove entities: nothing is remembered across documents here.
                    var known = EntityTables.KnownEntities()
                    try EntityTables.write(entities, seq: seq, date: row["date"], in: db, ids: &known)
                    try db.cachedStatement(sql: "UPDATE document SET entity_model = ? WHERE seq = ?").execute(arguments: [entities.model, seq])
                }
            }
        } catch {
            throw StoreError(error, path: path)
        }
    }

    /// Up to `limit` documents after `sequence` that `model` has not read, in sequence order.
    public func documentsNeedingEntities(model: String, after sequence: Int64, limit: Int) throws(StoreError)
        -> [(sequence: Int64, document: StoredDocument)] {
        try read { db in
            try Row.fetchAll(db, sql: """
                SELECT * FROM document WHERE seq > ? AND (entity_model IS NULL OR entity_model != ?) ORDER BY seq LIMIT ?
                """, arguments: [sequence, model, limit]).map { ($0["seq"], Self.document($0)) }
        }
    }

    /// How many documents `model` has not read.
    public func countNeedingEntities(model: String) throws(StoreError) -> Int {
        try read { db in
            try Int.fetchOne(db, sql: "SELECT count(*) FROM document WHERE entity_model IS NULL OR entity_model != ?", arguments: [model]) ?? 0
        }
    }

    /// Entities of `kinds` (any when empty) whose name starts with `prefix`, found in the
    /// document with id `document` when given, in `order`, from `offset`; and how many
    /// there are in all.
    public func entities(kinds: [String], prefix: String, document: String? = nil, order: EntityOrder, limit: Int,
                         offset: Int) throws(StoreError) -> (entities: [CatalogEntity], total: Int) {
        try read { db in
            var clauses = ["documents > 0"]
            var arguments: StatementArguments = []
            if let document {
                clauses.append("id IN (SELECT entity FROM entity_document WHERE doc = (SELECT seq FROM document WHERE id = ?))")
                _ = arguments.append(contentsOf: [document])
            }
            if !kinds.isEmpty {
                clauses.append("+kind IN (\(Self.marks(kinds.count)))")
                _ = arguments.append(contentsOf: StatementArguments(kinds))
            }
            if !prefix.isEmpty {
                clauses.append("name LIKE ? ESCAPE '\\'")
                _ = arguments.append(contentsOf: [Self.likePattern(prefix) + "%"])
            }
            let filter = "WHERE " + clauses.joined(separator: " AND ")
            let sort = switch order {
            case .documents: "documents DESC, mentions DESC, name"
            case .mentions: "mentions DESC, documents DESC, name"
            case .name: "name COLLATE NOCASE, kind"
            }
            let total = try Int.fetchOne(db, sql: "SELECT count(*) FROM entity \(filter)", arguments: arguments) ?? 0
            let rows = try Row.fetchAll(db, sql: "SELECT * FROM entity \(filter) ORDER BY \(sort) LIMIT ? OFFSET ?",
                                        arguments: arguments + [limit, offset])
            return (rows.map(Self.entity), total)
        }
    }

    /// The entity one of `keys` (kind, key: its own key or an alias) finds; of several, the
    /// one in the most documents.
    public func entity(keys: [(kind: String, key: String)]) throws(StoreError) -> CatalogEntity? {
        try read { db in
            var best: CatalogEntity?
            for (kind, key) in keys {
                guard let row = try Row.fetchOne(db, sql: """
                    SELECT entity.* FROM entity_name JOIN entity ON entity.id = entity_name.entity
                    WHERE entity_name.kind = ? AND entity_name.key = ?
                    """, arguments: [kind, key]) else { continue }
                let found = Self.entity(row)
                if found.documents > best?.documents ?? -1 { best = found }
            }
            return best
        }
    }

    /// The name, key and document count of every entity of `kinds`, for suggesting a close name.
    public func entityNames(kinds: [String]) throws(StoreError) -> [(name: String, key: String, documents: Int)] {
        try read { db in
            try Row.fetchAll(db, sql: """
                SELECT name, key, documents FROM entity WHERE documents > 0 AND +kind IN (\(Self.marks(kinds.count)))
                """, arguments: StatementArguments(kinds)).map { ($0[0], $0[1], $0[2]) }
        }
    }

    /// The ways an entity is written, most frequent first.
    public func spellings(of entity: Int64) throws(StoreError) -> [(text: String, mentions: Int)] {
        try read { db in
            var counts: [String: Int] = [:]
            let rows = try Row.fetchCursor(db, sql: """
                SELECT m.data FROM entity_document ed JOIN document_mention m ON m.doc = ed.doc WHERE ed.entity = ? AND ed.mentions > 0
                """, arguments: [entity])
            while let row = try rows.next() {
                for m in try MentionRecords.decode(row[0]) where m.entity == entity { counts[m.text, default: 0] += 1 }
            }
            return counts.map { (text: $0.key, mentions: $0.value) }
                .sorted { $0.mentions != $1.mentions ? $0.mentions > $1.mentions : $0.text < $1.text }
        }
    }

    /// What the corpus says the entity is, most documents first.
    public func roles(of entity: Int64) throws(StoreError) -> [CatalogRole] {
        try read { db in
            try Row.fetchAll(db, sql: """
                SELECT role, organisation, count(DISTINCT doc) AS n FROM role WHERE entity = ?
                GROUP BY lower(role), lower(coalesce(organisation, '')) ORDER BY n DESC, role
                """, arguments: [entity]).map { CatalogRole(role: $0[0], organisation: $0[1], documents: $0[2]) }
        }
    }

    /// The newest `limit` documents the entity is in.
    public func documents(of entity: Int64, limit: Int) throws(StoreError) -> [EntityDocument] {
        try read { db in
            try Row.fetchAll(db, sql: """
                SELECT d.id, d.headline, d.source, d.date, ed.mentions FROM entity_document ed JOIN document d ON d.seq = ed.doc
                WHERE ed.entity = ? ORDER BY d.date DESC, d.seq DESC LIMIT ?
                """, arguments: [entity, limit]).map { EntityDocument(id: $0[0], headline: $0[1], source: $0[2], date: $0[3], mentions: $0[4]) }
        }
    }

    /// Entities sharing documents with `entity`, of `kinds` (any when empty), by Dice's
    /// coefficient, then by documents together.
    public func cooccurring(with entity: Int64, kinds: [String], limit: Int) throws(StoreError) -> [Cooccurrence] {
        try read { db in
            let kindFilter = kinds.isEmpty ? "" : "AND e.kind IN (\(Self.marks(kinds.count)))"
            let rows = try Row.fetchAll(db, sql: """
                SELECT e.*, count(*) AS together,
                       2.0 * count(*) / (e.documents + (SELECT documents FROM entity WHERE id = ?1)) AS score
                FROM entity_document a JOIN entity_document b ON b.doc = a.doc AND b.entity != a.entity
                JOIN entity e ON e.id = b.entity
                WHERE a.entity = ?1 \(kindFilter)
                GROUP BY b.entity ORDER BY score DESC, together DESC, e.name LIMIT ?
                """, arguments: StatementArguments([entity] as [any DatabaseValueConvertible]) + StatementArguments(kinds) + [limit])
            return rows.map { Cooccurrence(entity: Self.entity($0), together: $0["together"], score: $0["score"]) }
        }
    }

    /// Up to `limit` mentions of `entity` after the resume point (a document sequence and a
    /// byte offset in it), in store order.
    public func mentions(of entity: Int64, after: (sequence: Int64, start: Int)?, limit: Int) throws(StoreError) -> [CatalogMention] {
        try read { db in
            let (seq, start) = after ?? (0, -1)
            let rows = try Row.fetchCursor(db, sql: """
                SELECT m.doc, m.data, d.id, d.headline, d.date
                FROM entity_document ed JOIN document_mention m ON m.doc = ed.doc JOIN document d ON d.seq = ed.doc
                WHERE ed.entity = ? AND ed.doc >= ? AND ed.mentions > 0 ORDER BY ed.doc
                """, arguments: [entity, seq])
            var found: [CatalogMention] = []
            while found.count < limit, let row = try rows.next() {
                let doc: Int64 = row[0]
                for m in try MentionRecords.decode(row[1]) where m.entity == entity && (doc > seq || m.range.lowerBound > start) {
                    guard found.count < limit else { break }
                    found.append(CatalogMention(documentID: row[2], headline: row[3], date: row[4], text: m.text, range: m.range, sequence: doc))
                }
            }
            return found
        }
    }

    /// Up to `limit` quotes by `entity` (by anyone when nil), newest documents first.
    public func quotes(by entity: Int64?, limit: Int) throws(StoreError) -> [CatalogQuote] {
        try read { db in
            try Row.fetchAll(db, sql: """
                SELECT e.name, q.text, q.start_byte, q.end_byte, d.id, d.headline, d.date
                FROM quote q JOIN entity e ON e.id = q.entity JOIN document d ON d.seq = q.doc
                WHERE ?1 IS NULL OR q.entity = ?1 ORDER BY d.date DESC, q.doc DESC, q.start_byte LIMIT ?2
                """, arguments: [entity, limit]).map {
                CatalogQuote(speaker: $0[0], text: $0[1], range: $0[2]..<$0[3], documentID: $0[4], headline: $0[5], date: $0[6])
            }
        }
    }

    /// The ids of the documents holding any of `entities`.
    public func documentIDs(holding entities: [Int64]) throws(StoreError) -> [String] {
        guard !entities.isEmpty else { return [] }
        return try read { db in
            try String.fetchAll(db, sql: """
                SELECT DISTINCT d.id FROM entity_document ed JOIN document d ON d.seq = ed.doc
                WHERE ed.entity IN (\(entities.map(String.init).joined(separator: ",")))
                """)
        }
    }

    /// The entities of `kinds` in the documents with `ids`, by how many of them hold each.
    public func entityCounts(inDocuments ids: [String], kinds: [String], limit: Int) throws(StoreError) -> [(entity: CatalogEntity, documents: Int)] {
        guard !ids.isEmpty else { return [] }
        return try read { db in
            let kindFilter = kinds.isEmpty ? "" : "WHERE e.kind IN (\(Self.marks(kinds.count)))"
            return try Row.fetchAll(db, sql: """
                SELECT e.*, count(*) AS hits FROM json_each(?) w JOIN document d ON d.id = w.value
                JOIN entity_document ed ON ed.doc = d.seq JOIN entity e ON e.id = ed.entity \(kindFilter)
                GROUP BY e.id ORDER BY hits DESC, e.documents DESC, e.name LIMIT ?
                """, arguments: [Self.jsonArray(ids)] + StatementArguments(kinds) + [limit]).map { (Self.entity($0), $0["hits"]) }
        }
    }

    static func entity(_ row: Row) -> CatalogEntity {
        CatalogEntity(id: row["id"], kind: row["kind"], name: row["name"], documents: row["documents"], mentions: row["mentions"],
                      firstSeen: row["first_seen"], lastSeen: row["last_seen"])
    }

    /// Strings as a JSON array, for `json_each`.
    static func jsonArray(_ strings: [String]) -> String {
        let data = try! JSONSerialization.data(withJSONObject: strings)
        return String(decoding: data, as: UTF8.self)
    }

    /// `text` with LIKE's wildcards escaped by a backslash.
    static func likePattern(_ text: String) -> String {
        text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "%", with: "\\%").replacingOccurrences(of: "_", with: "\\_")
    }
}
