/// The words that mark a name as an organisation's, one list per kind, for the tagger's
/// gazetteer features and the name rules alike.
enum OrganisationWords {
    /// Nouns that head an organisation's name: "Academy", "Bank", "Ministry".
    static let heads: Set<String> = [
        "Academy", "Administration", "Agency", "Alliance", "Army", "Association", "Authority", "Bank", "Board", "Bureau", "Center",
        "Centre", "College", "Commission", "Committee", "Company", "Corporation", "Council", "Court", "Department", "Exchange",
        "Federation", "Foundation", "Fund", "Group", "Hi-Tech", "Holdings", "Institute", "Institution", "Labs", "League",
        "Ministry", "Network", "Office", "Organisation", "Organization", "Partners", "Party", "Records", "Research", "Society",
        "Studios", "Systems", "Technologies", "Union", "University",
    ]
    /// Legal forms written after a company's name: "Inc.", "Ltd", "PLC".
    static let legalForms: Set<String> = ["Inc", "Inc.", "Corp", "Corp.", "Co", "Co.", "Ltd", "Ltd.", "PLC", "LLC", "AG", "SA", "NV"]
    /// Legal forms in lower case: "inc.", "ltd", "plc".
    static let lowerCaseLegalForms = Set(legalForms.map { $0.lowercased() })
    /// Both, as written.
    static let all = heads.union(legalForms)
}
