import Foundation
@testable import LodeCorpus
import Testing

/// Main-text choice and metadata on HTML pages written in the shapes found on real sites.
@Suite struct HTMLMainTextTests {
    private func html(_ s: String) -> [UInt8] { Array(s.utf8) }

    private let paragraphs = [
        "Lanthanum prices rose for a third week as smelters in Baotou cut output, traders said on Tuesday, citing power limits.",
        "The cuts, which began in early March, have removed about a tenth of the region's monthly supply, according to one estimate.",
        "Buyers in Japan and Korea have started to look for cargoes elsewhere, two people familiar with the talks said.",
        "Analysts expect prices to stay firm until the power limits are lifted, which may not happen before the summer.",
    ]

    private func news(sections: Bool = false) -> String {
        let body = sections
            ? paragraphs.enumerated().map { "<section class=\"part\"><div class=\"part-body\"><h2>Part \($0.offset + 1)</h2><p>\($0.element)</p></div></section>" }.joined()
            : paragraphs.map { "<p>\($0)</p>" }.joined()
        return """
        <html><head><title>Lanthanum prices climb | Metals Wire</title></head><body>
        <div class="site-header"><a href="/">Home</a> <a href="/markets">Markets</a></div>
        <div id="main"><div class="story">
          <h1>Lanthanum prices climb as Baotou smelters cut output</h1>
          <div class="story-body">\(body)
            <p>Read more: <a href="/x">Cerium exports slide to a four-year low as demand from glass makers fades</a></p>
            <figure><img src="a.jpg"><p class="wp-caption-text">A smelter in Baotou. Photo: Li Wei</p></figure>
          </div>
          <div class="related-articles"><h3>Related</h3><p>Neodymium magnets: why carmakers are worried about the supply from China this year</p></div>
          <div id="comments"><p>I have been saying for years that these prices would rise, and nobody listened to me at all, as usual.</p></div>
        </div>
        <div class="sidebar"><p>Subscribe to our daily newsletter for the latest metals news, delivered every morning before the open.</p></div>
        </div>
        <footer><p>Copyright 2024 Metals Wire. All rights reserved. Terms of use and privacy policy apply to this website.</p></footer>
        </body></html>
        """
    }

    @Test func anUnclosedButtonThatSwallowsThePageDoesNotHideTheArticle() {
        let page = news().replacingOccurrences(of: "<div id=\"main\">", with: "<button class=\"menu-button\"><span>Menu</span><div id=\"main\">")
        let cleaned = HTMLPage(html(page)).cleaned()
        #expect(cleaned.headline == "Lanthanum prices climb as Baotou smelters cut output")
        #expect(Array(cleaned.paragraphs.prefix(4)) == paragraphs)
        let control = HTMLPage(html("<html><body><p>\(paragraphs[0])</p><button><span>\(paragraphs[1])</span></button></body></html>")).cleaned()
        #expect(control.paragraphs == [paragraphs[0]], "a button holding only its label is still skipped")
    }

    @Test func theArticleIsKeptAndTheFurnitureAroundItIsNot() {
        let page = HTMLPage(html(news())).cleaned()
        #expect(page.headline == "Lanthanum prices climb as Baotou smelters cut output")
        #expect(page.paragraphs == paragraphs)
        #expect(page.captions == ["A smelter in Baotou. Photo: Li Wei"], "a caption by its class is a caption, not body")
        let text = page.paragraphs.joined(separator: " ")
        for furniture in ["Read more", "Neodymium magnets", "nobody listened", "newsletter", "Copyright", "Markets"] {
            #expect(!text.contains(furniture), "\(furniture) is not the article")
        }
    }

