import Foundation

/// What sites put around an article that reads like its text: before it, a disclosure of
/// advertising or affiliate links; after it, a label opening other stories ("Related articles",
/// "Lesen Sie auch", "热门推荐") with their teasers under it, and closing calls to subscribe,
/// follow, download the app or respect the copyright.
enum ArticleEdges {
    /// `paragraphs` without that furniture: disclosures among the first two; from a label opening
    /// other stories on, when what follows it is at most half as long as the article before it
    /// (a "Read also" box inside it is followed by more of the article); then closing calls from
    /// the end back; then labels that are site chrome.
    static func trimmed(_ paragraphs: [String]) -> [String] {
        var kept = paragraphs
        for k in kept.indices.prefix(2).reversed() where kept.count > 1 && isDisclosure(kept[k]) { kept.remove(at: k) }
        let words = kept.map(PageLine.wordCount)
        let total = words.reduce(0, +)
        var before = 0
        for (k, paragraph) in kept.enumerated() {
            if k >= 2, opensOtherStories(paragraph), (total - before) * 2 <= before {
                kept.removeSubrange(k...)
                break
            }
            before += words[k]
        }
        while kept.count > 1, let last = kept.last, isClosingCall(last) { kept.removeLast() }
        // A label the article did not end at is chrome, as any other line of the kind.
        kept.removeAll { opensOtherStories($0) && PageLine($0).isChrome }
        return kept
    }

    /// A short label naming other stories: "Related articles", "Schon gelesen?", "NOTAS RELACIONADAS".
    static func opensOtherStories(_ paragraph: String) -> Bool {
        guard PageLine.wordCount(paragraph) <= 6 else { return false }
        let label = paragraph.lowercased().trimmingCharacters(in: .whitespaces.union(CharacterSet(charactersIn: ":?!.…»›>")))
        return otherStoriesLabels.contains { label == $0 || label.hasPrefix($0 + " ") || label.hasPrefix($0 + ":") }
    }

    /// A short paragraph asking the reader to subscribe, follow, join or download, or claiming copyright.
    static func isClosingCall(_ paragraph: String) -> Bool {
        guard PageLine.wordCount(paragraph) <= 60 else { return false }
        let lower = paragraph.lowercased()
        if paragraph.contains("©") || rightsPhrases.contains(where: lower.contains) { return true }
        if subscriptionWords.contains(where: lower.contains) { return true }
        return socialNetworks.contains(where: lower.contains) && callWords.contains(where: lower.contains)
    }

    /// A short note that the page carries advertising or earns from its links.
    static func isDisclosure(_ paragraph: String) -> Bool {
        guard PageLine.wordCount(paragraph) <= 50 else { return false }
        let lower = paragraph.lowercased()
        return disclosurePhrases.contains(where: lower.contains)
    }

    /// Labels over other stories, lower case, in the web's commoner languages.
    private static let otherStoriesLabels = [
        "related", "related articles", "related stories", "related news", "related posts", "related content", "read more",
        "read also", "read next", "also read", "more from", "more stories", "more news", "latest news", "latest articles",
        "latest stories", "recent posts", "you may also like", "you might also like", "recommended", "see also", "don't miss",
        "most read", "most popular", "trending", "weitere artikel", "neueste artikel", "aktuelle artikel", "schon gelesen",
        "lesen sie auch", "lies auch", "mehr zum thema", "auch interessant", "das könnte sie auch interessieren",
        "das könnte dich auch interessieren", "ähnliche artikel", "verwandte artikel", "zum weiterlesen", "meistgelesen",
        "beliebte artikel", "empfehlungen", "à lire aussi", "a lire aussi", "lire aussi", "articles liés", "sur le même sujet",
        "les plus lus", "notas relacionadas", "noticias relacionadas", "artículos relacionados", "te puede interesar",
        "también te puede interesar", "lee también", "lo más leído", "más noticias", "leggi anche", "articoli correlati",
        "potrebbe interessarti", "leia também", "veja também", "notícias relacionadas", "zobacz także", "zobacz też",
        "czytaj także", "czytaj też", "lees ook", "gerelateerde artikelen", "läs också", "relaterade artiklar", "læs også",
        "les også", "热门推荐", "相关新闻", "相关阅读", "推荐阅读", "相关文章", "热门文章", "関連記事", "関連ニュース", "관련기사",
    ]

    /// Disclosures of advertising and affiliate links.
    private static let disclosurePhrases = [
        "affiliate link", "affiliate-link", "affiliate partner", "references to products from", "we may receive compensation",
        "we may earn", "earn a commission", "contains advertising", "enthält werbung", "*werbung", "werbung/", "partnerlinks",
        "erhält ggf. eine provision", "eine provision vom", "liens affiliés", "contient des liens", "enlaces de afiliados",
        "link di affiliazione",
    ]

    /// Copyright and reprint notices.
    private static let rightsPhrases = [
        "copyright", "all rights reserved", "copyrighted property", "alle rechte vorbehalten", "tous droits réservés",
        "todos los derechos reservados", "tutti i diritti riservati", "todos os direitos reservados", "wszelkie prawa zastrzeżone",
    ]

    /// Words only a subscription or newsletter pitch uses.
    private static let subscriptionWords = [
        "subscribe", "subscriber", "subscription", "newsletter", "sign up for", "abonnieren", "abonnement", "abonnez",
        "abonniere", "suscríbete", "suscribirse", "suscripción", "iscriviti", "abbonati", "assine", "inscreva-se", "subskrypcj",
        "download the app", "download our app", "apps for ios", "app herunterladen", "descarga la app",
    ]

    private static let socialNetworks = ["twitter", "facebook", "instagram", "whatsapp", "linkedin", "weibo", "wechat", "telegram",
                                         "youtube", "tiktok", "pinterest", "reddit", "mastodon"]

    /// Words that ask the reader to act, or speak as the site.
    private static let callWords = [
        "follow", "join", "like us", "find us", "send us", "email us", "write to us", "our ", "folgen sie", "folge uns", "uns auf",
        "síguenos", "siga", "únete", "nuestro canal", "escríbenos", "escribirnos", "suivez", "rejoignez", "notre ", "seguici",
        "segue-nos", "obserwuj", "dołącz",
    ]
}
