import CChecksum
import Foundation
import LodeCorpus
@testable import LodeSearch
import LodeText
import Testing

/// A temporary folder for an index on disk, removed with the value.
private final class Folder {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("lode-index-\(UInt64.random(in: 0...UInt64.max))")
    /// Where the index goes in it.
    var index: String { url.appendingPathComponent("index.search").path }

    init() { try! FileManager.default.createDirectory(at: url, withIntermediateDirectories: true) }
    deinit { try? FileManager.default.removeItem(at: url) }

    /// The names of the index's files, sorted, but the record of verified segments (written
    /// only for files a second old, so present or not as the machine's pace has it).
    var files: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: index)) ?? []).filter { $0 != VerifiedSegments.fileName }.sorted()
    }
    var segments: [String] { files.filter { $0.hasPrefix("segment-") } }

    /// A copy of the index's files as they are now.
    func copy() throws -> [String: Data] {
        try Dictionary(uniqueKeysWithValues: files.map { ($0, try Data(contentsOf: URL(fileURLWithPath: index + "/" + $0))) })
    }

    /// Puts back `files`, as a copy had them, over what is there.
    func restore(_ files: [String: Data]) throws {
        for (name, data) in files { try data.write(to: URL(fileURLWithPath: index + "/" + name)) }
    }
}

/// The index on disk: segments written by flushes, joined by merges, read in place; a manifest
/// that names them, replaced whole; whatever a crash leaves, a load gives an index as one of
/// the flushes left it, or refuses a damaged one.
@Suite struct IndexOnDiskTests {
    private static let queries = ["oil", "rare earth", "\"crude oil\"", "prices OR tonnes", "headline:coffee", "bank -rates",
                                  "export*", "wheat 1987-03-01..1987-12-31", "cocoa~1", "grain wheat corn"]

    /// Each query's first twenty hits with their scores, the completions of two prefixes and
    /// the live counts: what must not change whatever the index's files.
    private static func answers(_ index: SearchIndex) throws -> [[String]] {
        var options = SearchOptions()
        options.limit = 20
        let hits = try queries.map { q in try index.search(q, options: options).hits.map { "\($0.id) \($0.score)" } }
        let s = index.statistics
        return hits + [index.completions(of: "pri", limit: 10).map { "\($0.word) \($0.documents)" },
                       index.completions(of: "ex", limit: 10).map { "\($0.word) \($0.documents)" },
                       ["\(s.documents) documents, \(s.words) words"]]
    }

    private static let articles = Corpora.reuters.prefix(4_000).map(\.document)

    /// An index of `documents` built at once, in memory.
    private static func atOnce(_ documents: [SearchDocument]) -> SearchIndex {
        let index = SearchIndex()
        index.add(documents)
        return index
    }

    /// `headline:` reads each term's headline postings: exactly the documents whose headline
    /// holds the word, before and after a save and a load, and after changes.
    @Test func headlineQueriesFindTheDocumentsWhoseHeadlineHoldsTheWord() throws {
        let articles = Array(Corpora.reuters.prefix(2_000).map(\.document))
        let index = SearchIndex()
        index.add(Array(articles.prefix(1_500)))
        let analyzer = Analyzer()
        func check(_ index: SearchIndex, _ held: [SearchDocument]) throws {
            var options = SearchOptions()
            options.limit = 2_000
            for word in ["oil", "bank", "rates", "coffee", "profit", "trade", "gold", "says"] {
                let term = analyzer.terms(word).map(\.text)
                let expected = Set(held.filter { d in analyzer.terms(d.headline).contains { term.contains($0.text) } }.map(\.id))
                let found = try index.search("headline:\(word)", options: options).hits.map(\.id)
                #expect(Set(found) == expected && found.count == expected.count, "headline:\(word)")
            }
        }
        try check(index, Array(articles.prefix(1_500)))
        let folder = Folder()
        try index.flush(to: folder.index)
        let loaded = try SearchIndex.load(from: folder.index)
        try check(loaded, Array(articles.prefix(1_500)))
        loaded.add(Array(articles.dropFirst(1_500)))
        let gone = Set(articles.prefix(300).map(\.id))
        loaded.remove(ids: Array(gone))
        try check(loaded, articles.filter { !gone.contains($0.id) })
    }

