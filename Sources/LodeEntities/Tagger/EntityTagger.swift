/// Tags words with entity types, left to right: each word's tag is the best-scoring one
/// that may follow the tag before it (so an inside tag always continues its entity), with
/// the two previous tags among the features. A model with a second reading tags each
/// document twice, the second time knowing the first's guesses (``Stacking``).
public struct EntityTagger: Sendable {
    public let model: NERModel
    let extractor: FeatureExtractor

    public init(model: NERModel) {
        self.model = model
        extractor = FeatureExtractor(gazetteer: Gazetteer(learned: model.names), clusters: model.clusters)
    }

    /// The tags of one sentence, read on its own.
    public func tag(_ words: [String]) -> [EntityTag] { tag(document: [words])[0] }

    /// The tags of a document's sentences, each read knowing how its words are written
    /// elsewhere in the document.
    public func tag(document sentences: [[String]]) -> [[EntityTag]] {
        let context = DocumentContext(sentences)
        let words = sentences.map { extractor.words($0, in: context) }
        let first = read(words, with: model.first)
        guard let second = model.second else { return first }
        let guesses = Stacking.guesses(sentences, first)
        return read(zip(sentences, words).map { sentence, words in
            zip(sentence, words).map { $1.guessing(UInt64(guesses[$0] ?? 0)) }
        }, with: second)
    }

    private func read(_ sentences: [[FeatureExtractor.Word]], with weights: FeatureWeights) -> [[EntityTag]] {
        sentences.map { words in
            Self.decode(words, extractor: extractor) { features, scores in weights.add(features, to: &scores) }
        }
    }

    /// Greedy decoding with `score` filling each tag's score for a word's features.
    static func decode(_ words: [FeatureExtractor.Word], extractor: FeatureExtractor,
                       score: ([UInt64], inout [Float]) -> Void) -> [EntityTag] {
        var tags: [EntityTag] = []
        tags.reserveCapacity(words.count)
        var features: [UInt64] = []
        var scores = [Float](repeating: 0, count: EntityTag.count)
        for i in words.indices {
            let previous = tags.last ?? .outside
            let beforePrevious = tags.count >= 2 ? tags[tags.count - 2] : .outside
            extractor.features(words, i, previous: previous, beforePrevious: beforePrevious, into: &features)
            for t in scores.indices { scores[t] = 0 }
            score(features, &scores)
            var best = EntityTag.outside
            var bestScore = -Float.infinity
            for tag in EntityTag.all where tag.mayFollow(previous) && scores[tag.index] > bestScore {
                best = tag
                bestScore = scores[tag.index]
            }
            tags.append(best)
        }
        return tags
    }
}
