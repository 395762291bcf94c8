import Foundation
import LodeCorpus
import Testing

/// The seed pages beside the checkout, in ../shared/data/seeds.
private func seed(_ name: String) throws -> String {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    return try String(contentsOf: root.appendingPathComponent("../shared/data/seeds/\(name)").standardized, encoding: .utf8)
}

private func fixture(_ name: String) throws -> String {
    try String(contentsOf: Bundle.module.url(forResource: "Fixtures/\(name)", withExtension: "txt")!, encoding: .utf8)
}

@Suite struct PageCleanerTests {
    /// Hints are trimmed of white space (any Unicode space or line break), and a blank one
    /// counts as none.
    @Test func hintsAreTrimmedAndBlankOnesIgnored() {
        let page = PageCleaner.cleanText("Output of rare earths rose in May.\n", hints: PageHints(
            headline: " \u{3000}Rare earths rise\u{A0}\n", source: "Xinhua", dateline: "\t ", author: "Zhang Zhong\u{2029}"))
        #expect(page.headline == "Rare earths rise")
        #expect(page.source == "Xinhua")
        #expect(page.dateline == nil)
        #expect(page.author == "Zhang Zhong")
    }

    @Test func xinhuaSeedLosesItsChromeAndKeepsItsByline() throws {
        let page = PageCleaner.clean(try seed("003_eb09d43d86d3f17b.txt"))
        #expect(page.headline == "Rare earth industrial alliance established in north China's Inner Mongolia")
        #expect(page.source == "Xinhua")
        #expect(page.date?.description == "2016-08-10")
        #expect(page.body.hasPrefix("A rare earth industrial alliance"))
        for chrome in ["Off the wire", "Kipchoge", "You are here", "Adjust font size", "Xinhua, August 10"] {
            #expect(!page.body.contains(chrome), "\(chrome) is site furniture")
        }
        #expect(page.paragraphs.count == 8)
    }

    @Test func globalTimesSeedHasNoDateAndACaption() throws {
        let page = PageCleaner.clean(try seed("000_ca0d623b566459ca.txt"))
        #expect(page.headline == "Nation plans world-class rare-earth cluster in Xiongan New Area")
        #expect(page.source == "Global Times")
        #expect(page.date == nil, "the 2011 date belongs to the photo, not the article")
        #expect(page.captions.count == 1)
        #expect(page.captions.first?.hasSuffix("File photo: VCG") == true)
        #expect(page.body.hasPrefix("China announced on Wednesday"))
        #expect(page.paragraphs[0].contains("functional materials in the Xiongan New Area"), "the broken sentence is joined")
        #expect(!page.body.contains("Newspaper headline"))
    }

    @Test func dailyStylePageWithPipesBylineAndRelatedList() throws {
        let page = PageCleaner.clean(try fixture("daily-style"))
        #expect(page.headline == "Yttrium prices climb as smelters trim output")
        #expect(page.author == "Li Wen")
        #expect(page.source == "China Daily")
        #expect(page.date?.description == "2023-02-15")
        #expect(page.captions.count == 1 && page.captions[0].hasSuffix("[Photo/Xinhua]"))
        #expect(page.paragraphs.count == 4)
        #expect(page.paragraphs[0] == "Prices of yttrium oxide rose for a third straight week as several smelters in southern China trimmed output for maintenance, traders said on Tuesday.")
        #expect(!page.body.contains("Magnet exports hit record"), "the trailing list of other headlines is dropped")
        #expect(!page.body.contains("Copyright"))
    }

    @Test func wireStoryGivesItsDatelineAndAgency() throws {
        let page = PageCleaner.clean(try fixture("wire-style"))
        #expect(page.headline == "Mongolian miner signs rare earth supply deal with Japanese magnet maker")
        #expect(page.dateline == "ULAANBAATAR")
        #expect(page.source == "Reuters")
        #expect(page.date?.description == "2024-03-03")
        #expect(page.body.hasPrefix("A Mongolian mining company has agreed"))
        #expect(page.paragraphs.last == "Neither company disclosed the price.")
    }

