import LodeCorpus

/// A document as the index takes it: the text of each field and what results show.
public struct SearchDocument: Sendable {
    public var id: String
    /// Orders versions of the same id: a document only replaces one with a lower version.
    /// The corpus uses its store sequence number.
    public var version: Int64
    public var headline: String
    public var source: String
    public var date: PublicationDate?
    public var paragraphs: [String]
    public var captions: [String]

    public init(id: String, version: Int64, headline: String, source: String, date: PublicationDate?, paragraphs: [String],
                captions: [String] = []) {
        self.id = id
        self.version = version
        self.headline = headline
        self.source = source
        self.date = date
        self.paragraphs = paragraphs
        self.captions = captions
    }

    /// The indexable parts of a stored document.
    public init(_ d: StoredDocument, version: Int64) {
        self.init(id: d.id, version: version, headline: d.page.headline ?? "", source: d.page.source ?? "", date: d.page.date,
                  paragraphs: d.page.paragraphs, captions: d.page.captions)
    }

    /// Each field's texts, in ``SearchField`` slot order.
    var fieldTexts: [[String]] { [[headline], paragraphs, [source], captions] }
}

extension SearchField {
    /// The field's lane in a ``FieldVector`` and in a ``Position``.
    var slot: Int {
        switch self {
        case .headline: 0
        case .body: 1
        case .source: 2
        case .captions: 3
        }
    }
}

extension PublicationDate {
    /// `yyyymmdd` as one comparable number.
    var key: Int32 { Int32(year * 10000 + month * 100 + day) }
}
