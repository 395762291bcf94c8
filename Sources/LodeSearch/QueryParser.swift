import Foundation

/// Parses the query language:
///
///     "rare earth" alliance -steel source:Xinhua date:2016..2019
///     (magnet* OR Baotuo~) AND NOT headline:price
///
/// Words next to each other must all match (AND is implied); OR binds looser than AND;
/// NOT or a leading `-` excludes; `field:` limits a word, phrase, prefix or group to one
/// field; `date:` takes `YYYY`, `YYYY-MM-DD` or a range `A..B` with either end open;
/// `entity:`, `person:`, `org:` and `loc:` take a name (quoted when it has blanks) and keep
/// the documents the entity catalogue finds it in.
public enum QueryParser {
    /// The entity filters and the kind each one keeps.
    static let entityFields: [String: String?] = ["entity": nil, "person": "PER", "org": "ORG", "loc": "LOC"]

    /// Characters a query may have: each word costs a posting list, a fuzzy word a pass over
    /// the vocabulary.
    public static let maxLength = 1000

    public static func parse(_ text: String) throws(QueryError) -> ParsedQuery {
        do {
            return try parseUnlocated(text)
        } catch {
            var located = error
            located.query = text
            throw located
        }
    }

    private static func parseUnlocated(_ text: String) throws(QueryError) -> ParsedQuery {
        guard text.count <= maxLength else {
            throw QueryError(message: "the query is longer than \(maxLength) characters", position: maxLength)
        }
        var parser = Parser(tokens: try lex(text), end: text.count)
        guard !parser.tokens.isEmpty else { throw QueryError(message: "the query is empty", position: 0) }
        let query = try parser.orExpression()
        if let extra = parser.peek {
            throw QueryError(message: extra.kind == .close ? "')' has no '(' to close" : "unexpected \(extra.text)", position: extra.position)
        }
        guard includesSomething(query) else {
            throw QueryError(message: "a query needs at least one word to look for, not only exclusions", position: 0)
        }
        return ParsedQuery(text: text, root: query, writesAnd: parser.tokens.contains { $0.kind == .word && $0.text == "AND" })
    }

    private static func includesSomething(_ q: Query) -> Bool {
        switch q {
        case .not: false
        case .and(let parts): parts.contains(where: includesSomething)
        case .or(let parts): parts.allSatisfy(includesSomething)
        default: true
        }
    }

    private struct Lexeme: Equatable {
        enum Kind { case word, quoted, open, close, minus }
        let kind: Kind
        let text: String
        let position: Int
    }

    /// White space, with a fast path for ASCII (Unicode property lookups are slow).
    static func isBlank(_ c: Character) -> Bool {
        if let a = c.asciiValue { return a == 0x20 || (0x09...0x0D).contains(a) }
        return c.isWhitespace
    }

    private static func lex(_ text: String) throws(QueryError) -> [Lexeme] {
        var out: [Lexeme] = []
        let chars = Array(text)
        var i = 0
        while i < chars.count {
            let c = chars[i]
            if isBlank(c) {
                i += 1
            } else if c == "(" || c == ")" {
                out.append(Lexeme(kind: c == "(" ? .open : .close, text: String(c), position: i))
                i += 1
            } else if c == "-" && (i + 1 < chars.count && !isBlank(chars[i + 1])) {
                out.append(Lexeme(kind: .minus, text: "-", position: i))
                i += 1
            } else if c == "\"" {
                guard let close = chars[(i + 1)...].firstIndex(of: "\"") else {
                    throw QueryError(message: "the quote that opens here is never closed", position: i)
                }
                out.append(Lexeme(kind: .quoted, text: String(chars[(i + 1)..<close]), position: i))
                i = close + 1
            } else {
                let start = i
                while i < chars.count, !isBlank(chars[i]), !"()\"".contains(chars[i]) { i += 1 }
                // field:"a phrase" keeps its quotes with the field.
                if i < chars.count, chars[i] == "\"", chars[i - 1] == ":" {
                    guard let close = chars[(i + 1)...].firstIndex(of: "\"") else {
                        throw QueryError(message: "the quote that opens here is never closed", position: i)
                    }
                    i = close + 1
                }
                out.append(Lexeme(kind: .word, text: String(chars[start..<i]), position: start))
            }
        }
        return out
    }

