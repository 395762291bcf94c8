import Foundation
import LodeCorpus
import Testing

@Suite struct HTMLPageTests {
    private func page() throws -> [UInt8] {
        Array(try Data(contentsOf: Bundle.module.url(forResource: "Fixtures/magazine-style", withExtension: "html")!))
    }

    @Test func headMetadataBecomesHints() throws {
        let html = HTMLPage(try page())
        #expect(html.hints.headline == "Scandium's Quiet Boom in Aluminium Alloys")
        #expect(html.hints.publisher == "Sixth Tone", "og:site_name names the site, not the story's writer")
        #expect(html.hints.source == nil)
        #expect(html.hints.date?.description == "2021-06-18")
        #expect(html.hints.author == "Chen Lu")
    }

    @Test func scriptsNavigationAndFootersAreLeftOut() throws {
        let text = HTMLPage(try page()).text
        for hidden in ["analytics", "color: red", "trackScroll", "Ten places to eat noodles", "All rights reserved"] {
            #expect(!text.contains(hidden), "\(hidden) is not article text")
        }
        #expect(text.contains("Aircraft makers and bicycle frame workshops are buying more scandium, a rare earth"))
    }

    @Test func htmlPageIsCleanedLikeAnyOther() throws {
        let cleaned = HTMLPage(try page()).cleaned()
        #expect(cleaned.headline == "Scandium's quiet boom in aluminium alloys", "the headline the page shows, over og:title")
        #expect(cleaned.source == "Sixth Tone", "a page crediting no one was written by its site")
        #expect(cleaned.publisher == "Sixth Tone")
        #expect(cleaned.date?.description == "2021-06-18")
        #expect(cleaned.captions == ["A scandium-aluminium plate at a workshop in Baotou. Photo: Chen Lu"])
        #expect(cleaned.paragraphs.count == 2)
        #expect(cleaned.paragraphs[0].hasPrefix("Aircraft makers"))
    }

    @Test func brokenHTMLIsReadAnyway() {
        let html = HTMLPage(Array("<html><body><p>Unclosed paragraph about cerium exports rising sharply this spring<div>More text".utf8))
        #expect(html.text.contains("Unclosed paragraph about cerium"))
        #expect(HTMLPage([]).text.isEmpty)
    }
}
