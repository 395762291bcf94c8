import Foundation

/// News outlets by the names pages write them in, and the clues that name one.
public enum Outlets {
    /// Canonical names, each with the spellings that stand for it (compared case-insensitively).
    static let known: [(name: String, spellings: [String])] = [
        ("Xinhua", ["xinhua", "xinhua news agency", "xinhuanet", "xinhuanet.com", "xinhua net"]),
        ("Global Times", ["global times", "globaltimes.cn"]),
        ("China Daily", ["china daily", "chinadaily.com.cn", "china daily global"]),
        ("People's Daily", ["people's daily", "people's daily online", "people.cn"]),
        ("CGTN", ["cgtn", "china global television network"]),
        ("China.org.cn", ["china.org.cn"]),
        ("Caixin", ["caixin", "caixin global"]),
        ("Sixth Tone", ["sixth tone"]),
        ("South China Morning Post", ["south china morning post", "scmp"]),
        ("Reuters", ["reuters", "thomson reuters"]),
        ("Associated Press", ["associated press", "ap"]),
        ("AFP", ["afp", "agence france-presse"]),
        ("Bloomberg", ["bloomberg", "bloomberg news"]),
        ("Nikkei Asia", ["nikkei asia", "nikkei"]),
        ("Financial Times", ["financial times", "ft"]),
        ("The Wall Street Journal", ["the wall street journal", "wall street journal", "wsj"]),
        ("BBC", ["bbc", "bbc news"]),
        ("The New York Times", ["the new york times", "new york times"]),
        ("The Guardian", ["the guardian", "guardian"]),
        ("Mining Weekly", ["mining weekly", "miningweekly.com"]),
        // The world's main news agencies (wire services), as they credit themselves.
        ("PTI", ["pti", "press trust of india"]),
        ("IANS", ["ians", "indo-asian news service", "indo asian news service"]),
        ("ANI", ["ani", "asian news international"]),
        ("UNI", ["united news of india"]),
        ("Kyodo", ["kyodo", "kyodo news"]),
        ("Jiji Press", ["jiji press", "jiji"]),
        ("Yonhap", ["yonhap", "yonhap news agency", "yonhap news"]),
        ("KCNA", ["kcna", "korean central news agency"]),
        ("UPI", ["upi", "united press international"]),
        ("dpa", ["dpa", "deutsche presse-agentur"]),
        ("EFE", ["efe", "agencia efe"]),
        ("ANSA", ["ansa"]),
        ("TASS", ["tass", "itar-tass"]),
        ("RIA Novosti", ["ria novosti"]),
        ("Interfax", ["interfax"]),
        ("Anadolu Agency", ["anadolu agency", "anadolu"]),
        ("Bernama", ["bernama"]),
        ("Antara", ["antara", "antara news"]),
        ("AAP", ["aap", "australian associated press"]),
        ("Canadian Press", ["the canadian press", "canadian press"]),
        ("PA Media", ["pa media", "press association"]),
        ("Xinhua Finance", ["xinhua finance"]),
        ("CNA", ["cna", "central news agency", "channel newsasia"]),
        ("APA", ["austria presse agentur"]),
        ("Prensa Latina", ["prensa latina"]),
        ("Notimex", ["notimex"]),
        ("Agência Brasil", ["agência brasil", "agencia brasil"]),
        ("MENA", ["mena", "middle east news agency"]),
        ("WAFA", ["wafa"]),
        ("IRNA", ["irna", "islamic republic news agency"]),
    ]

    /// Words that end an outlet's name when a page mentions one we do not know.
    static let nameEndings: Set<String> = ["Times", "Daily", "News", "Post", "Journal", "Herald", "Tribune", "Agency",
                                           "Review", "Weekly", "Gazette", "Telegraph", "Observer", "Online", "Independent",
                                           "Standard", "Express", "Chronicle", "Mail", "Mirror", "Monitor", "Inquirer", "Courier",
                                           "Bulletin", "Examiner", "Dispatch", "Shimbun", "Insider", "Nigeria"]

    /// The site a url belongs to: a known outlet's name, else its host without "www.".
    public static func publisher(fromURL url: String) -> String? {
        guard let host = URL(string: url)?.host?.lowercased(), !host.isEmpty else { return nil }
        let bare = host.hasPrefix("www.") ? String(host.dropFirst(4)) : host
        var parts = bare.split(separator: ".")
        while parts.count >= 2 {
            if let name = canonical(parts.joined(separator: ".")) { return name }
            parts.removeFirst()
        }
        return bare
    }