    private struct Parser {
        let tokens: [Lexeme]
        let end: Int
        var index = 0

        init(tokens: [Lexeme], end: Int) {
            self.tokens = tokens
            self.end = end
        }

        var peek: Lexeme? { index < tokens.count ? tokens[index] : nil }

        private func isKeyword(_ l: Lexeme?, _ word: String) -> Bool { l?.kind == .word && l?.text == word }

        mutating func orExpression() throws(QueryError) -> Query {
            var parts = [try andExpression()]
            while isKeyword(peek, "OR") {
                let or = tokens[index]
                index += 1
                guard let next = peek, next.kind != .close, !isKeyword(next, "OR"), !isKeyword(next, "AND") else {
                    throw QueryError(message: "OR has nothing after it", position: or.position)
                }
                parts.append(try andExpression())
            }
            return parts.count == 1 ? parts[0] : .or(parts)
        }

        mutating func andExpression() throws(QueryError) -> Query {
            var parts: [Query] = []
            while let next = peek, next.kind != .close, !isKeyword(next, "OR") {
                if isKeyword(next, "AND") {
                    guard !parts.isEmpty else { throw QueryError(message: "AND has nothing before it", position: next.position) }
                    index += 1
                    guard let after = peek, after.kind != .close, !isKeyword(after, "OR"), !isKeyword(after, "AND") else {
                        throw QueryError(message: "AND has nothing after it", position: next.position)
                    }
                    continue
                }
                parts.append(try unary())
            }
            guard !parts.isEmpty else {
                throw QueryError(message: "expected a word, phrase or group", position: peek?.position ?? end)
            }
            return parts.count == 1 ? parts[0] : .and(parts)
        }

        mutating func unary() throws(QueryError) -> Query {
            let next = tokens[index]
            if next.kind == .minus || isKeyword(next, "NOT") {
                index += 1
                guard peek != nil, peek?.kind != .close else {
                    throw QueryError(message: "\(next.text) has nothing after it to exclude", position: next.position)
                }
                return .not(try unary())
            }
            return try primary(field: nil)
        }

        mutating func primary(field: SearchField?) throws(QueryError) -> Query {
            let next = tokens[index]
            index += 1
            switch next.kind {
            case .open:
                let inner = try orExpression()
                guard peek?.kind == .close else { throw QueryError(message: "the '(' here is never closed", position: next.position) }
                index += 1
                return field == nil ? inner : Self.scope(inner, to: field!)
            case .quoted:
                return try Self.phrase(next.text, field: field, position: next.position)
            case .close, .minus:
                throw QueryError(message: "unexpected \(next.text)", position: next.position)
            case .word:
                return try word(next, field: field)
            }
        }

        private mutating func word(_ l: Lexeme, field: SearchField?) throws(QueryError) -> Query {
            if let colon = l.text.firstIndex(of: ":"), colon != l.text.startIndex {
                let name = l.text[..<colon].lowercased()
                let rest = String(l.text[l.text.index(after: colon)...])
                let restPosition = l.position + name.count + 1
                if name == "date" { return try Self.dates(rest, position: restPosition) }
                if let kind = QueryParser.entityFields[name] {
                    let entity = rest.hasPrefix("\"") ? String(rest.dropFirst().dropLast()) : rest
                    guard !entity.trimmingCharacters(in: .whitespaces).isEmpty else {
                        throw QueryError(message: "\(name): needs a name after it, in quotes when it has blanks", position: l.position)
                    }
                    return .entity(entity, kind: kind)
                }
                guard let f = SearchField(rawValue: name) else {
                    throw QueryError(message: "no field is called \(name); fields are \(SearchField.allCases.map(\.rawValue).joined(separator: ", ")), date, entity, person, org and loc",
                                     position: l.position)
                }
                if rest.isEmpty {
                    guard peek?.kind == .open || peek?.kind == .quoted else {
                        throw QueryError(message: "\(name): needs a word, phrase or group after it", position: l.position)
                    }
                    return try primary(field: f)
                }
                if rest.hasPrefix("\"") { return try Self.phrase(String(rest.dropFirst().dropLast()), field: f, position: restPosition) }
                return try Self.atom(rest, field: f, position: restPosition)
            }
            return try Self.atom(l.text, field: field, position: l.position)
        }