    @Test func aShareBarsContainerHoldingTheArticlesParagraphsIsNotAWidgetButCommentsStillAre() {
        // Paragraphs of an article's length, two of the fixture's each.
        let long = [paragraphs[0] + " " + paragraphs[1], paragraphs[2] + " " + paragraphs[3], paragraphs[1] + " " + paragraphs[2]]
        let body = long.map { "<p>\($0)</p>" }.joined()
        let comments = "<div class=\"comments\">" + long.map { "<p>Reader: \($0)</p>" }.joined() + "</div>"
        let page = HTMLPage(html("<html><body><header class=\"documentHeader\"><h1>Lanthanum prices climb</h1></header>"
            + "<section class=\"contentMain\"><div class=\"documentContent__sharingContainer\"><div class=\"shariff\">Share</div>"
            + "<section class=\"documentContent__content\">\(body)</section></div></section>\(comments)"
            + "<aside><p>Neodymium magnets: exports fall for a second month, customs data show.</p></aside></body></html>")).cleaned()
        #expect(page.paragraphs == long, "\(page.paragraphs)")
    }

    @Test func anArticleCutIntoSectionsIsReadWhole() {
        let page = HTMLPage(html(news(sections: true))).cleaned()
        for paragraph in paragraphs { #expect(page.paragraphs.contains(paragraph)) }
        #expect(!page.paragraphs.joined().contains("nobody listened"))
    }

    @Test func aBodyInsideAFormOrAnOpenNoscriptIsStillRead() {
        let form = "<html><body><form id=\"aspnetForm\"><div class=\"content\">" + paragraphs.map { "<p>\($0)</p>" }.joined()
            + "</div></form></body></html>"
        #expect(HTMLPage(html(form)).cleaned().paragraphs == paragraphs)
        let noscript = "<html><body><noscript><div id=\"nojs\"></noscript><div class=\"text\">" + paragraphs.map { "<p>\($0)</p>" }.joined()
            + "</div></body></html>"
        #expect(HTMLPage(html(noscript)).cleaned().paragraphs == paragraphs)
    }

    @Test func aPageWithNulBytesIsReadPastThem() {
        var bytes = html("<html><body><div><p>\(paragraphs[0])</p>")
        bytes.append(0)
        bytes += html("<p>\(paragraphs[1])</p></div></body></html>")
        #expect(HTMLPage(bytes).cleaned().paragraphs == Array(paragraphs.prefix(2)))
    }

    @Test func aPageOfLinksAloneIsReadLooselyRatherThanRejected() {
        let links = "<html><body><ul>" + (1...8).map { "<li><a href=\"/\($0)\">Rare earth story number \($0) about prices</a></li>" }.joined()
            + "</ul></body></html>"
        let page = HTMLPage(html(links)).cleaned()
        #expect(!page.paragraphs.isEmpty)
    }

    @Test func aHeadingOverLinksGoesWithThemAndCreditLinesAreCaptions() {
        let page = HTMLPage(html("<html><body><article><h1>Cerium exports slide</h1>" + paragraphs.map { "<p>\($0)</p>" }.joined()
            + "<p>Foto: Li Wei</p><h3>More on this</h3><p><a href=\"/a\">Lanthanum prices climb as Baotou smelters cut output this week</a></p>"
            + "<p><strong>Read more:</strong></p><p><a href=\"/b\">Neodymium magnet makers look abroad for supply</a></p>"
            + "</article></body></html>")).cleaned()
        #expect(page.paragraphs == paragraphs)
        #expect(page.captions == ["Foto: Li Wei"])
    }

    @Test func aPageWhollyInsideAWidgetIsReadRatherThanRejected() {
        let wrapped = "<html><body><div class=\"socialicons-sticky\"><div class=\"entry-content\">" + paragraphs.map { "<p>\($0)</p>" }.joined()
            + "</div></div><div id=\"comments\">" + (1...6).map { "<p>Comment \($0): \(paragraphs[$0 % 4])</p>" }.joined() + "</div></body></html>"
        let page = HTMLPage(html(wrapped)).cleaned()
        #expect(page.paragraphs.contains(paragraphs[0]))
    }

    @Test func aPageDrawnByScriptsIsReadFromItsDeclaredBody() {
        let body = paragraphs.joined(separator: "\n\n")
        let json = String(decoding: try! JSONSerialization.data(withJSONObject: ["@type": "NewsArticle", "articleBody": body]), as: UTF8.self)
        let page = HTMLPage(html("<html><head><script type=\"application/ld+json\">\(json)</script></head>"
            + "<body><div id=\"app\"><h1>Lanthanum prices climb</h1><p>Loading…</p></div></body></html>")).cleaned()
        #expect(page.paragraphs == paragraphs)
    }

    @Test func textInsideACaptionStaysACaption() {
        let page = HTMLPage(html("<html><body><article>" + paragraphs.map { "<p>\($0)</p>" }.joined()
            + "<figure><img src=\"a.jpg\"><figcaption><p>Workers at a separation plant in Ganzhou.</p></figcaption></figure>"
            + "</article></body></html>")).cleaned()
        #expect(page.paragraphs == paragraphs)
        #expect(page.captions == ["Workers at a separation plant in Ganzhou."])
    }

    // MARK: Metadata

    @Test func thePagesAddressAndDateClassedElementsDateIt() {
        let address = HTMLPage(head("<link rel=\"canonical\" href=\"https://example.org/2018/06/28/interactive-maps/\">"
            + "<meta property=\"og:image\" content=\"https://example.org/files/2017/01/02/map.png\">",
            body: "<time class=\"published\" datetime=\"2009-04-11\">old post</time>")).hints
        #expect(address.date?.description == "2018-06-28", "the page's own address before <time> elements")
        let classed = HTMLPage(html("<html><body><aside><span class=\"date\">01.01.2015</span></aside><article><header><h1>Cerium</h1>"
            + "<p class=\"meta-info\">03.02.2022 15:34</p></header>" + paragraphs.map { "<p>\($0)</p>" }.joined() + "</article></body></html>"))
        #expect(classed.hints.weakDate?.description == "2022-02-03", "the date-classed element by the headline, not the sidebar's")
        #expect(classed.cleaned().date?.description == "2022-02-03")
        #expect(classed.cleaned().headline == "Cerium", "a <header> holding the headline is the article's")
        let hAtom = HTMLPage(html("<html><body><div class=\"post\"><h1>Cerium</h1><span class=\"updated\" title=\"2013-04-04T18:52:11+00:00\"></span>"
            + paragraphs.map { "<p>\($0)</p>" }.joined() + "</div></body></html>"))
        #expect(hAtom.cleaned().date?.description == "2013-04-04", "hAtom's updated class, its date in the title")
    }

    @Test func aDateStandingAloneBelowTheHeadlineDatesThePageButAClockAboveItDoesNot() {
        let clock = "<div class=\"top\"><span id=\"clock\">Donnerstag, 16. Februar 2012</span></div>"
        let body = paragraphs.map { "<p>\($0)</p>" }.joined()
        let stamped = HTMLPage(html("<html><body>\(clock)<div class=\"story\"><h1>Cerium</h1><small>31.01.2022 09:15</small>\(body)</div></body></html>"))
        #expect(stamped.cleaned().date?.description == "2022-01-31")
        let clockOnly = HTMLPage(html("<html><body>\(clock)<div class=\"story\"><h1>Cerium</h1>\(body)</div></body></html>"))
        #expect(clockOnly.cleaned().date == nil, "a bare date above the headline is the site's clock")
        let sentence = HTMLPage(html("<html><body><div class=\"story\"><h1>Cerium</h1><p>Prices fell sharply on 31.01.2022 in Baotou.</p>\(body)</div></body></html>"))
        #expect(sentence.hints.weakDate == nil, "a date inside a sentence is not a stamp")
        let timed = HTMLPage(html("<html><body><div class=\"story\"><h1>Cerium</h1><p>By Li Wei, <time datetime=\"2020-03-18T12:22:42-04:00\">2 hours ago</time></p>\(body)<div class=\"more\"><p>Cerium exports slide</p><abbr class=\"date\" title=\"2017-05-11\"></abbr></div></div></body></html>"))
        #expect(timed.cleaned().date?.description == "2020-03-18", "a <time> under the headline before other items' dates")
        let kicker = HTMLPage(html("<html><body>\(clock)<div class=\"story\"><h3>21.01.2022</h3><h1>Cerium</h1>\(body)</div></body></html>"))
        #expect(kicker.cleaned().date?.description == "2022-01-21", "a bare date right above the headline is its kicker")
    }

    @Test func aWidgetsClassOnTheElementHoldingTheHeadlineDoesNotHideItsStamp() {
        let body = paragraphs.map { "<p>\($0)</p>" }.joined()
        let page = HTMLPage(html("""
            <html><body><div class="intro intro__breadcrumbNavigation"><a href="/">Home</a><h1>Cerium prices slide</h1>
            <p class="caption"> 01. November 2021 | Metals, Markets </p></div><div class="text">\(body)</div></body></html>
            """)).cleaned()
        #expect(page.headline == "Cerium prices slide")
        #expect(page.date?.description == "2021-11-01")
    }

    @Test func moreAddressShapesAndThePagesTitleDateIt() {
        #expect(HTMLMetadata.pathDate("https://www.theguardian.com/education/2020/oct/02/halls-too-full")?.date.description == "2020-10-02")
        #expect(HTMLMetadata.pathDate("https://example.org/meldungen/29-10-2021")?.date.description == "2021-10-29")
        #expect(HTMLMetadata.pathDate("https://web.archive.org/web/20140109030403/http://example.org/2013/12/09/post/")?.date.description
                == "2013-12-09", "an archived copy's address is the page's it copies")
        #expect(HTMLMetadata.pathDate("/web/20130217080612im_/http://example.org/wp-content/uploads/2012/08/a.jpg") == nil,
                "the capture's time is not the page's date")
        #expect(HTMLMetadata.pathDate("https://example.org/news/23-01-2022-wierer-wins")?.date.description == "2022-01-23")
        #expect(HTMLMetadata.pathDate("https://example.org/news/10-11-2021") == nil, "day and month could be either way round")
        let body = paragraphs.map { "<p>\($0)</p>" }.joined()
        let titled = HTMLPage(html("<html><head><title>23.01.2022 - Wierer wins in Antholz | Biathlon</title></head><body><div>\(body)</div></body></html>"))
        #expect(titled.cleaned().date?.description == "2022-01-23")
    }

    @Test func aPageSavedAsUTF8WhileItsMetaStillNamesAnOlderCharsetIsReadAsUTF8() {
        let page = HTMLPage(html("""
            <html><head><meta http-equiv="Content-Type" content="text/html; charset=euc-kr"></head><body>
            <h1>세종시 특별모금 성금 전달식</h1>
            <p>세종시와 사회복지공동모금회는 4일 시청 접견실에서 특별모금 성금 전달식을 열었다고 밝혔다.</p>
            <p>이날 전달식에서는 지역 기업과 체육회가 각각 성금을 기탁했으며 시는 투명하게 쓰겠다고 말했다.</p>
            </body></html>
            """)).cleaned()
        #expect(page.headline == "세종시 특별모금 성금 전달식")
        #expect(page.paragraphs.first?.hasPrefix("세종시와 사회복지공동모금회는") == true)
    }

    private func head(_ inner: String, body: String = "") -> [UInt8] {
        html("<html><head>\(inner)</head><body><div>" + paragraphs.map { "<p>\($0)</p>" }.joined() + body + "</div></body></html>")
    }

    @Test func jsonLDGivesDateHeadlineAuthorAndPublisher() {
        let hints = HTMLPage(head("""
        <meta property="og:title" content="OG title of the story">
        <script type="application/ld+json">{"@context":"https://schema.org","@graph":[
          {"@type":"WebSite","name":"Metals Wire"},
          {"@type":"NewsArticle","headline":"Lanthanum prices climb","datePublished":"2024-03-12T08:00:00+08:00",
           "dateModified":"2024-03-14T10:00:00+08:00","author":[{"@type":"Person","name":"Li Wei"}],
           "publisher":{"@type":"Organization","name":"Metals Wire"}}]}
        </script>
        """)).hints
        #expect(hints.headline == "Lanthanum prices climb", "structured data before Open Graph")
        #expect(hints.date?.description == "2024-03-12", "publication before modification")
        #expect(hints.weakDate?.description == "2024-03-14")
        #expect(hints.author == "Li Wei")
        #expect(hints.publisher == "Metals Wire")
    }

    @Test func aUTCTimeIsReadOnThePagesLocalDay() {
        let hints = HTMLPage(head("""
        <script type="application/ld+json">{"@type":"NewsArticle","datePublished":"2023-11-09T02:11:00Z"}</script>
        <meta property="article:modified_time" content="2023-11-08T22:30:00-05:00">
        """)).hints
        #expect(hints.date?.description == "2023-11-08", "02:11 UTC is the evening before at -05:00")
        let alone = HTMLPage(head(#"<script type="application/ld+json">{"@type":"NewsArticle","datePublished":"2023-11-09T02:11:00Z"}</script>"#)).hints
        #expect(alone.date?.description == "2023-11-09", "without an offset on the page the stated day stands")
        let canonical = #"<link rel="canonical" href="https://example.com/2023/11/08/mayor-elected/">"#
        let addressed = HTMLPage(head(canonical + #"<script type="application/ld+json">{"@type":"NewsArticle","datePublished":"2023-11-09T02:11:00Z"}</script>"#)).hints
        #expect(addressed.date?.description == "2023-11-08", "the page's address is filed under its local day")
        let afternoon = HTMLPage(head(canonical + #"<script type="application/ld+json">{"@type":"NewsArticle","datePublished":"2023-11-09T15:00:00Z"}</script>"#)).hints
        #expect(afternoon.date?.description == "2023-11-09", "no zone is 15 hours behind UTC: the address is another day")
    }

    @Test func brokenJSONLDMicrodataAndMetaStillDateThePage() {
        let broken = HTMLPage(head("<script type=\"application/ld+json\">{\"@type\":\"NewsArticle\",\"datePublished\":\"2020-10-26T18:10:00+01:00\",}</script>")).hints
        #expect(broken.date?.description == "2020-10-26")
        let microdata = HTMLPage(head("", body: "<span itemprop=\"datePublished\" content=\"2019-05-02\">2 May</span>")).hints
        #expect(microdata.date?.description == "2019-05-02")
        let dublinCore = HTMLPage(head("<meta name=\"DC.date.issued\" content=\"2018-01-15\">")).hints
        #expect(dublinCore.date?.description == "2018-01-15")
        let parsely = HTMLPage(head("<meta name=\"parsely-pub-date\" content=\"2017-07-04T12:00:00Z\">")).hints
        #expect(parsely.date?.description == "2017-07-04")
    }

    @Test func aPublicationMetaTagBeatsStructuredDataAndAWrittenZoneMovesTheDay() {
        let both = HTMLPage(head(#"<meta property="article:published_time" content="2022-01-06T08:29:34">"#
            + #"<script type="application/ld+json">{"@type":"NewsArticle","datePublished":"2022-01-04T07:29:00Z"}</script>"#)).hints
        #expect(both.date?.description == "2022-01-06", "the page's publication tag, not its template's structured data")
        let written = HTMLPage(head(#"<meta name="date" content="Sat, 19 Oct 2019 00:04:00 +0200">"#
            + #"<script type="application/ld+json">{"@type":"NewsArticle","dateModified":"2019-10-18T22:04:00Z"}</script>"#)).hints
        #expect(written.date?.description == "2019-10-19", "a written date's time and zone are read with it")
        let segment = HTMLPage(head(#"<link rel="canonical" href="https://example.se/20200428/a-swede-who-tattooed">"#)).hints
        #expect(segment.date?.description == "2020-04-28", "an address segment of eight digits that make a date")
        let plainNumber = HTMLPage(head(#"<link rel="canonical" href="https://example.se/story/20201399/">"#)).hints
        #expect(plainNumber.date == nil, "eight digits that make no date are an id")
    }

    @Test func timesMarkedByTheirTitleOrTheirParentDateThePage() {
        let blogger = HTMLPage(head("", body: #"<a class="timestamp-link"><abbr class="published" itemprop="datePublished" "#
            + #"title="2017-09-09T10:52:00+02:00">10:52</abbr></a>"#)).hints
        #expect(blogger.date?.description == "2017-09-09", "a date in the title of an itemprop element whose text is a time")
        let body = paragraphs.map { "<p>\($0)</p>" }.joined()
        let parent = HTMLPage(html("<html><body><div class=\"story\"><h1>Cerium</h1><p class=\"publication\">Le <time datetime=\"2019-06-28T13:49:45Z\">"
            + "28 juin 2019</time></p>\(body)</div><div class=\"more\"><p>Autre article <time datetime=\"2019-09-22T07:30:29Z\" pubdate>22 septembre</time></p>"
            + "</div></body></html>"))
        #expect(parent.cleaned().date?.description == "2019-06-28", "a <time> whose parent is classed as the publication line")
    }

    @Test func aClassedDateByTheHeadlineBeatsAStampDeepInTheBodyAndItemsFurtherDown() {
        let body = paragraphs.map { "<p>\($0)</p>" }.joined()
        let source = "<p>Quelle: Forschungsbericht des Ministeriums (Stand: 28. November 2018)</p>"
        let meta = "<p class=\"meta\">Filed by Li Wei under markets, metals, rare earths and China trade, with notes from traders across the region "
            + "<span class=\"date\">05.02.2020</span></p>"
        let page = HTMLPage(html("<html><body><div class=\"story\"><h1>Cerium</h1>\(meta)\(body)\(source)\(body)</div></body></html>"))
        #expect(page.cleaned().date?.description == "2020-02-05", "the classed date under the headline, not the source line in the body")
        let repeated = HTMLPage(html("<html><body><div class=\"issue\"><div class=\"head\"><span class=\"artikeldatum\">25. November 2021</span></div>"
            + "<h2>Cerium</h2>\(body)<div class=\"head\"><span class=\"artikeldatum\">1. Dezember 2021</span></div><h2>Lanthanum</h2><p>More.</p>"
            + "</div></body></html>"))
        #expect(repeated.cleaned().date?.description == "2021-11-25", "the classed date nearest above the article, not the next item's")
    }

    @Test func undatedPagesAreDatedByTheirDescriptionAndNeverBeforeTheWeb() {
        let described = HTMLPage(head(#"<meta name="description" content="Orso marsicano: un anno da record (Notizia del 14 Gennaio 2020)">"#))
        #expect(described.cleaned().date?.description == "2020-01-14", "the page's summary states its day")
        let old = HTMLPage(head(#"<meta name="date" content="1975-01-28">"#))
        #expect(old.cleaned().date == nil, "a web page is not older than the web")
        let given = old.cleaned(hints: PageHints(date: PublicationDate(year: 1987, month: 2, day: 26)))
        #expect(given.date?.description == "1987-02-26", "a date the caller gives stands")
    }

    @Test func anUndatedPageTakesTheFirstDateItsTextGivesFromTheHeadlineOn() {
        let body = paragraphs.map { "<p>\($0)</p>" }.joined()
        let clock = "<div class=\"top\"><span id=\"clock\">Donnerstag, 16. Februar 2012</span></div>"
        let footer = HTMLPage(html("<html><body>\(clock)<div class=\"story\"><h1>Cerium</h1>\(body)</div>"
            + "<footer><p>Diese Seite wurde zuletzt am 29. Januar 2020 um 13:22 Uhr geändert.</p></footer></body></html>"))
        #expect(footer.cleaned().date?.description == "2020-01-29", "the footer's date, not the clock above the headline")
        let sentence = HTMLPage(html("<html><body><div class=\"story\"><h1>Cerium</h1>\(body)<p>Dieser Artikel wurde am 14. Dezember 2015 "
            + "um 14:48 Uhr veröffentlicht und in Technik abgelegt.</p></div></body></html>"))
        #expect(sentence.cleaned().date?.description == "2015-12-14")
        let aboveInside = HTMLPage(html("<html><body>\(clock)<div class=\"story\"><p><b>Cerium</b> wurde am 19. Mai 2010 um 23:03 Uhr gepostet</p>"
            + "<h1>Cerium</h1>\(body)</div></body></html>"))
        #expect(aboveInside.cleaned().date?.description == "2010-05-19", "above the headline but inside the article")
        let old = HTMLPage(html("<html><body><div class=\"story\"><h1>Cerium</h1>\(body)<p>The company that smelts most of the ore was founded on 3 March 1911 in Baotou, long before the mines were opened to foreign buyers.</p></div></body></html>"))
        #expect(old.cleaned().date == nil, "a date from before the web is not the page's")
    }

    @Test func aModificationDateOnlyDatesAPageNothingElseDates() {
        let modified = "<meta property=\"article:modified_time\" content=\"2022-02-02T09:00:00+00:00\">"
        #expect(HTMLPage(head(modified)).cleaned().date?.description == "2022-02-02")
        let stamped = HTMLPage(head(modified, body: "<p>Published: January 30, 2022</p>"))
        #expect(stamped.cleaned().date?.description == "2022-01-30", "a stamp on the page beats a modification date")
    }

    @Test func datesInOtherLanguagesAreRead() {
        #expect(DateFinder.firstDate(in: "Veröffentlicht am 9. Oktober 2020, 11:12")?.date.description == "2020-10-09")
        #expect(DateFinder.firstDate(in: "Publicado el 20 de septiembre de 2020")?.date.description == "2020-09-20")
        #expect(DateFinder.firstDate(in: "duminică, 20 septembrie 2020 16:20")?.date.description == "2020-09-20")
        #expect(DateFinder.firstDate(in: "Stand: 23.06.2016")?.date.description == "2016-06-23")
        #expect(DateFinder.firstDate(in: "Donnerstag, 15.2.2018, 19:51")?.date.description == "2018-02-15")
        #expect(DateFinder.firstDate(in: "17/03/2020")?.date.description == "2020-03-17")
        #expect(DateFinder.firstDate(in: "03/17/2020")?.date.description == "2020-03-17")
        #expect(DateFinder.firstDate(in: "08/09/2020") == nil, "day and month could be either")
        #expect(DateFinder.firstDate(in: "08/08/2017")?.date.description == "2017-08-08", "either way the same day")
        #expect(DateFinder.firstDate(in: "Party, 30.10.23")?.date.description == "2023-10-30")
        #expect(DateFinder.firstDate(in: "02.12.99")?.date.description == "1999-12-02")
        #expect(DateFinder.firstDate(in: "version 1.2.23") == nil && DateFinder.firstDate(in: "10.11.12.13") == nil)
        #expect(DateFinder.firstDate(in: "le 3 février 2019")?.date.description == "2019-02-03")
        #expect(DateFinder.firstDate(in: "31.02.2016") == nil, "no such day")
    }
}
