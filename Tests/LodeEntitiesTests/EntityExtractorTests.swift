import Foundation
import LodeCorpus
@testable import LodeEntities
import Testing

private func seed(_ name: String) throws -> CleanedPage {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    return PageCleaner.clean(try String(contentsOf: root.appendingPathComponent("../shared/data/seeds/\(name)").standardized, encoding: .utf8))
}

/// The bundled model and the rules on the two seed pages.
@Suite struct EntityExtractorTests {
    let extractor: EntityExtractor

    init() throws { extractor = try EntityExtractor.bundled() }

    private func mentions(_ page: CleanedPage) -> [EntityMention] {
        let date = page.date.map { DateMentions.Day(year: $0.year, month: $0.month, day: $0.day) }
        return extractor.extract(([page.headline ?? ""] + page.paragraphs).joined(separator: "\n"), documentDate: date)
    }

    @Test func theXinhuaSeedsPeoplePlacesMoneyAndDates() throws {
        let found = mentions(try seed("003_eb09d43d86d3f17b.txt"))
        let names = Set(found.map { "\($0.kind) \($0.text)" })
        #expect(!names.contains("ORG Inner Mongolia"), "\(names.sorted())")
        for expected in ["PER Zhang Zhong", "PER Tong Yanru", "LOC Baotou", "LOC China", "LOC Inner Mongolia",
                         "LOC Inner Mongolia Autonomous Region", "LOC Baotou City", "ORG China Northern Rare Earth (Group) Hi-Tech Co. Ltd.",
                         "MONEY 14 billion yuan",
                         "MONEY 2.1 billion U.S. dollars", "PERCENT over 90 percent"] {
            #expect(names.contains(expected), "\(expected) among \(names.sorted())")
        }
        #expect(found.contains { $0.kind == "MONEY" && $0.value == "14000000000 CNY" })
        #expect(found.contains { $0.kind == "DATE" && $0.text == "last year" && $0.value == "2015" })
    }

    @Test func theGlobalTimesSeedsPeopleAndPlaces() throws {
        let found = mentions(try seed("000_ca0d623b566459ca.txt"))
        let names = Set(found.map { "\($0.kind) \($0.text)" })
        for expected in ["PER Wu Chenhui", "PER Huang Xiaowei", "PER Gong Xiaofeng", "PER Gan Yong", "LOC Hebei", "LOC Japan",
                         "LOC Xiongan New Area", "ORG Chinese Academy of Engineering", "ORG Chinese Academy of Sciences", "ORG CAE",
                         "ORG Hebei Innovation Center for Rare-earth Functional Material Production", "LOC Beijing",
                         "ORG Global Times", "PERCENT 70 percent", "CARDINAL more than 60"] {
            #expect(names.contains(expected), "\(expected) among \(names.sorted())")
        }
        #expect(found.contains { $0.kind == "DATE" && $0.text == "Wednesday" && $0.value == nil }, "the page states no date")
    }

    @Test func textWithoutWordsOrInAnotherScriptIsHandled() {
        #expect(extractor.extract("").isEmpty)
        #expect(extractor.extract("!!! --- ...").isEmpty)
        let mixed = extractor.extract("稀土 prices in Baotou rose 8 percent.")
        #expect(mixed.contains { $0.kind == "PERCENT" && $0.value == "8%" })
    }
}

@Suite struct NameRulesTests {
    private func organisations(_ text: String) -> [String] {
        let words = text.split(separator: " ").map(String.init)
        return NameRules.organisations(words).map { words[$0.start..<$0.end].joined(separator: " ") }
    }

    @Test func organisationNamesNeedAHeadAndStopAtAcronymsAndAnd() {
        #expect(organisations("the Chinese Academy of Engineering ( CAE ) Gan Yong said") == ["Chinese Academy of Engineering", "CAE"])
        #expect(organisations("chairman of China Northern Rare Earth ( Group ) Hi-Tech Co. Ltd. , was") == [
            "China Northern Rare Earth ( Group ) Hi-Tech Co. Ltd.",
        ])
        #expect(organisations("the CAE and Chinese Academy of Sciences") == ["Chinese Academy of Sciences"])
        #expect(organisations("John Smith ( USA ) won in Inner Mongolia").isEmpty)
        #expect(organisations("told the Securities and Exchange Commission on Monday") == ["Securities and Exchange Commission"])
        #expect(organisations("Xinhua and China Daily reported").isEmpty)
        #expect(organisations("the Chinese Academy of Sciences and Peking University") == ["Chinese Academy of Sciences", "Peking University"])
    }

    @Test func officesPartABodyFromItsHolderAndSuffixesAloneAreNoNames() throws {
        let extractor = try EntityExtractor.bundled()
        let found = extractor.extract("EC Agriculture Commissioner Frans Andriessen said the plan would cost money.")
        #expect(found.contains { $0.kind == "PER" && $0.text == "Frans Andriessen" }, "\(found)")
        #expect(!found.contains { $0.text.contains("Commissioner") }, "\(found)")
        let headline = extractor.extract("ACME CORP SEES HIGHER 4TH QTR NET\nThe Acme Corp said profit rose.")
        #expect(!headline.contains { ["CORP", "4TH"].contains($0.text) }, "\(headline)")
        let table = extractor.extract("Nine mths Shr 3.07 dlrs vs 3.08 dlrs")
        #expect(!table.contains { $0.text == "Nine" && $0.kind == "PER" }, "\(table)")
    }
}
