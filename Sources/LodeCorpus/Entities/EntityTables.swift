import Foundation
import GRDB

/// The entity catalogue's tables, beside the documents in the store, and the writes that keep
/// them in step with a document: its mentions, roles and quotes go in with it and come out with it.
///
/// - `entity`: one row per catalogue entity (kind + key), with its counts and first/last
///   publication dates, kept current on every write.
/// - `entity_name`: every key an entity is found by (its own, and acronyms defined in its
///   documents, kept while a document's mentions register them: `entity_alias`).
/// - `entity_document`: which entities a document holds, how often, and the document's date.
/// - `document_mention`: the document's mentions, one blob (``MentionRecords``), with byte
///   offsets into ``CleanedPage/entityText``; `entity_alias`: which documents' mentions
///   registered an alias.
/// - `role`, `quote`: the document's other findings, a row each.
enum EntityTables {
    static let schema = """
        ALTER TABLE document ADD COLUMN entity_model TEXT;
        CREATE TABLE entity (
            id INTEGER PRIMARY KEY, kind TEXT NOT NULL, key TEXT NOT NULL, name TEXT NOT NULL,
            documents INTEGER NOT NULL DEFAULT 0, mentions INTEGER NOT NULL DEFAULT 0,
            first_seen TEXT, last_seen TEXT, UNIQUE (kind, key));
        CREATE INDEX entity_by_documents ON entity(documents DESC);
        CREATE INDEX entity_by_name ON entity(name COLLATE NOCASE);
        CREATE TABLE entity_name (
            kind TEXT NOT NULL, key TEXT NOT NULL,
            entity INTEGER NOT NULL REFERENCES entity(id) ON DELETE CASCADE,
            PRIMARY KEY (kind, key)) WITHOUT ROWID;
        CREATE INDEX entity_name_entity ON entity_name(entity);
        CREATE TABLE entity_document (
            entity INTEGER NOT NULL REFERENCES entity(id) ON DELETE CASCADE,
            doc INTEGER NOT NULL REFERENCES document(seq) ON DELETE CASCADE,
            mentions INTEGER NOT NULL, date TEXT, PRIMARY KEY (entity, doc)) WITHOUT ROWID;
        CREATE INDEX entity_document_doc ON entity_document(doc);
        \(mentionRowsSchema)
        CREATE TABLE role (
            doc INTEGER NOT NULL REFERENCES document(seq) ON DELETE CASCADE,
            entity INTEGER NOT NULL REFERENCES entity(id) ON DELETE CASCADE,
            role TEXT NOT NULL, organisation TEXT);
        CREATE INDEX role_entity ON role(entity);
        CREATE INDEX role_doc ON role(doc);
        CREATE TABLE quote (
            doc INTEGER NOT NULL REFERENCES document(seq) ON DELETE CASCADE,
            entity INTEGER NOT NULL REFERENCES entity(id) ON DELETE CASCADE,
            text TEXT NOT NULL, start_byte INTEGER NOT NULL, end_byte INTEGER NOT NULL);
        CREATE INDEX quote_entity ON quote(entity, doc);
        CREATE INDEX quote_doc ON quote(doc);
        """

    /// People by the last word of their full name, to find whom a bare surname means.
    static let surnameSchema = """
        CREATE TABLE person_surname (
            surname TEXT NOT NULL, entity INTEGER NOT NULL REFERENCES entity(id) ON DELETE CASCADE,
            PRIMARY KEY (surname, entity)) WITHOUT ROWID;
        """

    /// A row per mention, as stores before ``mentionRecordsSchema`` kept them.
    static let mentionRowsSchema = """
        CREATE TABLE mention (
            doc INTEGER NOT NULL REFERENCES document(seq) ON DELETE CASCADE,
            entity INTEGER NOT NULL REFERENCES entity(id) ON DELETE CASCADE,
            start_byte INTEGER NOT NULL, end_byte INTEGER NOT NULL, text TEXT NOT NULL, value TEXT NOT NULL,
            alias TEXT);
        CREATE INDEX mention_entity ON mention(entity, doc);
        CREATE INDEX mention_doc ON mention(doc);
        """