    @Test func anIndexLoadedFromItsSnapshotAndChangedRanksAsOneBuiltAtOnce() throws {
        let articles = Corpora.reuters.prefix(3_000).map(\.document)
        let path = Folder().index

        let first = SearchIndex()
        first.add(Array(articles.prefix(2_000)))
        try first.flush(to: path)
        let loaded = try SearchIndex.load(from: path)
        #expect(try Self.answers(loaded) == Self.answers(first))

        // Appends to lists read in place, replaces and deletes documents held in the file.
        var replaced = articles[5]
        replaced.version += 10_000
        replaced.paragraphs = ["Crude oil and rare earth prices rose, traders said."]
        let changes = Array(articles.dropFirst(2_000)) + [replaced]
        loaded.add(changes)
        let gone = articles.prefix(2_000).enumerated().filter { $0.offset % 13 == 0 }.map(\.element.id)
        loaded.remove(ids: gone)

        let atOnce = SearchIndex()
        atOnce.add(articles.filter { !gone.contains($0.id) && $0.id != replaced.id } + [replaced])
        #expect(try Self.answers(loaded) == Self.answers(atOnce))
        #expect(loaded.statistics.documents == atOnce.statistics.documents)

        // Saved again from lists partly in the old file, partly copied: the same once more.
        try loaded.flush(to: path)
        #expect(try Self.answers(SearchIndex.load(from: path)) == Self.answers(atOnce))
    }

    /// The files' checksum is CRC-32C: the standard check value, and the processor's instruction
    /// agreeing with the bit-by-bit reckoning at every length and alignment.
    @Test func theChecksumIsCRC32C() {
        #expect(lode_crc32c(Array("123456789".utf8), 9) == 0xE306_9283)
        var random = SystemRandomNumberGenerator()
        let bytes = (0..<4_099).map { _ in UInt8.random(in: 0...255, using: &random) }
        for (start, count) in [(0, 0), (0, 1), (1, 7), (3, 8), (5, 9), (0, 4_099), (7, 4_000), (13, 1_001)] {
            bytes.withUnsafeBufferPointer { b in
                let p = b.baseAddress! + start
                #expect(lode_crc32c(p, count) == ~lode_crc32c_bits(~0, p, count), "\(count) bytes from \(start)")
            }
        }
    }

    /// Flushes after each of several batches, with replacements and deletes of documents in
    /// earlier segments between them: loaded after each, the index ranks as one built at once.
    @Test func flushesInStepsWithChangesBetweenRankAsOneBuiltAtOnce() throws {
        let folder = Folder()
        let index = SearchIndex()
        var held: [String: SearchDocument] = [:]
        var order: [String] = []
        for (step, batch) in stride(from: 0, to: 2_500, by: 500).map({ Array(Self.articles[$0..<($0 + 500)]) }).enumerated() {
            var changes = batch
            if step > 0 {
                // Replace one document of each earlier segment; delete a few of them.
                for earlier in 0..<step {
                    var replaced = held[order[earlier * 500 + step]]!
                    replaced.version += 10_000
                    replaced.paragraphs = ["Wheat and crude oil prices rose in step \(step), traders said."]
                    changes.append(replaced)
                }
            }
            index.add(changes)
            for d in changes {
                if held[d.id] == nil { order.append(d.id) }
                held[d.id] = d
            }
            let gone = order.enumerated().filter { $0.offset % 97 == step }.map(\.element).filter { held[$0] != nil }
            index.remove(ids: gone)
            for id in gone { held[id] = nil }
            #expect(try index.flush(to: folder.index) > 0)
            #expect(folder.segments.count <= step + 1)
            let expected = try Self.answers(Self.atOnce(order.compactMap { held[$0] }))
            #expect(try Self.answers(index) == expected, "step \(step), as flushed")
            #expect(try Self.answers(SearchIndex.load(from: folder.index)) == expected, "step \(step), loaded")
        }
        // A flush with deletes alone writes the state, no segment.
        let segments = folder.segments
        index.remove(ids: Array(order.prefix(40)))
        for id in order.prefix(40) { held[id] = nil }
        try index.flush(to: folder.index)
        #expect(folder.segments == segments)
        #expect(try Self.answers(SearchIndex.load(from: folder.index)) == Self.answers(Self.atOnce(order.compactMap { held[$0] })))
    }