    @Test func broadcasterStyleSlashCreditAndDayMonthYearStamp() throws {
        let page = PageCleaner.clean(try fixture("broadcaster-style"))
        #expect(page.headline == "Magnet makers in Ningbo expand as electric car demand grows")
        #expect(page.date?.description == "2022-11-21")
        #expect(page.captions == ["Production lines at a magnet factory in Ningbo, east China's Zhejiang Province. /CFP"])
        #expect(page.source == "CGTN")
        #expect(page.paragraphs.count == 2)
    }

    @Test func aDateOpeningTheTextWithADashStampsIt() {
        let text = """
        Magnet makers in Ningbo expand

        27.1.2022 - Magnet makers in Ningbo are adding lines as orders from carmakers grow, the city's trade office said.

        The office expects output to rise by a fifth this year.
        """
        #expect(PageCleaner.clean(text).date?.description == "2022-01-27")
        let prose = text.replacingOccurrences(of: "27.1.2022 - Magnet", with: "27.1.2022 saw magnet")
        #expect(PageCleaner.clean(prose).date == nil, "a date read as part of the sentence is not a stamp")
    }

    @Test func datesInProseAreNotPublicationDates() throws {
        let page = PageCleaner.clean(try fixture("undated-blog-style"))
        #expect(page.headline == "Why rare earth recycling is harder than it looks")
        #expect(page.date == nil)
        #expect(page.source == nil)
        #expect(page.paragraphs.count == 2)
    }

    @Test func hintsWinOverInference() {
        let page = PageCleaner.clean("Some Title Here Today\nA long enough sentence that reads like the body of a news story, with several words.",
                                     hints: PageHints(headline: "Given headline", source: "xinhuanet", date: PublicationDate(year: 2020, month: 2, day: 29)))
        #expect(page.headline == "Given headline")
        #expect(page.source == "Xinhua")
        #expect(page.date?.description == "2020-02-29")
    }

    @Test func aScrapersLeadingDateLineGivesTheDateAndLeavesTheHeadline() throws {
        let page = PageCleaner.clean(try fixture("feed-date-line"))
        #expect(page.date?.description == "2023-08-18")
        #expect(page.headline == "Harbour authority approves second container terminal")
        #expect(page.body.hasPrefix("The port authority approved"))
        #expect(!page.body.contains("date 2023"))
    }

    @Test func bylinesAndAgencyLinesGiveAuthorAndSourceNeverTheHeadline() throws {
        let page = PageCleaner.clean(try fixture("agency-credit"))
        #expect(page.headline == "Cobalt refiners cut output as prices slide to a five-year low")
        #expect(page.author == "JANE ROE")
        #expect(page.source == "Associated Press")
        #expect(page.dateline == "KINSHASA")
        #expect(page.body.hasPrefix("Cobalt refiners in Congo are cutting output"))
        #expect(!page.body.contains("Jane Roe ·"))
    }

    @Test func strayTextBeforeADatelineIsDroppedAndTheReportingCreditIsTheByline() throws {
        let page = PageCleaner.clean(try fixture("alt-text-before-dateline"))
        #expect(page.headline == nil)
        #expect(page.source == "Reuters")
        #expect(page.dateline == "LUSAKA")
        #expect(page.body.hasPrefix("Zambia will require miners"))
        #expect(page.author == "Reporting by Jane Roe; Editing by John Doe")
        #expect(page.date == nil, "a dateline's day without a year is no date")
    }

    @Test func theStampAfterTheHeadlineWinsOverTheMastheadsDate() throws {
        let page = PageCleaner.clean(try fixture("masthead-and-stamp"))
        #expect(page.headline == "‘We will keep the ferries running’ – Mayor")
        #expect(page.date?.description == "2021-10-11")
        #expect(page.author == "Jane Roe")
        #expect(page.source == "The Harbour Times")
    }