    /// Mentions kept as one blob per document (the `mention` table, a row each in two indexes,
    /// made ingest write three B-tree entries per mention).
    static let mentionRecordsSchema = """
        CREATE TABLE document_mention (
            doc INTEGER PRIMARY KEY REFERENCES document(seq) ON DELETE CASCADE, data BLOB NOT NULL);
        CREATE TABLE entity_alias (
            entity INTEGER NOT NULL REFERENCES entity(id) ON DELETE CASCADE, alias TEXT NOT NULL, doc INTEGER NOT NULL,
            PRIMARY KEY (entity, alias, doc)) WITHOUT ROWID;
        """

    /// Moves a store's `mention` rows into ``MentionRecords`` and drops the table.
    static func moveMentionsIntoRecords(in db: Database) throws {
        try db.execute(sql: mentionRecordsSchema)
        let rows = try Row.fetchCursor(db, sql: """
            SELECT doc, entity, start_byte, end_byte, text, value, alias FROM mention ORDER BY doc, start_byte, rowid
            """)
        let insert = try db.makeStatement(sql: "INSERT INTO document_mention (doc, data) VALUES (?, ?)")
        var records = MentionRecords()
        var doc: Int64?
        func flush() throws {
            if let doc, !records.bytes.isEmpty { try insert.execute(arguments: [doc, Data(records.bytes)]) }
            records = MentionRecords()
        }
        while let row = try rows.next() {
            let rowDoc: Int64 = row[0]
            if rowDoc != doc {
                try flush()
                doc = rowDoc
            }
            records.append(.init(entity: row[1], range: row[2]..<row[3], text: row[4], value: row[5], alias: row[6]))
        }
        try flush()
        try db.execute(sql: """
            INSERT OR IGNORE INTO entity_alias (entity, alias, doc) SELECT entity, alias, doc FROM mention WHERE alias IS NOT NULL;
            DROP TABLE mention;
            """)
    }

    /// Registers the surnames of the people already catalogued (a store from before the table).
    static func fillSurnames(in db: Database) throws {
        for row in try Row.fetchAll(db, sql: "SELECT id, key FROM entity WHERE kind = 'PER' AND key LIKE '% %'") {
            let key: String = row["key"]
            try db.execute(sql: "INSERT OR IGNORE INTO person_surname (surname, entity) VALUES (?, ?)",
                           arguments: [surname(key), row["id"] as Int64])
        }
    }

    private static func surname(_ key: String) -> String { String(key.split(separator: " ").last ?? Substring(key)) }

    /// The person a bare surname key means across the corpus: the catalogued person with that
    /// surname in at least three documents and in four times as many as any other; nil when
    /// none stands out so ("Brown" alone, when several Browns are as common).
    private static func person(surnamed key: String, in db: Database) throws -> (id: Int64, name: String)? {
        let rows = try Row.fetchAll(db.cachedStatement(sql: """
            SELECT entity.id, entity.name, entity.documents FROM person_surname JOIN entity ON entity.id = person_surname.entity
            WHERE person_surname.surname = ? AND entity.documents > 0 ORDER BY entity.documents DESC LIMIT 2
            """), arguments: [key])
        guard let top = rows.first, (top["documents"] as Int) >= 3,
              rows.count == 1 || (top["documents"] as Int) >= 4 * (rows[1]["documents"] as Int) else { return nil }
        return (top["id"], top["name"])
    }

    /// Entities by kind and key ("PER\u{1}zhang zhong"), with their ids and names, as writes
    /// found them.
    struct KnownEntities {
        private var ids: [String: Int64] = [:]
        /// Each entity's name, once however many keys find it, so that a better spelling found
        /// through one key is the name through every other.
        private var names: [Int64: String] = [:]
        /// Keys a bare surname resolved: what one means depends on the corpus at the time, so
        /// they are not kept across writes.
        private var bySurname: [String] = []

        var count: Int { ids.count }
        subscript(key: String) -> (id: Int64, name: String)? { ids[key].flatMap { id in names[id].map { (id, $0) } } }

