/// A second reading of a document: what a first reading tagged each word as, everywhere in
/// the document, becomes a feature, so "Inner Mongolia" read as a place in one sentence
/// pulls its other mentions the same way. Words are compared in lower case: a headline in
/// capitals learns from the story beneath it.
enum Stacking {
    /// Each word's most frequent type (index + 1) among the entities `tags` mark in `sentences`
    /// (of lower-case words, or their word types).
    static func guesses<Word: Hashable>(_ sentences: [[Word]], _ tags: [[EntityTag]]) -> [Word: UInt8] {
        var votes: [Word: [Int]] = [:]
        for (words, sentenceTags) in zip(sentences, tags) {
            for span in EntityScores.spans(sentenceTags) {
                let type = EntityType.allCases.firstIndex(of: span.type)!
                for i in span.start..<span.end { votes[words[i], default: [0, 0, 0, 0]][type] += 1 }
            }
        }
        return votes.mapValues { counts in UInt8(counts.indices.max { counts[$0] < counts[$1] }! + 1) }
    }

    /// Guesses for every training document from a tagger that did not learn from it: each
    /// half of the documents is read by a model trained on the other half.
    static func crossGuesses(_ sentences: [TaggedSentence], clusters: WordClusters, places: [String: UInt8],
                             passes: Int, order: UInt64) -> [Int: [String: UInt8]] {
        var out: [Int: [String: UInt8]] = [:]
        for half in 0..<2 {
            var trainer = PerceptronTrainer(sentences: sentences.filter { $0.document % 2 != half }, clusters: clusters, places: places)
            for pass in 1...passes { trainer.epoch(seed: UInt64(pass) &+ order) }
            let tagger = EntityTagger(model: trainer.model())
            for document in sentences.documents where document[0].document % 2 == half {
                let words = document.map(\.words)
                out[document[0].document] = guesses(words.map { $0.map { $0.lowercased() } }, tagger.tag(document: words))
            }
        }
        return out
    }
}

extension PerceptronTrainer {
    /// Trains a two-reading model: the first reading on all of `sentences`; the second on
    /// them again with guesses made by first readings trained on the other half of the
    /// documents, so it learns how far a guess on unseen text can be trusted. `order` picks
    /// the order the passes read the sentences in (0 for the shipped model's).
    public static func stackedModel(_ sentences: [TaggedSentence], clusters: WordClusters, places: [String: UInt8], passes: Int,
                                    order: UInt64 = 0, report: (String, Int, NERModel) -> Void) -> NERModel {
        var first = PerceptronTrainer(sentences: sentences, clusters: clusters, places: places)
        for pass in 1...passes {
            first.epoch(seed: UInt64(pass) &+ order)
            report("first reading", pass, first.model())
        }
        let model = first.model()
        var second = PerceptronTrainer(sentences: sentences, clusters: clusters, places: places,
                                       guesses: Stacking.crossGuesses(sentences, clusters: clusters, places: places, passes: passes,
                                                                      order: order))
        for pass in 1...passes {
            second.epoch(seed: UInt64(pass) &+ order)
            report("second reading", pass, model.reading(second.averagedWeights()))
        }
        return model.reading(second.averagedWeights())
    }
}