        static func atom(_ text: String, field: SearchField?, position: Int) throws(QueryError) -> Query {
            if text.hasSuffix("*") {
                let stem = String(text.dropLast())
                guard stem.count >= 2, !stem.contains("*") else {
                    throw QueryError(message: "a prefix needs at least two letters before *", position: position)
                }
                return .prefix(stem, field: field, at: position)
            }
            if let tilde = text.lastIndex(of: "~") {
                let word = String(text[..<tilde])
                let distanceText = text[text.index(after: tilde)...]
                guard !word.isEmpty else { throw QueryError(message: "~ needs a word before it", position: position) }
                let distance = distanceText.isEmpty ? 1 : Int(distanceText) ?? -1
                guard (1...2).contains(distance) else {
                    throw QueryError(message: "fuzzy matching allows 1 or 2 edits, not \(distanceText)", position: position + word.count)
                }
                return .fuzzy(word, distance: distance, field: field, at: position)
            }
            return .term(text, field: field, at: position)
        }

        /// The words between quotes; `position` is the opening quote's.
        static func phrase(_ text: String, field: SearchField?, position: Int) throws(QueryError) -> Query {
            let words = text.split(whereSeparator: isBlank).map(String.init)
            guard !words.isEmpty else { throw QueryError(message: "the phrase is empty", position: position) }
            guard words.count > 1 else { return .term(words[0], field: field, at: position + 1 + text.prefix(while: isBlank).count) }
            return .phrase(words, field: field, at: position)
        }

        static func dates(_ text: String, position: Int) throws(QueryError) -> Query {
            func bound(_ s: Substring, upper: Bool) throws(QueryError) -> String? {
                if s.isEmpty { return nil }
                let parts = s.split(separator: "-", omittingEmptySubsequences: false)
                let valid = (parts.count == 1 && parts[0].count == 4 || parts.count == 3 && parts[0].count == 4
                             && parts[1].count == 2 && parts[2].count == 2) && parts.allSatisfy { $0.allSatisfy(\.isNumber) }
                guard valid else {
                    throw QueryError(message: "\(s) is not a date; write YYYY or YYYY-MM-DD", position: position)
                }
                return parts.count == 1 ? String(s) + (upper ? "-12-31" : "-01-01") : String(s)
            }
            if let range = text.range(of: "..") {
                let from = try bound(text[..<range.lowerBound], upper: false)
                let to = try bound(text[range.upperBound...], upper: true)
                if let from, let to, from > to {
                    throw QueryError(message: "the date range \(text) ends before it starts", position: position)
                }
                return .dateRange(from: from, to: to)
            }
            guard !text.isEmpty else { throw QueryError(message: "date: needs a date or a range", position: position) }
            return .dateRange(from: try bound(text[...], upper: false), to: try bound(text[...], upper: true))
        }

        static func scope(_ q: Query, to field: SearchField) -> Query {
            switch q {
            case .term(let t, nil, let at): .term(t, field: field, at: at)
            case .phrase(let w, nil, let at): .phrase(w, field: field, at: at)
            case .prefix(let p, nil, let at): .prefix(p, field: field, at: at)
            case .fuzzy(let t, let d, nil, let at): .fuzzy(t, distance: d, field: field, at: at)
            case .and(let parts): .and(parts.map { scope($0, to: field) })
            case .or(let parts): .or(parts.map { scope($0, to: field) })
            case .not(let inner): .not(scope(inner, to: field))
            default: q
            }
        }
    }
}
