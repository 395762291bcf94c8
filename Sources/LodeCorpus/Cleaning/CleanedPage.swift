/// A news page with the site around it taken away: what the article says and who said it when.
public struct CleanedPage: Equatable, Sendable {
    /// The article's headline, as the page shows it or, failing that, as printed.
    public var headline: String?
    /// Who wrote the story: the wire agency of a reprint, else the outlet the page credits
    /// (canonical name when known: "Xinhua", "Global Times").
    public var source: String?
    /// The site that carried this copy: from its url, `og:site_name`, a masthead or a footer.
    public var publisher: String?
    /// The publication date, only when the page states it in a byline, dateline or stamp.
    public var date: PublicationDate?
    /// The place in a wire dateline, "BAOTOU" in "BAOTOU, Aug. 10 (Xinhua) --".
    public var dateline: String?
    /// The byline: the author's name, or a wire's reporting credit as written.
    public var author: String?
    /// The body, paragraph by paragraph, with sentences broken across lines joined again.
    public var paragraphs: [String]
    /// Photo captions with their credits.
    public var captions: [String]
    /// Whether `date` came from a stamp among the article's own blocks rather than above them.
    var datedInBody = false

    public init(headline: String? = nil, source: String? = nil, publisher: String? = nil, date: PublicationDate? = nil,
                dateline: String? = nil, author: String? = nil, paragraphs: [String] = [], captions: [String] = []) {
        self.headline = headline
        self.source = source
        self.publisher = publisher
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

    /// Takes every fact `hints` gives over what was inferred; an outlet's spelling is made
    /// canonical; a given publisher is the source when the page credits no one.
    mutating func apply(_ hints: PageHints) {
        headline = hints.headline.nonEmpty ?? headline
        source = hints.source.nonEmpty.map { Outlets.canonical($0) ?? $0 } ?? source
        if hints.date != nil { datedInBody = false }
        date = hints.date ?? date ?? hints.weakDate
        dateline = hints.dateline.nonEmpty ?? dateline
        author = hints.author.nonEmpty ?? author
        let site = hints.publisher.nonEmpty.map { Outlets.canonical($0) ?? $0 }
        publisher = site ?? publisher
        // A page crediting no one was written by the site that carries it.
        source = source ?? site
    }
}
