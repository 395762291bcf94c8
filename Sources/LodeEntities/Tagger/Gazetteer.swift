/// Name lists: curated ones (places — countries, Chinese provinces and cities, world cities —
/// organisation words, titles) and, for a trained model, the names its training data tagged.
/// Matched as whole word sequences, longest first.
struct Gazetteer: Sendable {
    /// Bits of the kinds of listed name a word is part of.
    static let place: UInt8 = 1, organisationWord: UInt8 = 2, country: UInt8 = 4

    /// The bit of names tagged with `type` in training data.
    static func learned(_ type: EntityType) -> UInt8 { 8 << UInt8(EntityType.allCases.firstIndex(of: type)!) }

    private(set) var phrases: [String: UInt8] = [:]
    /// The most words of a listed name starting with a word: most words start none.
    private var longestFrom: [String: Int] = [:]
    private let organisationSuffixes: Set<String>
    private let titles: Set<String>

    init() {
        organisationSuffixes = Set(OrganisationWords.legalForms.map { $0.lowercased() })
        titles = Set(Self.titleList)
        for name in Self.countries { add(name, Self.country | Self.place) }
        for name in Self.places { add(name, Self.place) }
        for word in OrganisationWords.all { add(word, Self.organisationWord) }
    }

    /// The curated lists plus `names`, each with its bits.
    init(learned names: [String: UInt8]) {
        self.init()
        for (name, bits) in names { add(name, bits) }
    }

    mutating func add(_ name: String, _ bits: UInt8) {
        let key = name.lowercased()
        phrases[key, default: 0] |= bits
        let words = key.split(separator: " ")
        if let first = words.first { longestFrom[String(first)] = max(longestFrom[String(first)] ?? 0, words.count) }
    }