    @Test func aStampLabelledAsAChangeDatesThePageOnlyWhenNoOtherDoes() {
        let body = "Smelters in Baotou cut output again this week, traders said, as power limits spread across the region.\n\n"
            + "Prices of lanthanum oxide rose for a third week, according to two trading houses in Shanghai."
        let both = PageCleaner.clean("Cerium prices climb as smelters cut output\nLetzte Änderung: 31.10.2023 - 14:49\nErschienen am: 01.11.2023\n\n" + body)
        #expect(both.date?.description == "2023-11-01", "the publication stamp, not the change above it")
        let changed = PageCleaner.clean("Cerium prices climb as smelters cut output\nUpdated: 2023-02-15 08:17\n\n" + body)
        #expect(changed.date?.description == "2023-02-15", "a change stamp alone still dates the page")
    }

    @Test func disclosuresBeforeAndOtherStoriesAndClosingCallsAfterTheArticleAreNotItsText() {
        let article = [
            "Smelters in Baotou cut output again this week, traders said, as power limits spread across the region and buyers waited.",
            "Prices of lanthanum oxide rose for a third week, according to two trading houses in Shanghai that follow the market daily.",
            "The cuts, which began in early March, have removed about a tenth of the region's monthly supply, one analyst estimated.",
            "Buyers in Japan and Korea have started to look for cargoes elsewhere, two people familiar with the talks said on Tuesday.",
        ]
        let head = "Cerium prices climb as smelters cut output\n\n"
        let related = PageCleaner.clean(head + (article + ["Lesen Sie auch:", "Neodymium magnets: exports to Europe fall for a second month in a row, customs data show."])
            .joined(separator: "\n\n"))
        #expect(related.paragraphs == article, "a label over other stories and their teasers")
        let chromeLabel = PageCleaner.clean(head + (article + ["Related articles", "Neodymium magnets: exports to Europe fall for a second month in a row, customs data show."])
            .joined(separator: "\n\n"))
        #expect(chromeLabel.paragraphs == article, "a label the chrome test knows ends the article too")
        let early = PageCleaner.clean(head + (article.prefix(1) + ["Related articles"] + article.dropFirst()).joined(separator: "\n\n"))
        #expect(early.paragraphs == article, "a chrome label the article goes on after is dropped alone")
        let inline = article.prefix(2) + ["Read also:", "Why rare earth prices matter to carmakers around the world this year."] + article.suffix(2)
        #expect(PageCleaner.clean(head + inline.joined(separator: "\n\n")).paragraphs.count == 6, "a read-also box inside the article")
        let calls = PageCleaner.clean(head + (article + [
            "Follow the Harbour Times on Twitter and Instagram, or send us a message on WhatsApp with your news tips and pictures.",
            "© 2022 The Harbour Times. This article is the copyrighted property of its publisher and may not be reprinted.",
        ]).joined(separator: "\n\n"))
        #expect(calls.paragraphs == article, "closing calls to follow and the copyright notice")
        let disclosed = PageCleaner.clean(head + (["This post contains affiliate links: we may earn a commission when you buy through them."] + article)
            .joined(separator: "\n\n"))
        #expect(disclosed.paragraphs == article, "an affiliate disclosure before the article")
        let news = article + ["The minister said on Twitter that the new quotas would be published before the end of the month, as planned."]
        #expect(PageCleaner.clean(head + news.joined(separator: "\n\n")).paragraphs == news, "a sentence reporting a post is the article's")
    }

    @Test(arguments: [
        "Cristina Kirchner y Alberto Fernández, el 1 de marzo, en el Congreso (Foto: Natacha Pisarenko/Pool via REUTERS).",
        "Marco Odermatt, Ski-Star aus der Schweiz. © AFP / MARCO BERTORELLO",
        "Goats on the island's cliffs. Photograph by Ed Marshall, Redonda Restoration Programme",
    ])
    func aLineEndingInAPhotoCreditIsACaption(line: String) {
        let body = "Smelters in Baotou cut output again this week, traders said, as power limits spread across the region.\n\n"
            + "Prices of lanthanum oxide rose for a third week, according to two trading houses in Shanghai."
        let page = PageCleaner.clean("Cerium prices climb as smelters cut output\n\n\(line)\n\n" + body)
        #expect(page.captions == [line])
        #expect(page.paragraphs.count == 2, "\(page.paragraphs)")
    }

