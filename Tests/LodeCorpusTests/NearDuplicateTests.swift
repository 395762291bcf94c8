import Foundation
@testable import LodeCorpus
import Testing

@Suite struct NearDuplicateTests {
    private let story = """
        Prices of yttrium oxide rose for a third straight week as several smelters in southern China trimmed \
        output for maintenance, traders said on Tuesday. The price reached 52,000 yuan a metric ton on Monday, \
        up 8 percent from early January, according to a weekly survey by a Shanghai consultancy. Inventories at \
        downstream magnet makers are thin, and buyers are coming back to the market, said a metals analyst at a \
        Shanghai-based brokerage. Traders expect the maintenance season to end in March, when output should recover.
        """
    private let hasher = MinHasher()

    @Test func identicalTextsAreFullySimilar() {
        #expect(hasher.signature(of: story).similarity(to: hasher.signature(of: story)) == 1)
    }

    @Test func syndicatedCopyWithSmallEditsStaysAboveTheThreshold() {
        let copy = story.replacingOccurrences(of: "said on Tuesday", with: "said Tuesday")
            .replacingOccurrences(of: "a metric ton", with: "a tonne") + " (Editing by the desk)"
        let s = hasher.signature(of: story).similarity(to: hasher.signature(of: copy.uppercased()))
        #expect(s >= 0.6 && s < 1, "case and small edits barely move it: \(s)")
    }

    @Test func aCopyMissingAParagraphIsStillContained() {
        let trimmed = String(story.prefix(through: story.firstIndex(of: ".")!))
        let full = hasher.signature(of: story), part = hasher.signature(of: trimmed)
        #expect(full.similarity(to: part) < 0.5, "Jaccard falls with the length gap")
        #expect(part.containment(with: full) > 0.8, "but the shorter text is inside the longer")
    }

    @Test func unrelatedTextsAreDissimilar() {
        let other = "Magnet makers in the eastern city of Ningbo are adding production lines as orders from electric car makers keep rising, local officials said on Monday."
        #expect(hasher.signature(of: story).similarity(to: hasher.signature(of: other)) < 0.1)
    }

    @Test func indexFindsTheCopyAndForgetsRemovedDocuments() {
        var index = NearDuplicateIndex<String>(threshold: 0.5)
        index.insert("original", CopySignature(of: story))
        index.insert("other", CopySignature(of: "A different story about copper smelting capacity in Chile and Peru this year."))
        let copy = CopySignature(of: story.replacingOccurrences(of: "said on Tuesday", with: "said Tuesday"))
        #expect(index.bestMatch(for: copy)?.id == "original")
        index.remove("original")
        #expect(index.bestMatch(for: copy) == nil)
        #expect(index.count == 1)
    }

    /// Documents inserted one by one (the band table sorting its recent keys into its run
    /// several times), some replaced and some removed: every copy finds what an index loaded
    /// at once with the documents left finds, and each live document's copy finds it.
    @Test func anIndexGrownOneByOneFindsWhatOneLoadedAtOnceFinds() {
        let (grown, loaded, documents, removed) = grownAndLoaded(NearDuplicateIndex<String>())
        #expect(grown.count == loaded.count)
        var found = 0, live = 0
        for d in documents.prefix(400) {
            let copy = CopySignature(of: d.text.split(separator: " ").dropFirst(4).joined(separator: " "))
            let a = grown.bestMatch(for: copy), b = loaded.bestMatch(for: copy)
            #expect(a?.id == b?.id && a?.similarity == b?.similarity, "\(d.id)")
            if !removed.contains(d.id) { live += 1 }
            if a?.id == d.id { found += 1 }
        }
        #expect(found == live)
    }

    /// Spilled to files (values a chunk of 500 documents at a time, band keys whenever the recent
    /// ones are sorted in)
    /// the index finds what it finds in memory, and leaves no file behind; a folder it cannot
    /// write to keeps it in memory, finding the same.
    @Test func aSpilledIndexFindsWhatOneInMemoryFindsAndLeavesNoFile() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("lode-spill-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let memory = grownAndLoaded(NearDuplicateIndex<String>(), count: 1_600)
        let spilled = grownAndLoaded(NearDuplicateIndex<String>(spillingTo: folder, chunkRows: 500), count: 1_600)
        let unwritable = grownAndLoaded(NearDuplicateIndex<String>(spillingTo: folder + "/missing", chunkRows: 500), count: 1_600)
        #expect(spilled.grown.isSpilled && spilled.loaded.isSpilled)
        #expect(!unwritable.grown.isSpilled && !memory.grown.isSpilled)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder).isEmpty)
        for d in memory.documents.prefix(600) {
            let copy = CopySignature(of: d.text.split(separator: " ").dropFirst(4).joined(separator: " "))
            let expected = memory.grown.bestMatch(for: copy)
            for index in [spilled.grown, spilled.loaded, unwritable.grown, unwritable.loaded] {
                let found = index.bestMatch(for: copy)
                #expect(found?.id == expected?.id && found?.similarity == expected?.similarity, "\(d.id)")
            }
        }
    }

