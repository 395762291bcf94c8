/// What entity extraction found in one document, as the store keeps it: written in the same
/// transaction as the document and removed with it, so the catalogue is always current.
///
/// Offsets are UTF-8 byte offsets into ``CleanedPage/entityText``.
public struct DocumentEntities: Equatable, Sendable {
    public struct Mention: Equatable, Sendable {
        /// PER, ORG, LOC, MISC, DATE, MONEY, PERCENT, QUANTITY or CARDINAL.
        public var kind: String
        /// The entity's name as the catalogue shows it: "Zhang Zhong" for "Zhang", "Chinese
        /// Academy of Engineering" for "CAE", "Baotou" for "Baotou City".
        public var name: String
        /// What entities merge on, with `kind`: the name folded (lower case, no diacritics,
        /// no "the", no place word), or a number's normalised value.
        public var key: String
        /// The words as written.
        public var text: String
        public var range: Range<Int>
        /// A date's or number's normalised value; empty for names.
        public var value: String
        /// Another key this entity goes by across the corpus ("cae"), registered so that a
        /// later document's bare "CAE" joins it.
        public var alias: String?

        public init(kind: String, name: String, key: String, text: String, range: Range<Int>, value: String = "", alias: String? = nil) {
            self.kind = kind
            self.name = name
            self.key = key
            self.text = text
            self.range = range
            self.value = value
            self.alias = alias
        }
    }

    /// "Zhang Zhong, chairman of …": the person by catalogue key, with the role.
    public struct Role: Equatable, Sendable {
        public var personKey: String
        public var person: String
        public var role: String
        public var organisation: String?

        public init(personKey: String, person: String, role: String, organisation: String?) {
            self.personKey = personKey
            self.person = person
            self.role = role
            self.organisation = organisation
        }
    }

    /// Words attributed to a person, directly or reported.
    public struct Quote: Equatable, Sendable {
        public var speakerKey: String
        public var speaker: String
        public var text: String
        public var range: Range<Int>

        public init(speakerKey: String, speaker: String, text: String, range: Range<Int>) {
            self.speakerKey = speakerKey
            self.speaker = speaker
            self.text = text
            self.range = range
        }
    }

    /// The extractor that made this: when it changes, the corpus is read again.
    public var model: String
    public var mentions: [Mention]
    public var roles: [Role]
    public var quotes: [Quote]

    public init(model: String, mentions: [Mention] = [], roles: [Role] = [], quotes: [Quote] = []) {
        self.model = model
        self.mentions = mentions
        self.roles = roles
        self.quotes = quotes
    }
}

extension CleanedPage {
    /// The text entities are read from, one line each: the headline, the dateline and the
    /// byline when known, then the paragraphs and the photo captions. The outlet credited for
    /// the story is not read: it is the document's source, not a name its article mentions.
    public var entityText: String {
        ([headline, dateline, author].compactMap { $0 } + paragraphs + captions).joined(separator: "\n")
    }

    /// The names the page's metadata gives, with their kinds and their places in
    /// ``entityText``: the dateline (LOC), the byline when it is one person's name (PER).
    public var metadataInEntityText: [(kind: String, text: String, range: Range<Int>)] {
        var start = headline.map { $0.utf8.count + 1 } ?? 0
        var names: [(kind: String, text: String, range: Range<Int>)] = []
        if let dateline {
            names.append(("LOC", dateline, start..<(start + dateline.utf8.count)))
            start += dateline.utf8.count + 1
        }
        if let author, Credits.isPersonName(Substring(author)) { names.append(("PER", author, start..<(start + author.utf8.count))) }
        return names
    }
}