    /// A site named by its domain, as written: "Chinadaily.com.cn", "foxbusiness.com".
    static func domainName(_ text: String) -> String? {
        text.range(of: #"^[A-Za-z][A-Za-z0-9-]*(\.[a-z]{2,6}){1,3}$"#, options: .regularExpression) == nil ? nil : text
    }

    /// Every known spelling, lower case, with the canonical name it stands for.
    private static let bySpelling: [String: String] = Dictionary(
        known.flatMap { outlet in outlet.spellings.map { ($0, outlet.name) } }, uniquingKeysWith: { first, _ in first })

    /// The canonical name for `text` if it is a known outlet's spelling ("the" before it or not).
    public static func canonical(_ text: String) -> String? {
        let key = text.trimmingCharacters(in: .whitespacesAndNewlines.union(.punctuationCharacters).union(.symbols)).lowercased()
        return bySpelling[key] ?? (key.hasPrefix("the ") ? bySpelling[String(key.dropFirst(4))] : nil)
    }

    /// A stamp's lone capitalised word as the outlet it names ("Azovpromstal® 14 April 2015"),
    /// unless it is a weekday, a month or a clock word.
    static func stampName(_ part: String) -> String? {
        let word = part.trimmingCharacters(in: .symbols.union(.punctuationCharacters))
        guard !word.contains(" "), word.count >= 3, word.first?.isUppercase == true, word.allSatisfy(\.isLetter),
              !DateFinder.weekdays.contains(word.lowercased()), !DateFinder.isMonth(word),
              !["AM", "PM", "GMT", "UTC", "IST", "EST", "EDT", "CET", "CEST", "BST", "JST", "KST", "HKT"].contains(word.uppercased())
        else { return nil }
        return word
    }

    /// An outlet named in `text` where a reporter credits it: "told the Global Times",
    /// "said in an interview with China Daily", "(Xinhua)".
    public static func credited(in text: String) -> String? {
        for marker in ["told the ", "told ", "interview with the ", "interview with ", "according to the ", "(", "reported by the ",
                       "seen by the ", "seen by "] {
            var search = text[...]
            while let r = search.range(of: marker) {
                let rest = search[r.upperBound...]
                if marker == "(" {
                    // In brackets the name is all there is: "(Xinhua)", not "(OTC Bulletin Board: GLOB)".
                    if let close = rest.prefix(41).firstIndex(of: ")") {
                        let inner = String(rest[..<close]).trimmingCharacters(in: .whitespaces)
                        if let name = canonical(inner) ?? leadingName(Substring(inner)).flatMap({ $0 == inner ? $0 : nil }) { return name }
                    }
                } else if let name = leadingName(rest) {
                    return name
                }
                search = rest
            }
        }
        return nil
    }

    /// The first known outlet named anywhere in `text`, by whole words.
    public static func named(in text: String) -> String? {
        let words = text.split(whereSeparator: { $0.isWhitespace || "(),;".contains($0) }).map(String.init)
        for start in words.indices {
            for n in stride(from: min(4, words.count - start), through: 1, by: -1) {
                let candidate = words[start..<(start + n)].joined(separator: " ")
                if candidate.count > 2, let name = canonical(candidate) { return name }
            }
        }
        return nil
    }

    /// A known outlet, or capitalised words ending like an outlet's name, at the start of `text`.
    static func leadingName(_ text: Substring) -> String? {
        let words = text.split(separator: " ", maxSplits: 5, omittingEmptySubsequences: true).map {
            $0.trimmingCharacters(in: CharacterSet(charactersIn: ".,;:)'\"’”"))
        }
        for n in stride(from: min(4, words.count), through: 1, by: -1) {
            let candidate = words.prefix(n).joined(separator: " ")
            if let name = canonical(candidate), !(n == 1 && candidate.count <= 2 && candidate != candidate.uppercased()) {
                return name
            }
            let capitalised = words.prefix(n).allSatisfy { $0.first?.isUppercase == true }
            if capitalised, n >= 2, let last = words.prefix(n).last, nameEndings.contains(last) { return candidate }
        }
        return nil
    }
}