    /// Merges join the newest segments into one, dropping the postings of deleted documents;
    /// searches before and after, and a load after, give the same first pages, and the files of
    /// the joined segments are gone.
    @Test func mergesJoinTheNewestSegmentsAndKeepTheSameFirstPages() throws {
        let folder = Folder()
        let index = SearchIndex()
        // A word only deleted documents hold: its lists go with them, and it comes back later.
        let rare = ["zqxwvy one", "zqxwvy two"].map {
            SearchDocument(id: $0, version: 1, headline: "Zqxwvy", source: "Test Wire", date: nil, paragraphs: ["The \($0) report."])
        }
        for start in stride(from: 0, to: 1_400, by: 200) {
            index.add(Array(Self.articles[start..<(start + 200)]) + (start == 800 ? [rare[0]] : []))
            try index.flush(to: folder.index)
        }
        let deleted = Self.articles.prefix(1_400).enumerated().filter { $0.offset % 31 == 0 }.map(\.element.id) + [rare[0].id]
        index.remove(ids: deleted)
        try index.flush(to: folder.index)
        #expect(folder.segments.count == 7)
        let before = try Self.answers(index)
        let bytesBefore = index.statistics.postingBytes
        #expect(try index.mergeSegments(in: folder.index) == 4)
        #expect(folder.segments.count == 4, "\(folder.files)")
        #expect(index.statistics.postingBytes < bytesBefore, "the deleted documents' postings are gone")
        #expect(try Self.answers(index) == before, "served after the merge")
        #expect(try Self.answers(SearchIndex.load(from: folder.index)) == before, "loaded after the merge")
        index.add([rare[1]])
        try index.flush(to: folder.index)
        #expect(try index.search("zqxwvy").hits.map(\.id) == [rare[1].id])
        #expect(try SearchIndex.load(from: folder.index).search("zqxwvy").hits.map(\.id) == [rare[1].id])
        // Small segments keep joining: the merged one and three more (the rare word's with
        // them) make one again.
        for start in stride(from: 1_400, to: 1_800, by: 200) {
            index.add(Array(Self.articles[start..<(start + 200)]))
            try index.flush(to: folder.index)
        }
        let grown = try Self.answers(index)
        #expect(try index.mergeSegments(in: folder.index) == 4)
        #expect(try index.mergeSegments(in: folder.index) == 4)
        #expect(try index.mergeSegments(in: folder.index) == 0)
        #expect(folder.segments.count == 1, "\(folder.files)")
        #expect(try Self.answers(index) == grown)
        let loaded = try SearchIndex.load(from: folder.index)
        #expect(try Self.answers(loaded) == grown)
        // Appending to and flushing an index whose lists are read from a merged segment.
        loaded.add(Array(Self.articles[2_000..<2_300]))
        try loaded.flush(to: folder.index)
        let held = Self.articles.prefix(1_400).enumerated().filter { $0.offset % 31 != 0 }.map(\.element) + [rare[1]]
            + Self.articles[1_400..<1_800] + Self.articles[2_000..<2_300]
        #expect(try Self.answers(SearchIndex.load(from: folder.index)) == Self.answers(Self.atOnce(held)))
    }

