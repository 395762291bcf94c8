import Foundation
import LodeAPI

/// A page of search hits as a person reads it: numbered headlines, outlet and date, and
/// snippets with the matched words in bold yellow when colour is on.
struct SearchPage {
    let response: Search.SearchResponse
    let offset: Int
    let color: Bool

    var text: String {
        var out = ""
        for (i, hit) in response.hits.enumerated() {
            if hit.clausesHeld > 0, i == 0 || response.hits[i - 1].clausesHeld == 0 {
                let all = response.total == 0 ? "no document has" : "only \(response.total) document\(response.total == 1 ? " has" : "s have")"
                let words = response.clauses == 2 ? "both words" : "all \(response.clauses) words"
                out += dim("\(all) \(words); these have \(hit.clausesHeld)") + "\n\n"
            }
            let headline = hit.headline.isEmpty ? "(no headline)" : marked(hit.headline, hit.headlineHighlights, inBold: true)
            out += "\(offset + i + 1). " + (color ? "\u{1B}[1m" + headline + "\u{1B}[0m" : headline) + "\n"
            let held = hit.clausesHeld > 0 ? "\(hit.clausesHeld) of \(response.clauses) words" : ""
            let about = [hit.source, hit.date, hit.id, String(format: "score %.2f", hit.score), held].filter { !$0.isEmpty }
            out += "   " + dim(about.joined(separator: " · ")) + "\n"
            if let snippet = hit.snippet, !snippet.text.isEmpty {
                out += "   " + marked(snippet.text, snippet.highlights) + "\n"
            }
            out += "\n"
        }
        let count = "\(response.total)\(response.totalIsLowerBound ? "+" : "")"
        if response.hits.isEmpty {
            out += "no hits"
            if !response.didYouMean.isEmpty { out += "; did you mean: \(response.didYouMean)" }
            out += "\n"
        } else {
            let shown = "\(offset + 1)–\(offset + response.hits.count)"
            let partial = response.partialTotal > 0 ? " (and \(response.partialTotal) with some of the words)" : ""
            out += dim("\(shown) of \(count) hits\(partial) in \(String(format: "%.1f", Double(response.tookMicros) / 1000)) ms")
            out += response.nextCursor.isEmpty ? "\n" : dim("; more with: search --next") + "\n"
        }
        for facet in response.facets {
            let counts = facet.counts.prefix(12).map { "\($0.value.isEmpty ? "(none)" : $0.value) \($0.count)" }
            out += "\(facet.name): " + counts.joined(separator: ", ") + "\n"
        }
        return out
    }

    /// `text` with `ranges` (UTF-8 bytes) in yellow (ending in bold, for headlines) and
    /// otherwise bold yellow; unchanged without colour.
    private func marked(_ text: String, _ ranges: [Search.Range], inBold: Bool = false) -> String {
        guard color, !ranges.isEmpty else { return text }
        let bytes = Array(text.utf8)
        var out: [UInt8] = []
        var at = 0
        for r in ranges where Int(r.start) >= at && Int(r.end) <= bytes.count && r.start < r.end {
            out += bytes[at..<Int(r.start)]
            out += Array("\u{1B}[1;33m".utf8) + bytes[Int(r.start)..<Int(r.end)] + Array((inBold ? "\u{1B}[39m" : "\u{1B}[22;39m").utf8)
            at = Int(r.end)
        }
        out += bytes[at...]
        return String(decoding: out, as: UTF8.self)
    }

    private func dim(_ text: String) -> String { color ? "\u{1B}[2m" + text + "\u{1B}[0m" : text }
}