    @Test func ordinalDatesReportsPhrasesAndSourceLines() throws {
        let page = PageCleaner.clean(try fixture("ordinal-date-and-reports"))
        #expect(page.date?.description == "2014-11-28")
        #expect(page.author == "Jane Roe")
        #expect(page.source == "Metal Weekly")
        #expect(page.headline == "Graphite miners seek new buyers as exports slow")
    }

    @Test func toolbarWordsGluedToAStampAreNotTheSource() throws {
        let page = PageCleaner.clean(try fixture("toolbar-glued-stamp"))
        #expect(page.source == "Xinhua")
        #expect(page.date?.description == "2017-12-17")
        #expect(page.headline == "China, Britain to enhance cooperation on trade and finance", "ticker lines have too few words")
    }

    @Test func aMastheadIsThePublisherAndAReportsPhraseCreditsAnAgency() {
        let page = PageCleaner.clean("""
            The Island Weekly
            Ferry fares to rise in spring as fuel costs climb
            Ferry fares will rise by a tenth from March as fuel costs climb, the operator said on Monday, Kyodo reports.
            The operator said it had held fares for three years.
            """)
        #expect(page.publisher == "The Island Weekly")
        #expect(page.source == "Kyodo")
        #expect(page.headline == "Ferry fares to rise in spring as fuel costs climb")
    }

    @Test func aDatelinesDayTakesTheYearOnlyFromAFullDateBesideIt() {
        let page = PageCleaner.clean("""
            Harbour Co completes purchase of Dock Ltd shares
            SPRINGFIELD, Ill., March 25 /Example Wire/ -- Harbour Co said today it completed its offer for Dock Ltd, which expired at midnight on Wednesday, March 24, 2010.
            The company will pay for the shares next week.
            """)
        #expect(page.date?.description == "2010-03-25")
        #expect(page.dateline == "SPRINGFIELD")
        let far = PageCleaner.clean("""
            Harbour Co completes purchase of Dock Ltd shares
            SPRINGFIELD, Ill., March 25 /Example Wire/ -- Harbour Co said today it completed its offer, first made on June 2, 2009.
            The company will pay for the shares next week.
            """)
        #expect(far.date == nil, "a date months away does not fix the year")
    }

    @Test func aHeadlineAfterTheLeadIsFoundByTheCaptionUnderIt() {
        let page = PageCleaner.clean("""
            date 2025-05-14 The port authority said on Wednesday that it would review the four-month ban on night shipping, without giving details.
            In February, the authority banned night shipping to cut accidents in the channel.
            Reuters
            Port authority to review ban on night shipping, says chief
            Image: REUTERS/Jane Roe
            The review will end in June, the chief said.
            """)
        #expect(page.headline == "Port authority to review ban on night shipping, says chief")
        #expect(page.captions == ["Image: REUTERS/Jane Roe"])
        #expect(!page.body.contains("Port authority to review"))
        #expect(page.source == "Reuters")
        let tagged = PageCleaner.clean("""
            Smelters cut output as ore runs short in the south
            Smelters in the south cut output by a fifth in April as ore ran short, an industry group said. (Example Photo)
            The group expects supplies to recover by June.
            """)
        #expect(tagged.captions.count == 1, "a caption may end with its outlet's photo credit")
    }

    @Test func aPressReleaseIsTheIssuingCompanys() {
        let page = PageCleaner.clean("""
            Dock Holdings completes its purchase of Pier Freight
            Springfield, 2011-09-27 16:00 CEST (GLOBE NEWSWIRE) --
            Dock Holdings Corporation Stock exchange release 27 September 2011 at 5.00 p.m.
            The Group said the purchase of Pier Freight was completed on Tuesday after the competition authorities approved it.
            """)
        #expect(page.source == "Dock Holdings Corporation")
        #expect(page.date?.description == "2011-09-27")
    }

