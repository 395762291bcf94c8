import Foundation
@testable import LodeEntities
import Testing

/// The whole-text rules over people's names, on mentions laid out by hand in texts of our own.
@Suite struct PersonNamesTests {
    /// Small lists in the shape Scripts/gen-name-lists writes.
    let lists = NameLists(
        census: ["blair": (0.030, 0.013), "straw": (0.001, 0), "george": (0.046, 0.932), "margaret": (0.001, 0.768),
                 "court": (0.001, 0), "philip": (0.002, 0.332), "hammond": (0.019, 0), "tony": (0.001, 0.294),
                 "given": (0.001, 0)],
        lowercaseWords: ["given", "share", "read", "budget"])

    /// Mentions of `names` (kind, text) at their first places in `text`.
    private func mentions(_ text: String, _ names: [(String, String)]) -> [EntityMention] {
        let bytes = Array(text.utf8)
        return names.map { kind, name in
            let n = Array(name.utf8)
            let start = (0...(bytes.count - n.count)).first { Array(bytes[$0..<($0 + n.count)]) == n }!
            return EntityMention(kind: kind, text: name, range: start..<(start + n.count))
        }
    }

    private func apply(_ text: String, _ names: [(String, String)]) -> [String] {
        PersonNames.apply(mentions(text, names), in: Array(text.utf8), lists: lists).map { "\($0.kind) \($0.text)" }
    }

    @Test func aModelWithoutItsNameListsIsRefusedSayingWhatMakesThem() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("lode-lists-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let model = folder.appendingPathComponent("ner.model")
        try FileManager.default.copyItem(atPath: EntityExtractor.bundledModelPath, toPath: model.path)
        do {
            _ = try EntityExtractor.load(modelAt: model.path)
            Issue.record("loaded without its name lists")
        } catch let failure as NERModel.Failure {
            #expect(failure.description.contains("Scripts/gen-name-lists"), "\(failure)")
        }
    }

    @Test func aTitleIsNotPartOfTheName() {
        let text = "Tony Blair spoke. Later Mr Blair left, and Mr Straw stayed."
        #expect(apply(text, [("PER", "Tony Blair"), ("PER", "Mr Blair"), ("PER", "Straw")]) == ["PER Tony Blair", "PER Blair", "PER Straw"])
        let found = PersonNames.apply(mentions(text, [("PER", "Mr Blair")]), in: Array(text.utf8), lists: lists)
        #expect(Array(text.utf8)[found[0].range].elementsEqual("Blair".utf8), "the range moves past the title")
    }

    @Test func aLoneGivenNameACompanyOrAWordIsNoPerson() {
        let text = "George said Sony would wait. Given the news, Blair agreed."
        #expect(apply(text, [("PER", "George"), ("PER", "Sony"), ("PER", "Given"), ("PER", "Blair")]) == ["PER Blair"])
    }

    @Test func aLoneNameAFullNameInTheTextHoldsIsKept() {
        let text = "George Osborne met the press. George smiled."
        #expect(apply(text, [("PER", "George Osborne"), ("PER", "George")]) == ["PER George Osborne", "PER George"])
    }

    @Test func widgetWordsAndSymbolsAreNoNames() {
        let text = "Share Follow R }@G6>36C Budget talks in Madrid"
        #expect(apply(text, [("LOC", "Share"), ("ORG", "Follow"), ("ORG", "R"), ("ORG", "}@G6>36C"), ("ORG", "Budget"), ("LOC", "Madrid")])
            == ["ORG Follow", "LOC Madrid"], "Follow is not in these lists, the others are no names")
    }

    @Test func aGivenNameAndSurnamesAreAPersonAndAnOfficePartsFromThem() {
        let text = "Margaret Court won. The Chancellor of the Exchequer Philip Hammond Friday said so."
        #expect(apply(text, [("ORG", "Margaret Court"), ("ORG", "Exchequer Philip Hammond Friday")])
            == ["PER Margaret Court", "PER Philip Hammond"])
    }

    @Test func quotesAndOrdinaryWordsBeforeANameAreCut() {
        let text = "Daniil Medvedev lost. “Why not here?” Medvedev asked. Read Stuart Smith's note."
        #expect(apply(text, [("PER", "Daniil Medvedev"), ("PER", "here?” Medvedev"), ("PER", "Read Stuart Smith")])
            == ["PER Daniil Medvedev", "PER Medvedev", "PER Stuart Smith"])
    }
}