    /// A phrase finds the documents that hold its words side by side, through flushes, a merge
    /// with deletes and a load.
    @Test func phrasesFindTheirWordsSideBySide() throws {
        let articles = Array(Self.articles.prefix(1_200))
        let folder = Folder()
        let index = SearchIndex()
        for start in stride(from: 0, to: 1_200, by: 300) {
            index.add(Array(articles[start..<(start + 300)]))
            try index.flush(to: folder.index)
        }
        let gone = Set(articles.enumerated().filter { $0.offset % 17 == 0 }.map(\.element.id))
        index.remove(ids: Array(gone))
        try index.flush(to: folder.index)
        #expect(try index.mergeSegments(in: folder.index) == 4)
        let held = articles.filter { !gone.contains($0.id) }
        let analyzer = Analyzer()
        var options = SearchOptions()
        options.limit = 1_200
        for loaded in [index, try SearchIndex.load(from: folder.index)] {
            for phrase in ["crude oil", "interest rates", "trade deficit", "stock exchange", "united states", "per share", "federal reserve board"] {
                let words = analyzer.terms(phrase).map(\.text)
                func holds(_ text: String) -> Bool {
                    let terms = analyzer.terms(text).map(\.text)
                    return terms.count >= words.count && (0...(terms.count - words.count)).contains { Array(terms[$0..<($0 + words.count)]) == words }
                }
                // Within one paragraph or the headline: found; found only where the field's words hold it.
                let within = Set(held.filter { d in holds(d.headline) || d.paragraphs.contains(where: holds) }.map(\.id))
                let anywhere = Set(held.filter { d in holds(d.headline) || holds(d.paragraphs.joined(separator: " ")) }.map(\.id))
                let found = Set(try loaded.search("\"\(phrase)\"", options: options).hits.map(\.id))
                #expect(within.isSubset(of: found) && found.isSubset(of: anywhere), "\(phrase): \(within.count) within, \(found.count) found")
                #expect(!within.isEmpty, "\(phrase) occurs")
            }
        }
    }


    /// Searches running while flushes and merges swap what the lists read keep finding the
    /// same documents for a word only the first ones hold.
    @Test func searchesDuringFlushesAndMergesSeeTheSameDocuments() async throws {
        let folder = Folder()
        let index = SearchIndex()
        let marked = (0..<50).map {
            SearchDocument(id: "marked-\($0)", version: 1, headline: "Quillwort report \($0)", source: "Test Wire", date: nil,
                           paragraphs: ["Quillwort growers met on day \($0)."])
        }
        index.add(marked)
        try index.flush(to: folder.index)
        let expected = Set(marked.map(\.id))
        var options = SearchOptions()
        options.limit = 100
        let path = folder.index
        try await withThrowingTaskGroup(of: Int.self) { [options] group in
            group.addTask {
                for start in stride(from: 0, to: 1_600, by: 100) {
                    index.add(Array(Self.articles[start..<(start + 100)]))
                    try index.flush(to: path)
                    while try index.mergeSegments(in: path) > 0 {}
                }
                return 0
            }
            group.addTask {
                var searches = 0
                while index.statistics.documents < 1_650 || searches < 200 {
                    let found = try index.search("quillwort", options: options)
                    #expect(Set(found.hits.map(\.id)) == expected && found.total == 50)
                    searches += 1
                    if searches > 20_000 { break }
                }
                return searches
            }
            for try await _ in group {}
        }
        #expect(try Set(SearchIndex.load(from: folder.index).search("quillwort", options: options).hits.map(\.id)) == expected)
    }