        mutating func remember(_ key: String, _ entity: (id: Int64, name: String), bySurname surname: Bool = false) {
            ids[key] = entity.id
            names[entity.id] = entity.name
            if surname { bySurname.append(key) }
        }

        /// Every key that found entity `old` finds `new` now, named `name`.
        mutating func repoint(_ old: Int64, to new: Int64, name: String) {
            for key in ids.compactMap({ $0.value == old ? $0.key : nil }) { ids[key] = new }
            names[old] = nil
            names[new] = name
        }

        mutating func removeAll() {
            ids.removeAll()
            names.removeAll()
            bySurname.removeAll()
        }

        /// These entities without the ones bare surnames found.
        consuming func keptAcrossWrites() -> KnownEntities {
            for key in bySurname { ids.removeValue(forKey: key) }
            bySurname.removeAll()
            return self
        }
    }

    /// Adds what `entities` found in document `seq` (published on `date`) to the catalogue. A
    /// person named by a surname alone that the catalogue does not know joins the person the
    /// surname means across the corpus, if one stands out. The caller marks the document as
    /// read by `entities.model`. `ids` remembers the entities found so far (by kind and key), so
    /// that each is looked up once; it must be emptied when a document is removed, which may
    /// remove entities (``EntityCache`` keeps it across transactions).
    static func write(_ entities: DocumentEntities, seq: Int64, date: String?, in db: Database, ids: inout KnownEntities) throws {
        var counts: [Int64: Int] = [:]
        /// The entity (kind, key), made when there is none; a better-written name replaces its own.
        func entity(_ kind: String, _ key: String, _ name: String) throws -> Int64 {
            let memo = kind + "\u{1}" + key
            let found = try ids[memo] ?? Row.fetchOne(db.cachedStatement(sql: """
                SELECT entity.id, entity.name FROM entity_name JOIN entity ON entity.id = entity_name.entity
                WHERE entity_name.kind = ? AND entity_name.key = ?
                """), arguments: [kind, key]).map { (id: $0[0] as Int64, name: $0[1] as String) }
            if found == nil, kind == "PER", !key.contains(" "), let person = try person(surnamed: key, in: db) {
                ids.remember(memo, person, bySurname: true)
                return person.id
            }
            if var known = found {
                if name != known.name, nameQuality(name) > nameQuality(known.name) {
                    try db.cachedStatement(sql: "UPDATE entity SET name = ? WHERE id = ?").execute(arguments: [name, known.id])
                    known.name = name
                }
                ids.remember(memo, known)
                return known.id
            }
            try db.cachedStatement(sql: "INSERT INTO entity (kind, key, name) VALUES (?, ?, ?)").execute(arguments: [kind, key, name])
            let id = db.lastInsertedRowID
            try db.cachedStatement(sql: "INSERT INTO entity_name (kind, key, entity) VALUES (?, ?, ?)").execute(arguments: [kind, key, id])
            if kind == "PER", key.contains(" ") {
                try db.cachedStatement(sql: "INSERT INTO person_surname (surname, entity) VALUES (?, ?)").execute(arguments: [surname(key), id])
            }
            ids.remember(memo, (id, name))
            return id
        }
        var mentions: [MentionRecords.Mention] = []
        mentions.reserveCapacity(entities.mentions.count)
        for m in entities.mentions {
            let id = try entity(m.kind, m.key, m.name)
            counts[id, default: 0] += 1
            let alias = m.alias.flatMap { $0 == m.key ? nil : $0 }
            mentions.append(.init(entity: id, range: m.range, text: m.text, value: m.value, alias: alias))
            if let alias {
                if let bare = try merge(kind: m.kind, key: alias, into: id, in: db) {
                    // This document's own bare mentions, counted so far, join too.
                    counts[id, default: 0] += counts.removeValue(forKey: bare) ?? 0
                    for i in mentions.indices where mentions[i].entity == bare { mentions[i].entity = id }
                    ids.repoint(bare, to: id, name: m.name)
                }
                try db.cachedStatement(sql: "INSERT OR IGNORE INTO entity_name (kind, key, entity) VALUES (?, ?, ?)")
                    .execute(arguments: [m.kind, alias, id])
                try db.cachedStatement(sql: "INSERT OR IGNORE INTO entity_alias (entity, alias, doc) VALUES (?, ?, ?)")
                    .execute(arguments: [id, alias, seq])
            }
        }
        if !mentions.isEmpty {
            var records = MentionRecords()
            for m in mentions { records.append(m) }
            try db.cachedStatement(sql: "INSERT INTO document_mention (doc, data) VALUES (?, ?)").run([.integer(seq), .blob(records.bytes)])
        }
        for r in entities.roles {
            let id = try entity("PER", r.personKey, r.person)
            counts[id, default: 0] += 0
            try db.cachedStatement(sql: "INSERT INTO role (doc, entity, role, organisation) VALUES (?, ?, ?, ?)")
                .execute(arguments: [seq, id, r.role, r.organisation])
        }
        for q in entities.quotes {
            let id = try entity("PER", q.speakerKey, q.speaker)
            counts[id, default: 0] += 0
            try db.cachedStatement(sql: "INSERT INTO quote (doc, entity, text, start_byte, end_byte) VALUES (?, ?, ?, ?, ?)")
                .execute(arguments: [seq, id, q.text, q.range.lowerBound, q.range.upperBound])
        }
        let link = try db.cachedStatement(sql: "INSERT INTO entity_document (entity, doc, mentions, date) VALUES (?, ?, ?, ?)")
        let count = try db.cachedStatement(sql: """
            UPDATE entity SET documents = documents + 1, mentions = mentions + ?1,
                first_seen = CASE WHEN ?2 IS NOT NULL AND (first_seen IS NULL OR ?2 < first_seen) THEN ?2 ELSE first_seen END,
                last_seen = CASE WHEN ?2 IS NOT NULL AND (last_seen IS NULL OR ?2 > last_seen) THEN ?2 ELSE last_seen END
            WHERE id = ?3
            """)
        for (id, n) in counts {
            try link.run([.integer(id), .integer(seq), .integer(Int64(n)), .text(date)])
            try count.run([.integer(Int64(n)), .text(date), .integer(id)])
        }
    }

