/// A news page with the site around it taken away: what the article says and who said it when.
public struct CleanedPage: Equatable, Sendable {
    /// The article's headline, as the page shows it or, failing that, as printed.
    public var headline: String?
    /// The outlet that published it (canonical name when known: "Xinhua", "Global Times").
    public var source: String?
    /// The publication date, only when the page states it in a byline, dateline or stamp.
    public var date: PublicationDate?
    /// The place in a wire dateline, "BAOTOU" in "BAOTOU, Aug. 10 (Xinhua) --".
    public var dateline: String?
    public var author: String?
    /// The body, paragraph by paragraph, with sentences broken across lines joined again.
    public var paragraphs: [String]
    /// Photo captions with their credits.
    public var captions: [String]

    public init(headline: String? = nil, source: String? = nil, date: PublicationDate? = nil, dateline: String? = nil,
                author: String? = nil, paragraphs: [String] = [], captions: [String] = []) {
        self.headline = headline
        self.source = source
        self.date = date
        self.dateline = dateline
        self.author = author
        self.paragraphs = paragraphs
        self.captions = captions
    }

    /// The body as one text, paragraphs separated by blank lines.
    public var body: String { paragraphs.joined(separator: "\n\n") }

    /// Words in the body, split on white space.
    public var wordCount: Int { paragraphs.reduce(0) { $0 + PageLine.wordCount($1) } }

    /// Takes every fact `hints` gives over what was inferred; an outlet's spelling is made canonical.
    mutating func apply(_ hints: PageHints) {
        headline = hints.headline.nonEmpty ?? headline
        source = hints.source.nonEmpty.map { Outlets.canonical($0) ?? $0 } ?? source
        date = hints.date ?? date
        dateline = hints.dateline.nonEmpty ?? dateline
        author = hints.author.nonEmpty ?? author
    }
}
