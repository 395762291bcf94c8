import Foundation
import LodeCorpus
import LodeEntities
import Testing

private func seedText(_ name: String) throws -> String {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    let page = PageCleaner.clean(try String(contentsOf: root.appendingPathComponent("../shared/data/seeds/\(name)").standardized, encoding: .utf8))
    return ([page.headline ?? ""] + page.paragraphs).joined(separator: "\n")
}

@Suite struct AttributionTests {
    let extractor: EntityExtractor

    init() throws { extractor = try EntityExtractor.bundled() }

    private func reading(_ text: String) -> Attribution.Reading {
        Attribution.read(text, mentions: extractor.extract(text))
    }

    @Test func theXinhuaSeedsRolesAndReportedSpeech() throws {
        let r = reading(try seedText("003_eb09d43d86d3f17b.txt"))
        #expect(r.people["Zhang"] == "Zhang Zhong")
        #expect(r.roles.contains(PersonRole(person: "Zhang Zhong", role: "chairman",
                                            organisation: "China Northern Rare Earth (Group) Hi-Tech Co. Ltd.")), "\(r.roles)")
        #expect(r.roles.contains { $0.person == "Tong Yanru" && $0.role == "rare earth official" }, "\(r.roles)")
        #expect(r.quotes.contains { $0.speaker == "Zhang Zhong" && $0.text.hasPrefix("The alliance will advocate protection") }, "\(r.quotes)")
        #expect(r.quotes.contains { $0.speaker == "Zhang Zhong" && $0.text.hasPrefix("It will also work toward reducing") }, "\(r.quotes)")
        #expect(r.quotes.contains { $0.speaker == "Tong Yanru" && $0.text.hasPrefix("the alliance") }, "\(r.quotes)")
    }

    @Test func theGlobalTimesSeedsDirectQuotes() throws {
        let r = reading(try seedText("000_ca0d623b566459ca.txt"))
        #expect(r.quotes.contains { $0.speaker == "Wu Chenhui" && $0.text.hasPrefix("China aims to build Xiongan") && $0.text.hasSuffix("technologies") },
                "\(r.quotes)")
        #expect(r.quotes.contains { $0.speaker == "Gong Xiaofeng" && $0.text.hasPrefix("We should transform China") }, "\(r.quotes)")
        #expect(r.quotes.contains { $0.speaker == "Gong Xiaofeng" && $0.text.hasPrefix("the local government will") }, "\(r.quotes)")
        #expect(r.quotes.contains { $0.speaker == "Huang Xiaowei" && $0.text.hasPrefix("The center is expected to focus") }, "\(r.quotes)")
        #expect(!r.quotes.contains { $0.speaker == "Gan Yong" }, "\"…, the post said\" is the post's: \(r.quotes)")
        #expect(r.roles.contains { $0.person == "Wu Chenhui" && $0.role == "Beijing-based independent rare-earth analyst" }, "\(r.roles)")
        #expect(r.roles.contains { $0.person == "Huang Xiaowei" && $0.role == "director" && $0.organisation == "center" }, "\(r.roles)")
        #expect(r.roles.contains { $0.person == "Gong Xiaofeng" && $0.role == "official" }, "\(r.roles)")
    }
}