    /// For each word, given in lower case, the bits of the listed names covering it (longest
    /// match from the left).
    func matches(lowerCase lower: [String]) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: lower.count)
        var i = 0
        while i < lower.count {
            var matched = 0
            for n in stride(from: min(longestFrom[lower[i]] ?? 0, lower.count - i), through: 1, by: -1) {
                if let bits = phrases[n == 1 ? lower[i] : lower[i..<(i + n)].joined(separator: " ")] {
                    for k in i..<(i + n) { out[k] |= bits }
                    matched = n
                    break
                }
            }
            i += max(matched, 1)
        }
        return out
    }

    func isOrganisationSuffix(_ lower: String) -> Bool { organisationSuffixes.contains(lower) }
    /// Whether `name` is a listed place (curated, not learned).
    func isPlace(_ name: String) -> Bool { (phrases[name.lowercased()] ?? 0) & Self.place != 0 }
    func isTitle(_ lower: String) -> Bool { titles.contains(lower) }

    static let countries = [
        "Afghanistan", "Albania", "Algeria", "Angola", "Argentina", "Armenia", "Australia", "Austria", "Azerbaijan", "Bahrain",
        "Bangladesh", "Belarus", "Belgium", "Bolivia", "Bosnia", "Botswana", "Brazil", "Britain", "Bulgaria", "Burma", "Burundi",
        "Cambodia", "Cameroon", "Canada", "Chad", "Chile", "China", "Colombia", "Congo", "Croatia", "Cuba", "Cyprus",
        "Czech Republic", "Denmark", "Ecuador", "Egypt", "England", "Eritrea", "Estonia", "Ethiopia", "Finland", "France",
        "Georgia", "Germany", "Ghana", "Greece", "Guatemala", "Haiti", "Honduras", "Hong Kong", "Hungary", "Iceland", "India",
        "Indonesia", "Iran", "Iraq", "Ireland", "Israel", "Italy", "Jamaica", "Japan", "Jordan", "Kazakhstan", "Kenya", "Korea",
        "North Korea", "South Korea", "Kuwait", "Laos", "Latvia", "Lebanon", "Liberia", "Libya", "Lithuania", "Luxembourg",
        "Macau", "Macedonia", "Madagascar", "Malaysia", "Mali", "Malta", "Mexico", "Moldova", "Mongolia", "Morocco", "Mozambique",
        "Myanmar", "Namibia", "Nepal", "Netherlands", "Holland", "New Zealand", "Nicaragua", "Niger", "Nigeria", "Norway", "Oman",
        "Pakistan", "Panama", "Paraguay", "Peru", "Philippines", "Poland", "Portugal", "Qatar", "Romania", "Russia", "Rwanda",
        "Saudi Arabia", "Scotland", "Senegal", "Serbia", "Sierra Leone", "Singapore", "Slovakia", "Slovenia", "Somalia",
        "South Africa", "Spain", "Sri Lanka", "Sudan", "Sweden", "Switzerland", "Syria", "Taiwan", "Tajikistan", "Tanzania",
        "Thailand", "Tunisia", "Turkey", "Turkmenistan", "Uganda", "Ukraine", "United Arab Emirates", "United Kingdom",
        "United States", "Uruguay", "Uzbekistan", "Venezuela", "Vietnam", "Wales", "Yemen", "Yugoslavia", "Zaire", "Zambia",
        "Zimbabwe",
    ]

    static let places = [
        // Chinese provinces, regions and cities.
        "Anhui", "Beijing", "Chongqing", "Fujian", "Gansu", "Guangdong", "Guangxi", "Guizhou", "Hainan", "Hebei", "Heilongjiang",
        "Henan", "Hubei", "Hunan", "Inner Mongolia", "Jiangsu", "Jiangxi", "Jilin", "Liaoning", "Ningxia", "Qinghai", "Shaanxi",
        "Shandong", "Shanghai", "Shanxi", "Sichuan", "Tianjin", "Tibet", "Xinjiang", "Yunnan", "Zhejiang", "Baotou", "Baiyunebo",
        "Bayan Obo", "Ganzhou", "Xiongan", "Xiongan New Area", "Shenzhen", "Guangzhou", "Wuhan", "Chengdu", "Hangzhou", "Nanjing",
        "Xi'an", "Shijiazhuang", "Hohhot", "Harbin", "Shenyang", "Dalian", "Qingdao", "Xiamen", "Kunming", "Lanzhou", "Urumqi",
        "Lhasa", "Baoding", "Tangshan", "Suzhou", "Ningbo", "Changsha", "Zhengzhou", "Jinan", "Hefei", "Fuzhou", "Nanning",
        // World cities and regions often in news.
        "London", "Paris", "Berlin", "Moscow", "Tokyo", "Washington", "New York", "Brussels", "Geneva", "Frankfurt", "Sydney",
        "Toronto", "Madrid", "Rome", "Vienna", "Stockholm", "Oslo", "Copenhagen", "Amsterdam", "Zurich", "Seoul", "Bangkok",
        "Jakarta", "Manila", "Mumbai", "Bombay", "New Delhi", "Karachi", "Tehran", "Baghdad", "Jerusalem", "Cairo", "Lagos",
        "Nairobi", "Johannesburg", "Buenos Aires", "Sao Paulo", "Rio de Janeiro", "Mexico City", "Chicago", "Los Angeles",
        "San Francisco", "Houston", "Boston", "Singapore", "Taipei", "Kuala Lumpur", "Hanoi", "Ulaanbaatar", "Europe", "Asia",
        "Africa", "Latin America", "Middle East", "Gulf",
    ]

    static let titleList = [
        "mr", "mr.", "mrs", "mrs.", "ms", "ms.", "dr", "dr.", "president", "minister", "chairman", "director", "spokesman",
        "spokeswoman", "secretary", "governor", "premier", "chancellor", "general", "gen.", "senator", "sen.", "analyst",
        "professor", "prof.", "king", "queen", "prince", "pope", "judge", "coach", "captain", "ambassador", "mayor", "vice",
    ]
}