    /// The merge policy joins the newest four segments of about one size, never a large one
    /// with small ones, and keeps the count of segments logarithmic as flushes come.
    @Test func mergesJoinSegmentsOfAboutOneSize() {
        let mb = 1 << 20
        #expect(MergePolicy.run([2 * mb, 3 * mb, 1 * mb]) == nil, "fewer than four")
        #expect(MergePolicy.run([3 * mb, 2 * mb, 1 * mb, 1 * mb]) == 0..<4)
        #expect(MergePolicy.run([1_500 * mb, 100 * mb, 80 * mb, 90 * mb]) == nil, "a large one is not rewritten for three small ones")
        #expect(MergePolicy.run([1_500 * mb, 100 * mb, 80 * mb, 90 * mb, 70 * mb]) == 1..<5)
        #expect(MergePolicy.run([3 * mb, 5 * mb, 3 * mb, 5 * mb]) == 0..<4, "sizes either side of a level boundary")
        // A thousand flushes of 30 MB each, merging as the policy says: few segments, each
        // byte written a handful of times.
        var sizes: [Int] = []
        var written = 0
        for _ in 0..<1_000 {
            sizes.append(30 * mb)
            written += 30 * mb
            while let run = MergePolicy.run(sizes) {
                let merged = sizes[run].reduce(0, +)
                written += merged
                sizes.replaceSubrange(run, with: [merged])
            }
        }
        #expect(sizes.count <= 16, "\(sizes.count) segments")
        #expect(written <= 8 * 1_000 * 30 * mb, "written \(written / (1_000 * 30 * mb)) times over")
    }

    /// A crash during a flush or a merge leaves the files of one of the steps below; each loads
    /// as the index before it (the manifest was not replaced) and its leftovers are deleted.
    @Test func aFlushOrMergeCutShortAtAnyStepLeavesTheIndexBeforeIt() throws {
        let folder = Folder()
        let index = SearchIndex()
        for start in stride(from: 0, to: 900, by: 300) {
            index.add(Array(Self.articles[start..<(start + 300)]))
            try index.flush(to: folder.index)
        }
        let before = try folder.copy()
        let expected = try Self.answers(index)
        index.add(Array(Self.articles[900..<1_200]))
        index.remove(ids: [Self.articles[3].id])
        try index.flush(to: folder.index)
        #expect(try index.mergeSegments(in: folder.index) == 4)
        let after = try folder.copy()
        let added = Set(after.keys).subtracting(before.keys)
        #expect(added.contains { $0.hasPrefix("segment-") } && added.contains { $0.hasPrefix("state-") })
        // Each new file written, in order, and then the new manifest beside the old, not renamed.
        var steps = added.sorted().map { Set([$0]) }
        steps.append(added)
        for written in steps {
            try FileManager.default.removeItem(atPath: folder.index)
            try FileManager.default.createDirectory(atPath: folder.index, withIntermediateDirectories: true)
            try folder.restore(before)
            try folder.restore(after.filter { written.contains($0.key) })
            if written == added { try after["manifest"]!.write(to: URL(fileURLWithPath: folder.index + "/manifest.tmp")) }
            #expect(try Self.answers(SearchIndex.load(from: folder.index)) == expected, "with \(written.sorted()) written")
            #expect(folder.files == before.keys.sorted(), "leftovers deleted at the load")
        }
    }

