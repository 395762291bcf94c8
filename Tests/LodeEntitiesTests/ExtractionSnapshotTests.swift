import Foundation
import LodeCorpus
@testable import LodeEntities
import LodeInput
import Testing

/// What the bundled model and the rules find in the seed pages and the first Reuters-21578
/// stories, mention by mention (kind, byte range, value; not the third-party text), against
/// the snapshot recorded when the model last changed on purpose. Speed work must leave it
/// as it is; a change to the model or the rules re-records it with
/// `LODE_RECORD_EXTRACTION=1 swift test --filter ExtractionSnapshotTests`, and says why.
@Suite struct ExtractionSnapshotTests {
    private static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    private static let data = root.appendingPathComponent("../shared/data").standardized
    private static let snapshot = root.appendingPathComponent("Tests/LodeEntitiesTests/Snapshots/extraction.txt")
    /// Reuters stories read: enough for every rule and tag to come up many times.
    private static let stories = 300

    @Test func mentionsAreWhatTheSnapshotRecorded() async throws {
        let extractor = try EntityExtractor.bundled()
        var texts: [(name: String, text: String)] = []
        for name in ["000_ca0d623b566459ca.txt", "003_eb09d43d86d3f17b.txt"] {
            let page = PageCleaner.clean(try String(contentsOf: Self.data.appendingPathComponent("seeds/\(name)"), encoding: .utf8))
            texts.append((name, ([page.headline ?? ""] + page.paragraphs).joined(separator: "\n")))
        }
        try await IngestInput(paths: [Self.data.appendingPathComponent("news/reuters21578.jsonl.gz").path]).forEach { item in
            // Named by file and record ("reuters21578.jsonl.gz:17"), wherever the data is.
            if texts.count < Self.stories + 2, case .document(let d) = item {
                texts.append((URL(fileURLWithPath: d.name).lastPathComponent, String(decoding: d.content, as: UTF8.self)))
            }
        }
        var lines: [String] = []
        for (name, text) in texts {
            lines.append("# \(name)")
            let mentions = extractor.extract(text)
            for m in mentions { lines.append("\(m.kind) \(m.range.lowerBound) \(m.range.upperBound) \(m.value ?? "")") }
            for q in Attribution.read(text, mentions: mentions).quotes { lines.append("QUOTE \(q.range.lowerBound) \(q.range.upperBound)") }
        }
        let found = lines.joined(separator: "\n") + "\n"
        if ProcessInfo.processInfo.environment["LODE_RECORD_EXTRACTION"] == "1" {
            try found.write(to: Self.snapshot, atomically: true, encoding: .utf8)
        }
        let recorded = try String(contentsOf: Self.snapshot, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
        let now = found.split(separator: "\n", omittingEmptySubsequences: false)
        let firstDifference = zip(recorded, now).enumerated().first { $0.element.0 != $0.element.1 }
        let same = recorded == now
        #expect(same, "\(now.count) lines now, \(recorded.count) recorded; first difference at line \((firstDifference?.offset ?? min(recorded.count, now.count)) + 1): recorded \(firstDifference.map { String($0.element.0) } ?? "(end)"), now \(firstDifference.map { String($0.element.1) } ?? "(end)")")
    }
}
