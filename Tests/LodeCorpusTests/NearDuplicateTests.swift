import LodeCorpus
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
        index.insert("original", hasher.signature(of: story))
        index.insert("other", hasher.signature(of: "A different story about copper smelting capacity in Chile and Peru this year."))
        let copy = hasher.signature(of: story.replacingOccurrences(of: "said on Tuesday", with: "said Tuesday"))
        #expect(index.bestMatch(for: copy)?.id == "original")
        index.remove("original")
        #expect(index.bestMatch(for: copy) == nil)
        #expect(index.count == 1)
    }

    @Test func signaturesAreDeterministicAndSized() {
        #expect(MinHasher(permutations: 4, shingleSize: 2).signature(of: "rare earth alliance").values.count == 4)
        #expect(MinHasher().signature(of: "") == MinHashSignature(values: [], shingles: 0))
        #expect(MinHasher().signature(of: story) == MinHasher().signature(of: story))
    }
}