    /// An acronym defined after documents used it bare ("CAE" stored first, "Chinese Academy
    /// of Engineering (CAE)" later): the bare entity's mentions, roles, quotes and names join
    /// the defined one, whose counts are taken again from its documents.
    /// - Returns: the bare entity's id, gone now; nil when there was none.
    private static func merge(kind: String, key: String, into target: Int64, in db: Database) throws -> Int64? {
        guard let bare = try Int64.fetchOne(db.cachedStatement(sql: "SELECT id FROM entity WHERE kind = ? AND key = ?"),
                                            arguments: [kind, key]), bare != target else { return nil }
        let held = try Row.fetchAll(db, sql: """
            SELECT m.doc, m.data FROM entity_document ed JOIN document_mention m ON m.doc = ed.doc WHERE ed.entity = ?
            """, arguments: [bare])
        for row in held {
            let data: Data = row[1]
            try db.execute(sql: "UPDATE document_mention SET data = ? WHERE doc = ?",
                           arguments: [Data(try MentionRecords.repointing(data, from: bare, to: target)), row[0] as Int64])
        }
        for table in ["role", "quote"] {
            try db.execute(sql: "UPDATE \(table) SET entity = ?1 WHERE entity = ?2", arguments: [target, bare])
        }
        try db.execute(sql: "UPDATE OR REPLACE entity_alias SET entity = ?1 WHERE entity = ?2", arguments: [target, bare])
        try db.execute(sql: """
            UPDATE entity_document AS t SET mentions = t.mentions + b.mentions
            FROM entity_document AS b WHERE t.entity = ?1 AND b.entity = ?2 AND b.doc = t.doc
            """, arguments: [target, bare])
        try db.execute(sql: "DELETE FROM entity_document WHERE entity = ?2 AND doc IN (SELECT doc FROM entity_document WHERE entity = ?1)",
                       arguments: [target, bare])
        try db.execute(sql: "UPDATE entity_document SET entity = ?1 WHERE entity = ?2", arguments: [target, bare])
        try db.execute(sql: "UPDATE entity_name SET entity = ?1 WHERE entity = ?2", arguments: [target, bare])
        try db.execute(sql: "DELETE FROM entity WHERE id = ?", arguments: [bare])
        try db.execute(sql: """
            UPDATE entity SET documents = (SELECT count(*) FROM entity_document WHERE entity = ?1),
                mentions = (SELECT coalesce(sum(mentions), 0) FROM entity_document WHERE entity = ?1),
                first_seen = (SELECT min(date) FROM entity_document WHERE entity = ?1),
                last_seen = (SELECT max(date) FROM entity_document WHERE entity = ?1)
            WHERE id = ?1
            """, arguments: [target])
        return bare
    }