    @Test func aTitleCasePlaceBeforeAKnownAgencyAndInputCredits() {
        let page = PageCleaner.clean("""
            Monsoon rains lift kharif sowing across the north
            JANE ROE, Staff Writer
            New Delhi, Jul 5 (IANS) Sowing of kharif crops rose by a tenth this week as the monsoon reached the northern plains, officials said on Friday.
            The farm ministry will publish new figures next week. (With inputs from PTI)
            """)
        #expect(page.dateline == "New Delhi")
        #expect(page.source == "IANS")
        #expect(page.author == "JANE ROE")
        #expect(page.paragraphs.last == "The farm ministry will publish new figures next week.")
        let other = PageCleaner.clean("""
            Harbour board meets on Friday to weigh new fees
            The harbour board meets on Friday to weigh new fees for cruise ships, its chairman said. (With inputs from PTI)
            """)
        #expect(other.source == "PTI")
    }

    @Test func aWireSharedWithAnotherTakesTheKnownOne() {
        let page = PageCleaner.clean("""
            Ghana and China sign a new trade pact in Accra
            ACCRA, May 2 (Xinhua/GNA) -- Ghana and China signed a trade pact on Tuesday, officials said in a statement.
            """)
        #expect(page.source == "Xinhua")
        #expect(page.dateline == "ACCRA")
    }

    @Test func emptyAndFurnitureOnlyPagesGiveNothing() {
        #expect(PageCleaner.clean("").paragraphs.isEmpty)
        #expect(PageCleaner.clean("Home | News | Sport\nCopyright 2024").paragraphs.isEmpty)
    }
}

@Suite struct DateFinderTests {
    @Test(arguments: [
        ("Xinhua, August 10, 2016 Adjust font size:", "2016-08-10"),
        ("Published: 08:17, February 15, 2023", "2023-02-15"),
        ("Feb. 15, 2023", "2023-02-15"),
        ("Updated: 2016-08-10 10:23", "2016-08-10"),
        ("2016/08/10", "2016-08-10"),
        ("15 February 2023", "2023-02-15"),
        ("Updated 16:40, 21-Nov-2022", "2022-11-21"),
        ("Sept. 3, 2021", "2021-09-03"),
        ("1987-02-26T15:01:01.790", "1987-02-26"),
        ("2023-02-15T08:17:00Z", "2023-02-15"),
        ("28th November 2014 By: Jane Roe", "2014-11-28"),
        ("Published: 2024.11.14", "2024-11-14"),
        ("Source:Daily Ledger Published: 2019/5/22 22:19:51", "2019-05-22"),
        ("Monday, 11 October 2021, 22:52", "2021-10-11"),
        ("Last Updated : Jun 29 2024 | 5:52 PM IST", "2024-06-29"),
        ("December 29th 2019 · 5 min read", "2019-12-29"),
        ("2020年07月03日 17:16 発表", "2020-07-03"),
        ("发布时间：2020年7月3日发布", "2020-07-03"),
        ("입력 2020년 7월 3일", "2020-07-03"),
    ])
    func findsTheDate(text: String, expected: String) {
        #expect(DateFinder.firstDate(in: text)?.date.description == expected)
    }

    @Test func aFeedDateLineIsReadAndRemoved() {
        #expect(DateFinder.feedDate(opening: "date 2023-08-18 Headline here")?.date?.description == "2023-08-18")
        #expect(DateFinder.feedDate(opening: "date 2023-08-18 Headline here")?.rest == "Headline here")
        let month = DateFinder.feedDate(opening: "date 2024-01")
        #expect(month != nil && month?.date == nil && month?.rest == nil, "a month alone is removed but gives no date")
        #expect(DateFinder.feedDate(opening: "dated 2023-08-18 text") == nil)
    }

    @Test func rejectsImpossibleAndPartialDates() {
        #expect(DateFinder.firstDate(in: "February 30, 2023") == nil)
        #expect(DateFinder.firstDate(in: "Aug. 10 (Xinhua)") == nil)
        #expect(DateFinder.firstDate(in: "2016-13-01") == nil)
        #expect(DateFinder.firstDate(in: "version 10.2.2016x") == nil)
    }
}