    /// A damaged, missing or shortened file is refused with what is wrong, never served half
    /// read (the server then rebuilds the index from the store).
    @Test func aDamagedOrMissingFileIsRefused() throws {
        let folder = Folder()
        let index = SearchIndex()
        index.add(Array(Self.articles.prefix(600)))
        try index.flush(to: folder.index)
        let good = try folder.copy()
        let segment = try #require(folder.segments.first)
        let state = try #require(folder.files.first { $0.hasPrefix("state-") })
        func damaged(_ change: () throws -> Void) -> SnapshotError? {
            try? FileManager.default.removeItem(atPath: folder.index)
            try? FileManager.default.createDirectory(atPath: folder.index, withIntermediateDirectories: true)
            try? folder.restore(good)
            try? change()
            do {
                _ = try SearchIndex.load(from: folder.index)
                return nil
            } catch {
                return error
            }
        }
        func flip(_ name: String, at offset: Int) throws {
            var data = good[name]!
            data[offset] ^= 0x20
            try data.write(to: URL(fileURLWithPath: folder.index + "/" + name))
        }
        #expect(damaged { try flip(segment, at: good[segment]!.count / 2) } == .checksumMismatch)
        #expect(damaged { try flip("manifest", at: 12) } == .checksumMismatch)
        #expect(damaged { try flip(state, at: 20) } == .checksumMismatch)
        #expect(damaged { try flip(segment, at: 0) } == .notASnapshot)
        #expect(damaged { try FileManager.default.removeItem(atPath: folder.index + "/" + segment) } != nil)
        #expect(damaged { try FileManager.default.removeItem(atPath: folder.index + "/manifest") } == .damaged("it has no manifest"))
        #expect(damaged { try good[state]!.prefix(40).write(to: URL(fileURLWithPath: folder.index + "/" + state)) }
                == .damaged("its state file is not the size its manifest says"))
        #expect(damaged {} == nil, "the files as written load")
        // An older build's single snapshot file is recognised, and a flush replaces it.
        try FileManager.default.removeItem(atPath: folder.index)
        try Data("LODEIDX\0".utf8).write(to: URL(fileURLWithPath: folder.index))
        #expect(throws: SnapshotError.olderFormat) { try SearchIndex.load(from: folder.index) }
        try index.flush(to: folder.index)
        #expect(try Self.answers(SearchIndex.load(from: folder.index)) == Self.answers(index))
    }

    /// A segment whose file is as it was when its checksum was verified (device, inode, size and
    /// modification time, recorded in `verified`) is not read whole for it again at load; a
    /// file changed since, or written within the last second, is.
    @Test func aSegmentUnchangedSinceItWasVerifiedIsNotReadForItsChecksumAgain() throws {
        let folder = Folder()
        let index = SearchIndex()
        index.add(Array(Self.articles.prefix(600)))
        try index.flush(to: folder.index)
        let segment = folder.index + "/" + (try #require(folder.segments.first))
        func setModified(_ seconds: Int) {
            let time = timespec(tv_sec: seconds, tv_nsec: 0)
            #expect(utimensat(AT_FDCWD, segment, [time, time], 0) == 0)
        }
        // Not a second old (its time ahead of the clock, so however slow the machine): verified
        // at a load, not recorded.
        setModified(time(nil) + 3_600)
        _ = try SearchIndex.load(from: folder.index)
        #expect(VerifiedSegments.read(folder.index).isEmpty, "a file not a second old is not recorded")
        let aMinuteAgo = time(nil) - 60
        setModified(aMinuteAgo)
        let expected = try Self.answers(SearchIndex.load(from: folder.index))
        #expect(VerifiedSegments.read(folder.index).keys.sorted() == [1], "verified at the load, and recorded")
        // Its checksum damaged, its time put back: taken as verified.
        let handle = try FileHandle(forUpdating: URL(fileURLWithPath: segment))
        let end = try handle.seekToEnd()
        try handle.seek(toOffset: end - 1)
        let last = try #require(try handle.read(upToCount: 1)?.first)
        try handle.seek(toOffset: end - 1)
        try handle.write(contentsOf: [last ^ 0x01])
        try handle.close()
        setModified(aMinuteAgo)
        #expect(try Self.answers(SearchIndex.load(from: folder.index)) == expected)
        // Any other time: read whole, and refused.
        setModified(aMinuteAgo + 1)
        #expect(throws: SnapshotError.checksumMismatch) { try SearchIndex.load(from: folder.index) }
    }

    /// A flush that cannot write throws and keeps what it could not write: the next one, where
    /// it can, writes it all.
    @Test func aFlushThatFailsLosesNothing() throws {
        let folder = Folder()
        let index = SearchIndex()
        index.add(Array(Self.articles.prefix(300)))
        try index.flush(to: folder.index)
        index.add(Array(Self.articles[300..<600]))
        // A file where the folder should be made: no folder can be.
        let blocked = folder.url.appendingPathComponent("blocked").path
        try Data().write(to: URL(fileURLWithPath: blocked))
        #expect(throws: SnapshotError.self) { try index.flush(to: blocked + "/index.search") }
        index.add(Array(Self.articles[600..<900]))
        try index.flush(to: folder.index)
        #expect(try Self.answers(SearchIndex.load(from: folder.index)) == Self.answers(Self.atOnce(Array(Self.articles.prefix(900)))))
    }
}
