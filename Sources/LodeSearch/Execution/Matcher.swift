/// A stream of matching documents in ascending number order, the building block of query
/// evaluation (document at a time). After creation a matcher stands on its first match;
/// `doc` is `Matcher.end` once it has none left.
class Matcher {
    static let end = UInt32.max
    var doc: UInt32 = 0

    /// Moves to the next match after `doc`.
    func next() { fatalError("abstract") }

    /// Moves to the first match at or after `target`; stays if already there.
    func advance(to target: UInt32) { fatalError("abstract") }

    /// The score of the current match.
    func score() -> Float { 0 }

    /// An upper bound of `score()` for any match from `doc` to `regionEnd`: lets top-k skip
    /// scoring, and whole regions.
    func boundHere() -> Float { 0 }

    /// The last document `boundHere()` holds for.
    var regionEnd: UInt32 { Matcher.end }

    /// The exact number of matches, when known without counting them.
    var exactCount: Int? { nil }

    /// An upper bound of `score()` for every match.
    var maxScore: Float { 0 }

    /// Roughly how many matches to expect: conjunctions lead with the rarest.
    var cost: Int { 0 }

    /// Why the current match scores what it does.
    func explain() -> [Explanation] { [] }
}
