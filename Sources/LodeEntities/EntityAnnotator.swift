import LodeCorpus

/// Reads a cleaned page for the catalogue: its mentions with the names they merge under, the
/// roles and quotes of its people.
///
/// Within the page, a short reference takes the full name it stands for: a person's one
/// word ("Zhang") the person named in full before ("Zhang Zhong"); an organisation's first
/// words, two or more ("China Northern Rare Earth"), the one longer organisation they begin;
/// a place the one longer place that only adds place words to it ("Xiongan" → "Xiongan New
/// Area"); an acronym defined in brackets ("Chinese Academy of Engineering (CAE)") that
/// organisation. The acronym and the place's short name become aliases the whole corpus
/// finds the entity by (an organisation's first words, or a surname, are too ambiguous). The
/// page's dateline is a place it names, its byline a person. A
/// date or a count is catalogued by its
/// value ("2016-08-10", ">60"); a date is left out when the page gives
/// nothing to resolve it against ("Wednesday" in an undated page).
public struct EntityAnnotator: Sendable {
    public let extractor: EntityExtractor

    public init(extractor: EntityExtractor) { self.extractor = extractor }

    public func annotate(_ page: CleanedPage) -> DocumentEntities {
        let tokenized = TokenizedText(page.entityText)
        let day = page.date.map { DateMentions.Day(year: $0.year, month: $0.month, day: $0.day) }
        var mentions = extractor.extract(tokenized, documentDate: day)
        // What the page's metadata names is known without the tagger.
        for name in page.metadataInEntityText {
            mentions.removeAll { $0.range.overlaps(name.range) }
            mentions.append(EntityMention(kind: name.kind, text: name.text, range: name.range))
        }
        mentions.sort { $0.range.lowerBound < $1.range.lowerBound }
        let reading = Attribution.read(tokenized, mentions: mentions)
        let bytes = tokenized.bytes
        var acronyms: [String: String] = [:]
        var previous: EntityMention?
        var out: [DocumentEntities.Mention] = []
        let shown = mentions.map { EntityNames.displayName($0.text, kind: $0.kind) }
        for (m, shownName) in zip(mentions, shown) where m.kind != "DATE" || m.value != nil {
            var name = shownName
            var alias: String?
            switch m.kind {
            case "PER":
                name = reading.people[m.text] ?? name
            case "DATE", "CARDINAL":
                name = m.value ?? name
            case "LOC":
                if let full = longerName(starting: name, kind: m.kind, in: mentions, shown: shown),
                   full.dropFirst(name.count).split(separator: " ").allSatisfy({ Self.placeWords.contains(String($0)) }) {
                    name = full
                    alias = EntityNames.key(m.text, kind: m.kind)
                }
            case "ORG":
                if let p = previous, p.kind == "ORG", isAcronym(m.text), definesAcronym(bytes, after: p.range, at: m.range) {
                    acronyms[m.text] = out.last!.name
                }
                if let full = acronyms[m.text] {
                    name = full
                    alias = EntityNames.key(m.text, kind: m.kind)
                } else if name.contains(" "), let full = longerName(starting: name, kind: m.kind, in: mentions, shown: shown) {
                    name = full
                }
            default:
                break
            }
            out.append(DocumentEntities.Mention(kind: m.kind, name: name, key: EntityNames.key(name, kind: m.kind, value: m.value ?? ""),
                                                text: m.text, range: m.range, value: m.value ?? "", alias: alias))
            previous = m
        }
        return DocumentEntities(
            model: extractor.version, mentions: out,
            roles: reading.roles.map {
                DocumentEntities.Role(personKey: EntityNames.key($0.person, kind: "PER"), person: $0.person, role: $0.role,
                                      organisation: $0.organisation)
            },
            quotes: reading.quotes.map {
                DocumentEntities.Quote(speakerKey: EntityNames.key($0.speaker, kind: "PER"), speaker: $0.speaker, text: $0.text, range: $0.range)
            })
    }

    /// Words that only say a name is a place: "Xiongan New Area" is Xiongan.
    static let placeWords = NameRules.placeHeads.union(["Area"])

    private func isAcronym(_ text: String) -> Bool {
        text.count >= 2 && text.count <= 8 && text.allSatisfy { $0.isUppercase || $0 == "&" || $0.isNumber } && text.contains(where: \.isLetter)
    }

    /// Whether only " (" lies between an organisation and `acronym`, and ")" follows it.
    private func definesAcronym(_ bytes: [UInt8], after name: Range<Int>, at acronym: Range<Int>) -> Bool {
        let between = bytes[name.upperBound..<acronym.lowerBound].filter { $0 != 0x20 }
        return between == [0x28] && acronym.upperBound < bytes.count && bytes[acronym.upperBound] == 0x29
    }

    /// The one name of `kind` in the page that `short` is the first words of; `shown` holds
    /// each mention's display name.
    private func longerName(starting short: String, kind: String, in mentions: [EntityMention], shown: [String]) -> String? {
        let prefix = short + " "
        let longer = Set(zip(mentions, shown).lazy.filter { $0.0.kind == kind && $0.1.hasPrefix(prefix) }.map(\.1))
        return longer.count == 1 ? longer.first : nil
    }
}
