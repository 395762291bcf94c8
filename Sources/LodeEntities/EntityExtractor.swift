import Foundation
import LodeText

/// A mention of an entity in a text: its kind, where it is, and a normalised value for
/// dates and numbers.
public struct EntityMention: Equatable, Sendable {
    /// PER, ORG, LOC, MISC, DATE, MONEY, PERCENT, QUANTITY or CARDINAL.
    public var kind: String
    public var text: String
    /// UTF-8 byte offsets into the text.
    public var range: Range<Int>
    public var value: String?
}

/// Finds every mention in a text: names by the trained tagger over the text's sentences
/// (as one document) corrected by ``NameRules``, dates and numbers by rule. Where a date and
/// a number overlap, the date wins; names never overlap one another.
public struct EntityExtractor: Sendable {
    public let tagger: EntityTagger
    /// Names the model and rules together: stored with each document's entities, so a
    /// server with a different one reads the corpus again.
    public let version: String
    /// Bumped whenever the rules after the tagger (names, numbers, roles, quotes, merging)
    /// change what they find.
    static let rulesRevision = 7
    /// The word lists the rules over people's names read.
    public let names: NameLists

    public init(model: NERModel, version: String, names: NameLists) {
        tagger = EntityTagger(model: model)
        self.version = version
        self.names = names
    }

    /// The extractor with the model in the file at `path`, versioned by the file's contents,
    /// and the name lists beside it (Scripts/gen-name-lists writes them there).
    public static func load(modelAt path: String) throws -> EntityExtractor {
        guard let data = FileManager.default.contents(atPath: path) else { throw NERModel.Failure(description: "cannot read \(path)") }
        let model = try NERModel.load(data, from: path)
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent()
        let names = try NameLists(censusFile: folder.appendingPathComponent("census-names.tsv").path,
                                  lowercaseWordsFile: folder.appendingPathComponent("lowercase-words.txt").path)
        return EntityExtractor(model: model, version: "ner-\(String(FeatureExtractor.hash(data), radix: 16))-rules\(rulesRevision)",
                               names: names)
    }

    /// Where the model that ships with Lode is: in the resource bundle SwiftPM puts beside
    /// the executable. Found from /proc/self/exe rather than `Bundle.module` or `Bundle.main`,
    /// which stop the process when the executable's folder cannot be read.
    public static var bundledModelPath: String {
        let executable = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe"))
            ?? URL(fileURLWithPath: CommandLine.arguments[0]).standardizedFileURL.path
        return URL(fileURLWithPath: executable).deletingLastPathComponent()
            .appendingPathComponent("Lode_LodeEntities.resources/ner.model").path
    }

    /// The extractor with the model that ships with Lode (``bundledModelPath``); throws when
    /// it cannot be read.
    public static func bundled() throws -> EntityExtractor {
        let path = bundledModelPath
        guard FileManager.default.isReadableFile(atPath: path) else {
            throw NERModel.Failure(description: "the entity model \(path) is missing or unreadable; Scripts/train-ner makes it")
        }
        return try load(modelAt: path)
    }

    public func extract(_ text: String, documentDate: DateMentions.Day? = nil) -> [EntityMention] {
        extract(TokenizedText(text), documentDate: documentDate)
    }

    /// The mentions in a tokenized text, in order.
    public func extract(_ text: TokenizedText, documentDate: DateMentions.Day? = nil) -> [EntityMention] {
        let sentences = text.sentences
        let tags = tagger.tag(document: sentences.map { $0.map(\.text) })
        let bytes = text.bytes
        var out: [EntityMention] = []
        for (words, sentenceTags) in zip(sentences, tags) {
            for span in NameRules.apply(words.map(\.text), EntityScores.spans(sentenceTags), places: tagger.extractor.gazetteer) {
                var range = words[span.start].range.lowerBound..<words[span.end - 1].range.upperBound
                var kind = span.type.rawValue
                // "Beijing-based" (MISC to the tagger, as CoNLL has it) names a place.
                if span.end - span.start == 1, words[span.start].text.hasSuffix("-based"), words[span.start].text.count > 7 {
                    range = range.lowerBound..<(range.upperBound - 6)
                    kind = EntityType.location.rawValue
                }
                out.append(EntityMention(kind: kind, text: String(decoding: bytes[range], as: UTF8.self), range: range))
            }
        }
        out = PersonNames.apply(out, in: bytes, lists: names)
        let dates = DateMentions.find(text.numeric, bytes: bytes, documentDate: documentDate)
        out += dates.map { EntityMention(kind: "DATE", text: $0.text, range: $0.range, value: $0.value) }
        for n in NumericEntities.find(text.numeric, bytes: bytes) where !dates.contains(where: { $0.range.overlaps(n.range) }) {
            out.append(EntityMention(kind: n.kind.rawValue, text: n.text, range: n.range, value: n.value))
        }
        return out.sorted { ($0.range.lowerBound, $0.range.upperBound) < ($1.range.lowerBound, $1.range.upperBound) }
    }
}