    /// `count` documents inserted one by one into `empty` (the band table sorting its recent keys
    /// into its run several times), some replaced and some removed, and the documents left
    /// loaded at once into another like it.
    private func grownAndLoaded(_ empty: NearDuplicateIndex<String>, count: Int = 3_000)
        -> (grown: NearDuplicateIndex<String>, loaded: NearDuplicateIndex<String>, documents: [(id: String, text: String)],
            removed: Set<String>) {
        var state: UInt64 = 42
        func next(_ n: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(n))
        }
        func text() -> String { (0..<80).map { _ in next(6) == 0 ? "Name\(next(500))" : "w\(next(2_000))" }.joined(separator: " ") }
        var documents = (0..<count).map { (id: "d\($0)", text: text()) }
        var grown = empty
        for d in documents { grown.insert(d.id, CopySignature(of: d.text)) }
        for i in stride(from: 0, to: documents.count, by: 7) {
            documents[i].text = text()
            grown.insert(documents[i].id, CopySignature(of: documents[i].text))
        }
        var removed: Set<String> = []
        for i in stride(from: 3, to: documents.count, by: 11) {
            grown.remove(documents[i].id)
            removed.insert(documents[i].id)
        }
        var loaded = empty
        loaded.load { add in for d in documents where !removed.contains(d.id) { add(d.id, CopySignature(of: d.text)) } }
        return (grown, loaded, documents, removed)
    }

    /// A wire story and a rewrite of it in other words: the names and numbers stay, in order.
    private let wire = """
        HARARE, Dec 20 - Zimbabwe has banned the export of raw Lithium ore, a Government notice said on Tuesday, \
        to stop Artisanal Miners carrying it across borders. Zhejiang Huayou Cobalt, Sinomine Resource Group and \
        Chengxin Lithium Group have spent $678 million on Zimbabwe mines in the past year. President Emmerson \
        Mnangagwa said the ban would target Artisanal Miners. Mines Minister Winston Chitando said 2023 output \
        would reach 450,000 tonnes. The Chamber of Mines of Zimbabwe welcomed the Notice. Bikita Minerals, owned by \
        Sinomine Resource Group, and Arcadia Lithium, owned by Zhejiang Huayou Cobalt, ship through Beira and Durban. \
        Prospect Lithium Zimbabwe expects its Goromonzi plant to process 4,500 tonnes a day from June, said Chief \
        Executive Officer Harry Zhang in Harare on Monday.
        """
    private let rewrite = """
        Zimbabwe on Tuesday prohibited shipments of unprocessed Lithium, according to a Government notice, in a \
        move aimed at Artisanal Miners who smuggle the mineral out. Over the last twelve months Zhejiang Huayou \
        Cobalt, Sinomine Resource Group and Chengxin Lithium Group bought Zimbabwe projects worth $678 million. \
        President Emmerson Mnangagwa has said Artisanal Miners are the target. According to Mines Minister \
        Winston Chitando, 2023 production is set to hit 450,000 tonnes, and the Chamber of Mines of Zimbabwe \
        backed the Notice. Bikita Minerals, a unit of Sinomine Resource Group, and Arcadia Lithium, a unit of \
        Zhejiang Huayou Cobalt, send their ore out through Beira and Durban. Prospect Lithium Zimbabwe's Goromonzi \
        plant is due to handle 4,500 tonnes daily from June, Chief Executive Officer Harry Zhang told reporters \
        in Harare on Monday.
        """

    @Test func aRewriteKeepingTheNamesAndNumbersIsACopy() {
        let (a, b) = (CopySignature(of: wire), CopySignature(of: rewrite))
        #expect(a.text.containment(with: b.text) < 0.4, "few runs of words survive")
        #expect(a.names.shingles >= 20 && b.names.shingles >= 20)
        var index = NearDuplicateIndex<String>()
        index.insert("wire", CopySignature(of: wire))
        index.insert("other", CopySignature(of: story))
        #expect(index.bestMatch(for: CopySignature(of: rewrite))?.id == "wire")
    }

    @Test func anotherStoryWithSomeOfTheSameNamesIsNot() {
        let other = """
            Zimbabwe's central bank kept its main rate unchanged on Thursday, Governor John Mangudya said in Harare, \
            as inflation eased for a third month. The Reserve Bank of Zimbabwe said the gold coins it sold in July \
            had drawn demand from Banks and Pension Funds, and that Tobacco exports rose in the season to August. \
            Finance Minister Mthuli Ncube said the Budget would be presented in November.
            """
        var index = NearDuplicateIndex<String>()
        index.insert("wire", CopySignature(of: wire))
        #expect(index.bestMatch(for: CopySignature(of: other)) == nil)
    }

    @Test func vectorLanesAndTheScalarTailComputeTheSameHashes() {
        // The i-th value does not depend on how many there are: 12 = one lane of 8 and 4 one by one.
        let twelve = MinHasher(permutations: 12).signature(of: story).values
        let full = MinHasher(permutations: 128).signature(of: story).values
        let three = MinHasher(permutations: 3).signature(of: story).values
        #expect(Array(full.prefix(12)) == twelve)
        #expect(Array(full.prefix(3)) == three)
    }

    @Test func signaturesAreDeterministicAndSized() {
        #expect(MinHasher(permutations: 4, shingleSize: 2).signature(of: "rare earth alliance").values.count == 4)
        #expect(MinHasher().signature(of: "") == MinHashSignature(values: [], shingles: 0))
        #expect(MinHasher().signature(of: story) == MinHasher().signature(of: story))
    }
}
