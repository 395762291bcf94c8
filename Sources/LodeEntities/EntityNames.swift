import Foundation

/// How the catalogue names and merges entities: a kind and a key, the name folded so that
/// spellings of one entity meet.
public enum EntityNames {
    /// Words that say a name is a place, dropped so "Baotou City" and "Baotou", "Hebei
    /// Province" and "Hebei" are one place.
    static let placeWords = [" autonomous region", " province", " city", " municipality", " prefecture", " county"]

    /// The key of `name` as an entity of `kind`: lower case, without diacritics, full stops,
    /// commas, a leading "the" or (for places) a trailing place word; a date's or number's
    /// normalised `value` when it has one.
    public static func key(_ name: String, kind: String, value: String = "") -> String {
        if !value.isEmpty { return value }
        var key = name.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
            .replacingOccurrences(of: "’", with: "'")
            .filter { $0 != "." && $0 != "," }
            .split(whereSeparator: \.isWhitespace).joined(separator: " ")
        if key.hasPrefix("the "), key.count > 4 { key.removeFirst(4) }
        if kind == "LOC" { key = withoutPlaceWord(key) }
        return key
    }

    /// A place's name as the catalogue shows it: "Inner Mongolia" for "Inner Mongolia
    /// Autonomous Region".
    public static func displayName(_ text: String, kind: String) -> String {
        var name = text
        if name.lowercased().hasPrefix("the "), kind != "DATE" { name = String(name.dropFirst(4)) }
        guard kind == "LOC" else { return name }
        let lowered = name.lowercased()
        for word in placeWords where lowered.hasSuffix(word) && lowered.count > word.count {
            return String(name.dropLast(word.count))
        }
        return name
    }

    /// Every type an entity can have, names first.
    public static let kinds = ["PER", "ORG", "LOC", "MISC", "DATE", "MONEY", "PERCENT", "QUANTITY", "CARDINAL"]

    /// The (kind, key) pairs a name typed by someone may be catalogued under, most likely
    /// first: for each of `kinds`, its key; for dates and numbers also the normalised value
    /// the rules give it ("14 billion yuan" → "14000000000 CNY").
    public static func lookupKeys(for name: String, kinds: [String] = kinds) -> [(kind: String, key: String)] {
        var out: [(kind: String, key: String)] = []
        let date = DateMentions.find(in: name).first { $0.text.count == name.count }?.value
        let number = NumericEntities.find(in: name).first { $0.text.count == name.count }
        for kind in kinds {
            if kind == "DATE", let date { out.append((kind, date)) }
            if let number, number.kind.rawValue == kind { out.append((kind, number.value)) }
            out.append((kind, key(name, kind: kind)))
        }
        return out
    }

    private static func withoutPlaceWord(_ key: String) -> String {
        for word in placeWords where key.hasSuffix(word) && key.count > word.count { return String(key.dropLast(word.count)) }
        return key
    }

    /// The catalogue names closest to `wanted` for a "did you mean": those it starts, those
    /// containing it, those with a word one edit from it, then those within a few edits, the
    /// most documented first. Compares keys (``key(_:kind:value:)``), as bytes.
    public static func suggestions(for wanted: String, among names: [(name: String, key: String, documents: Int)], limit: Int = 5) -> [String] {
        let target = Array(key(wanted, kind: "").utf8)
        let targetText = String(decoding: target, as: UTF8.self)
        let allowed = max(1, min(3, target.count / 3))
        var scored: [(rank: Int, documents: Int, name: String)] = []
        for entry in names {
            let candidate = Array(entry.key.utf8)
            let rank: Int
            if candidate.starts(with: target) || target.starts(with: candidate) {
                rank = 0
            } else if abs(candidate.count - target.count) > allowed, !entry.key.contains(" ") {
                continue
            } else if entry.key.contains(targetText)
                || candidate.split(separator: 0x20).contains(where: { editDistance(Array($0), target, limit: 1) <= 1 }) {
                rank = 1
            } else {
                let d = editDistance(candidate, target, limit: allowed)
                guard d <= allowed else { continue }
                rank = 1 + d
            }
            scored.append((rank, entry.documents, entry.name))
        }
        scored.sort { ($0.rank, -$0.documents, $0.name) < ($1.rank, -$1.documents, $1.name) }
        var seen: Set<String> = []
        return scored.map(\.name).filter { seen.insert($0).inserted }.prefix(limit).map { $0 }
    }

    /// Levenshtein distance over bytes, giving up (returning `limit + 1`) past `limit`.
    static func editDistance(_ x: [UInt8], _ y: [UInt8], limit: Int) -> Int {
        if abs(x.count - y.count) > limit { return limit + 1 }
        var previous = Array(0...y.count)
        for i in 1...max(1, x.count) where !x.isEmpty {
            var current = [i] + Array(repeating: 0, count: y.count)
            var best = current[0]
            for j in 1...max(1, y.count) where !y.isEmpty {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (x[i - 1] == y[j - 1] ? 0 : 1))
                best = min(best, current[j])
            }
            if best > limit { return limit + 1 }
            previous = current
        }
        return previous[y.count]
    }
}
