import Foundation
import LodeText

/// How the catalogue names and merges entities: a kind and a key, the name folded so that
/// spellings of one entity meet.
public enum EntityNames {
    /// Words that say a name is a place, dropped so "Baotou City" and "Baotou", "Hebei
    /// Province" and "Hebei" are one place.
    static let placeWords = [" autonomous region", " province", " city", " municipality", " prefecture", " county"]

    /// The key of `name` as an entity of `kind`: its ``displayName(_:kind:)`` in lower case,
    /// without diacritics, full stops or commas; a date's or number's normalised `value` when
    /// it has one.
    public static func key(_ name: String, kind: String, value: String = "") -> String {
        if !value.isEmpty { return value }
        let shown = displayName(name, kind: kind)
        return asciiKey(shown) ?? folded(shown)
    }

    /// `name` in lower case, without diacritics, full stops or commas, its words one space apart.
    static func folded(_ name: String) -> String {
        name.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
            .replacingOccurrences(of: "’", with: "'")
            .filter { $0 != "." && $0 != "," }
            .split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    /// What ``folded(_:)`` makes of an ASCII name, from its bytes (most names are ASCII);
    /// nil for any other name.
    static func asciiKey(_ name: String) -> String? {
        var out: [UInt8] = []
        out.reserveCapacity(name.utf8.count)
        var space = false
        for b in name.utf8 {
            switch b {
            case 0x80...: return nil
            case 0x09...0x0D, 0x20: space = !out.isEmpty
            case 0x00..<0x20: return nil
            case UInt8(ascii: "."), UInt8(ascii: ","): continue
            default:
                if space { out.append(0x20) }
                space = false
                out.append(b.asciiLowercased)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// A name as the catalogue shows it: without a leading "the", and for a place without its
    /// place word ("Inner Mongolia" for "Inner Mongolia Autonomous Region").
    public static func displayName(_ text: String, kind: String) -> String {
        var name = text.first?.isWhitespace == true || text.last?.isWhitespace == true ? text.trimmingCharacters(in: .whitespaces) : text
        if kind != "DATE", name.utf8.count > 4, startsWithThe(name) { name = String(name.dropFirst(4)) }
        guard kind == "LOC" else { return name }
        if name.utf8.allSatisfy({ $0 < 0x80 }) {
            // ASCII: bytes are characters, and lower case keeps the length.
            let bytes = Array(name.utf8)
            for word in placeWords where bytes.count > word.utf8.count && bytes.hasLowercaseSuffix(word.utf8) {
                return String(decoding: bytes.dropLast(word.utf8.count), as: UTF8.self)
            }
            return name
        }
        let lowered = name.lowercased()
        for word in placeWords where lowered.hasSuffix(word) && lowered.count > word.count {
            return String(name.dropLast(word.count))
        }
        return name
    }

    /// Whether `name`'s first four characters are "the " in any case.
    private static func startsWithThe(_ name: String) -> Bool {
        let head = Array(name.utf8.prefix(5))
        // A byte past 0x7F after the space may be a mark joined to it: ask the characters.
        guard head.count == 5, head[4] < 0x80 else { return name.prefix(4).lowercased() == "the " }
        return head[0] | 0x20 == UInt8(ascii: "t") && head[1] | 0x20 == UInt8(ascii: "h") && head[2] | 0x20 == UInt8(ascii: "e")
            && head[3] == 0x20
    }

    /// Every type an entity can have, names first.
    public static let kinds = ["PER", "ORG", "LOC", "MISC", "DATE", "MONEY", "PERCENT", "QUANTITY", "CARDINAL"]

    /// The (kind, key) pairs a name typed by someone may be catalogued under: for each of
    /// `kinds`, its key; for dates and numbers also the normalised value the rules give it
    /// ("14 billion yuan" → "14000000000 CNY").
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

    /// The catalogue names closest to `wanted` for a "did you mean": names it begins first,
    /// then names within a few edits of it (fewest first), then names with a word one edit
    /// from it or beginning with it; the most documented first among equals. Compares keys
    /// (``key(_:kind:value:)``) as bytes.
    public static func suggestions(for wanted: String, among names: [(name: String, key: String, documents: Int)], limit: Int = 5) -> [String] {
        let target = Array(key(wanted, kind: "").utf8)
        guard !target.isEmpty else { return [] }
        let allowed = max(1, min(3, target.count / 3))
        var scored: [(rank: Int, documents: Int, name: String)] = []
        for entry in names {
            let candidate = Array(entry.key.utf8)
            var rank = Int.max
            if candidate.starts(with: target) {
                rank = 0
            } else if abs(candidate.count - target.count) <= allowed {
                let d = editDistance(candidate, target, limit: allowed)
                if d <= allowed { rank = d }
            }
            if rank == .max, candidate.contains(0x20), candidate.split(separator: 0x20).contains(where: {
                $0.starts(with: target) || (abs($0.count - target.count) <= 1 && editDistance(Array($0), target, limit: 1) <= 1)
            }) {
                rank = allowed + 1
            }
            if rank != .max { scored.append((rank, entry.documents, entry.name)) }
        }
        scored.sort { ($0.rank, -$0.documents, $0.name) < ($1.rank, -$1.documents, $1.name) }
        var seen: Set<String> = []
        return scored.map(\.name).filter { seen.insert($0).inserted }.prefix(limit).map { $0 }
    }

    /// Edit distance over bytes, a swap of two neighbours counting as one edit (optimal string
    /// alignment, as search's fuzzy words), giving up (returning `limit + 1`) past `limit`.
    static func editDistance(_ x: [UInt8], _ y: [UInt8], limit: Int) -> Int {
        if abs(x.count - y.count) > limit { return limit + 1 }
        if x.isEmpty || y.isEmpty { return max(x.count, y.count) }
        var twoBack = [Int](repeating: 0, count: y.count + 1)
        var previous = Array(0...y.count)
        var current = previous
        for i in 1...x.count {
            current[0] = i
            var best = i
            for j in 1...y.count {
                var d = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (x[i - 1] == y[j - 1] ? 0 : 1))
                if i > 1, j > 1, x[i - 1] == y[j - 2], x[i - 2] == y[j - 1] { d = min(d, twoBack[j - 2] + 1) }
                current[j] = d
                best = min(best, d)
            }
            if best > limit { return limit + 1 }
            (twoBack, previous, current) = (previous, current, twoBack)
        }
        return previous[y.count]
    }
}
