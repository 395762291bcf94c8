/// Metadata that came with a page (JSON Lines fields, HTML `<title>` and `<meta>`), which
/// wins over what the cleaner infers from the text.
public struct PageHints: Equatable, Sendable {
    public var headline: String?
    public var source: String?
    public var date: PublicationDate?
    /// A date the page gives less surely (a modification date, a bare `<time>`): used only
    /// when nothing else dates the page.
    public var weakDate: PublicationDate?
    public var dateline: String?
    public var author: String?
    /// The site that carried the page (`og:site_name`, a record's `publisher`).
    public var publisher: String?

    public init(headline: String? = nil, source: String? = nil, date: PublicationDate? = nil, weakDate: PublicationDate? = nil,
                dateline: String? = nil, author: String? = nil, publisher: String? = nil) {
        self.headline = headline
        self.source = source
        self.date = date
        self.weakDate = weakDate
        self.dateline = dateline
        self.author = author
        self.publisher = publisher
    }

    /// These hints, with gaps filled from `other`.
    public func filled(from other: PageHints) -> PageHints {
        PageHints(headline: headline.nonEmpty ?? other.headline, source: source.nonEmpty ?? other.source,
                  date: date ?? other.date, weakDate: weakDate ?? other.weakDate, dateline: dateline.nonEmpty ?? other.dateline, author: author.nonEmpty ?? other.author,
                  publisher: publisher.nonEmpty ?? other.publisher)
    }
}
