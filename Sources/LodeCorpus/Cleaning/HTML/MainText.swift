/// Where the article is on an HTML page, chosen the way readability-style extractors do it.
///
/// Prose blocks (a sentence's length, few links) score the element around them and, less, the
/// elements above it; an element's score is discounted by its share of link text and raised
/// when its tag or class names an article. The best element is the article, with those
/// siblings that score near it or are prose themselves. Inside it, link lists and furniture
/// (comments, share and newsletter widgets, related links) are left out. Site furniture is
/// never a candidate, unless it holds most of the page's prose (a body inside a `<form>`).
struct MainText {
    /// The lines of the article: its headline, what stands between the headline and the
    /// article (bylines, stamps, a standfirst), then the article's blocks.
    private(set) var lines: [String] = []
    /// Figure captions inside the article.
    private(set) var captions: [String] = []
    /// The index in `lines` where the article's own blocks start (after headline and bylines).
    private(set) var bodyStart: Int?
    /// The first-level heading standing over the article: the headline the page shows.
    private(set) var headline: String?
    /// Every line outside furniture (or, when that says next to nothing, every line but link
    /// lists, then every line): the looser pass when the article yields nothing.
    private(set) var looseLines: [String] = []
    /// The date stated by an element classed as a date outside furniture, nearest the article's
    /// opening: between headline and body, else above the headline, else below.
    private(set) var statedDate: Timestamp?
    /// The first full date in the page's text from the headline on, or above it inside the article
    /// (elsewhere above it is the site's clock or calendar), furniture too, from `earliestWebYear`
    /// on: the last resort when nothing else dates the page (a footer's "last changed", a
    /// comment's stamp, a sentence saying when it was written).
    private(set) var firstTextDate: PublicationDate?

    /// Dates before this are not a web page's own.
    static let earliestWebYear = 1995
    /// Blocks shorter than this are not prose and score nothing.
    private static let proseCharacters = 25
    /// Fewer words than this outside furniture, and the looser pass takes furniture too.
    static let looseMinimumWords = 10
    /// Blocks whose text is mostly links are link lists.
    private static let linkListDensity = 0.5