    /// Takes document `seq`'s findings out of the catalogue; entities left in no document go.
    static func remove(seq: Int64, in db: Database) throws {
        let affected = try Row.fetchAll(db.cachedStatement(sql: "SELECT entity, date FROM entity_document WHERE doc = ?"), arguments: [seq])
        guard !affected.isEmpty else { return }
        let data = try Data.fetchOne(db.cachedStatement(sql: "SELECT data FROM document_mention WHERE doc = ?"), arguments: [seq])
        let aliases = Set(try data.map(MentionRecords.decode)?.compactMap { m in m.alias.map { Alias(entity: m.entity, key: $0) } } ?? [])
        try db.cachedStatement(sql: """
            UPDATE entity SET documents = entity.documents - 1, mentions = entity.mentions - ed.mentions
            FROM entity_document AS ed WHERE ed.entity = entity.id AND ed.doc = ?
            """).execute(arguments: [seq])
        for table in ["entity_document", "document_mention", "role", "quote"] {
            try db.cachedStatement(sql: "DELETE FROM \(table) WHERE doc = ?").execute(arguments: [seq])
        }
        // An alias goes with the last document whose mentions registered it.
        for a in aliases {
            try db.cachedStatement(sql: "DELETE FROM entity_alias WHERE entity = ? AND alias = ? AND doc = ?")
                .execute(arguments: [a.entity, a.key, seq])
            try db.cachedStatement(sql: """
                DELETE FROM entity_name WHERE key = ?2 AND entity = ?1
                    AND kind = (SELECT kind FROM entity WHERE id = ?1)
                    AND NOT EXISTS (SELECT 1 FROM entity_alias WHERE entity = ?1 AND alias = ?2)
                """).execute(arguments: [a.entity, a.key])
        }
        let list = affected.map { String($0["entity"] as Int64) }.joined(separator: ",")
        try db.execute(sql: "DELETE FROM entity WHERE documents <= 0 AND id IN (\(list))")
        // First and last seen move only for entities whose first or last document this was.
        let date: String? = affected[0]["date"]
        guard let date else { return }
        try db.execute(sql: """
            UPDATE entity SET first_seen = (SELECT min(date) FROM entity_document WHERE entity = entity.id),
                              last_seen = (SELECT max(date) FROM entity_document WHERE entity = entity.id)
            WHERE id IN (\(list)) AND (first_seen = ?1 OR last_seen = ?1)
            """, arguments: [date])
    }

    private struct Alias: Hashable {
        let entity: Int64
        let key: String
    }

    /// How well `name` is written, to choose among an entity's spellings: words in title case
    /// and short acronyms ("U.S.") count for it, words in lower case (other than "of", "and",
    /// ...) against it, longer words in capitals ("REAGAN", from a headline) not at all.
    static func nameQuality(_ name: String) -> Int {
        name.split(separator: " ").reduce(0) { score, word in
            let letters = word.filter(\.isLetter)
            guard let first = letters.first else { return score }
            if first.isLowercase { return ["of", "and", "for", "de", "the", "on"].contains(word) ? score : score - 1 }
            let capitals = !letters.contains(where: \.isLowercase)
            return !capitals || letters.count <= 4 ? score + 1 : score
        }
    }
}