    init(_ page: HTMLBlocks) {
        let elements = page.elements, blocks = page.blocks
        guard !blocks.isEmpty else { return }

        /// Each element's sum of `value` over the blocks below it.
        func totals(_ value: (HTMLBlocks.Block) -> Int) -> [Int] {
            var sums = [Int](repeating: 0, count: elements.count)
            for block in blocks {
                let v = value(block)
                guard v != 0 else { continue }
                var e: Int? = block.element
                while let k = e { sums[k] += v; e = elements[k].parent }
            }
            return sums
        }

        // Prose below each element.
        let prose = totals { $0.characters >= Self.proseCharacters ? $0.characters : 0 }
        let totalProse = prose.enumerated().filter { elements[$0.offset].parent == nil }.reduce(0) { $0 + $1.element }

        // Paragraphs of an article's length and few links below each element.
        let longParagraphs = totals { $0.characters >= 200 && $0.linkDensity < 0.1 && elements[$0.element].tag == "p" ? 1 : 0 }

        // Furniture is inherited; a furniture hint on an element holding most prose is ignored,
        // and so is a quiet widget's on one holding the article's paragraphs.
        var furniture = [Bool](repeating: false, count: elements.count)
        for (k, element) in elements.enumerated() {
            let share = element.widgetHint ? 0.8 : 0.5
            let hinted = element.furnitureHint && !(element.quietWidgetHint && longParagraphs[k] >= 3)
            let own = element.furnitureTag
                || hinted && element.tag != "body" && Double(prose[k]) <= share * Double(totalProse)
            furniture[k] = own || element.parent.map { furniture[$0] } ?? false
        }

        // Characters and link characters outside furniture below each element.
        let characters = totals { furniture[$0.element] ? 0 : $0.characters }
        let linkCharacters = totals { furniture[$0.element] ? 0 : $0.linkCharacters }
        var score = [Double](repeating: 0, count: elements.count)
        for block in blocks where !furniture[block.element] {
            guard block.characters >= Self.proseCharacters, block.kind != .caption,
                  block.kind != .listItem || block.characters >= 80 else { continue }
            let commas = block.text.reduce(0) { $0 + ($1 == "," || $1 == "，" || $1 == "、" ? 1 : 0) }
            let value = (1 + Double(commas) + min(Double(block.characters) / 100, 3)) * (1 - block.linkDensity)
            var target: Int? = block.element
            if Self.paragraphTags.contains(elements[block.element].tag) { target = elements[block.element].parent }
            for share in [1.0, 0.5, 1.0 / 6] {
                guard let k = target else { break }
                score[k] += value * share
                target = elements[k].parent
            }
        }
        func final(_ k: Int) -> Double {
            let density = characters[k] == 0 ? 0 : Double(linkCharacters[k]) / Double(characters[k])
            return score[k] * (1 - density) * (elements[k].articleHint ? 1.25 : 1)
        }
        var top = elements.indices.filter { !furniture[$0] && score[$0] > 0 }.max { final($0) < final($1) }
        // An article cut into sections scores each section: an element above that holds much
        // more clean prose (long blocks, few links) is the article, and so is an `<article>`.
        let clean = totals { !furniture[$0.element] && $0.characters >= Self.proseCharacters && $0.linkDensity < 0.3 ? $0.characters : 0 }
        if var k = top {
            var above = elements[k].parent
            while let a = above, elements[a].tag != "body", !furniture[a],
                  Double(linkCharacters[a]) < 0.3 * Double(characters[a]) {
                if Double(clean[a]) >= 1.5 * Double(clean[k]) || elements[a].tag == "article" && clean[a] > clean[k] { k = a }
                above = elements[a].parent
            }
            top = k
        }

        var region = Set<Int>()
        if let top {
            region.insert(top)
            let threshold = max(10, final(top) * 0.2)
            for k in elements.indices where k != top && elements[k].parent == elements[top].parent && !furniture[k] {
                if final(k) >= threshold { region.insert(k) }
            }
            if let parent = elements[top].parent {
                for block in blocks where elements[block.element].parent == parent && !furniture[block.element]
                    && Self.paragraphTags.contains(elements[block.element].tag) {
                    let text = block.text
                    if (block.characters > 80 && block.linkDensity < 0.25) || (block.linkDensity == 0 && text.hasSuffix(".")) {
                        region.insert(block.element)
                    }
                }
            }
        }
        func inRegion(_ element: Int) -> Bool {
            var e: Int? = element
            while let k = e {
                if region.contains(k) { return true }
                e = elements[k].parent
            }
            return false
        }

        var kept: [Int] = []
        for (i, block) in blocks.enumerated() where inRegion(block.element) && !furniture[block.element] {
            if block.linkDensity > Self.linkListDensity { continue }
            // A heading or label over a list of links or a widget ("Related", "More on this:") goes with it.
            if Self.isLabel(block), i + 1 < blocks.count, furniture[blocks[i + 1].element] || blocks[i + 1].linkDensity > Self.linkListDensity {
                continue
            }
            kept.append(i)
        }
        // Looser and looser: outside furniture, then anything but link lists, then everything.
        for pass in [{ (b: HTMLBlocks.Block) in !furniture[b.element] && b.linkDensity <= Self.linkListDensity },
                     { (b: HTMLBlocks.Block) in b.linkDensity <= Self.linkListDensity }, { (_: HTMLBlocks.Block) in true }] {
            looseLines = blocks.filter(pass).map(\.text)
            if looseLines.reduce(0, { $0 + PageLine.wordCount($1) }) >= Self.looseMinimumWords { break }
        }
        let keptWords = kept.reduce(0) { $0 + PageLine.wordCount(blocks[$1].text) }
        /// The first date in the blocks `included` lets in, but for one a change label stands before.
        func firstDate(_ included: (Int) -> Bool) -> PublicationDate? {
            for k in blocks.indices where included(k) {
                let text = blocks[k].text
                let dates = DateFinder.allDates(in: text)
                guard !dates.isEmpty else { continue }
                if let date = dates.dropFirst(PageCleaner.isChangeStamp(text) ? 1 : 0).first(where: { $0.year >= Self.earliestWebYear }) {
                    return date
                }
            }
            return nil
        }
        // Dates an element's class names first; a bare date only when no element is so named,
        // and only below the headline or as its kicker (elsewhere above it, a bare date is the
        // site's clock or calendar).
        let outside = page.dates.filter { !furniture[$0.element] }
        let marks = outside.filter { !$0.bare }, bare = outside.filter(\.bare)
        guard keptWords >= 25 else {
            firstTextDate = firstDate { _ in true }
            statedDate = marks.first?.stamp
            lines = looseLines
            return
        }

        let start = kept[0]
        let headings = blocks.indices.filter { blocks[$0].kind == .heading(level: 1) && !furniture[blocks[$0].element] }
        // The headline: the last first-level heading above the article, else its first own, else any.
        let headline = headings.last(where: { $0 < start }) ?? headings.first(where: kept.contains) ?? headings.first
        // A date right above the headline, beside it, is its kicker; a bare one elsewhere above is the site's.
        let opening = headline ?? start
        func kicker(_ mark: HTMLBlocks.DateMark) -> Bool {
            mark.position == opening - 1 && elements[mark.element].parent == elements[blocks[opening].element].parent
        }
        firstTextDate = firstDate { $0 >= (headline ?? 0) || inRegion(blocks[$0].element) }
        // A classed date between the headline and the body, else the nearest above the headline,
        // else the first after the body starts (pages repeat such stamps for other items below).
        statedDate = (marks.first { $0.position >= opening && $0.position <= start } ?? marks.last { $0.position < opening }
            ?? marks.first { $0.position > start } ?? bare.first { $0.position >= opening || kicker($0) })?.stamp
        self.headline = headline.map { blocks[$0].text }
        if let h = headline {
            lines.append(blocks[h].text)
            kept.removeAll { $0 == h }
            if h < start {
                for i in (h + 1)..<start where blocks[i].linkDensity <= Self.linkListDensity {
                    // A date standing alone under the headline is its stamp, even inside a share bar.
                    if !furniture[blocks[i].element] || PageLine.wordCount(blocks[i].text) <= 6 && DateFinder.firstDate(in: blocks[i].text) != nil {
                        lines.append(blocks[i].text)
                    }
                }
            }
        }
        bodyStart = lines.count
        for i in kept {
            if blocks[i].kind == .caption { captions.append(blocks[i].text) } else { lines.append(blocks[i].text) }
        }
    }

    /// A heading, or a short line that does not end a sentence ("Mehr zum Thema", "Read more:").
    private static func isLabel(_ block: HTMLBlocks.Block) -> Bool {
        if case .heading = block.kind { return true }
        return PageLine.wordCount(block.text) <= 6 && (block.text.last.map { !".!?…\"”»)".contains($0) } ?? false)
    }

    /// Elements whose text scores the element around them.
    private static let paragraphTags: Set<String> = ["p", "li", "td", "th", "pre", "blockquote", "dd", "dt", "h1", "h2", "h3",
                                                     "h4", "h5", "h6", "figcaption", "caption"]
}
