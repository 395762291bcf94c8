/// Tags words with entity types, left to right: each word's tag is the best-scoring one
/// that may follow the tag before it (so an inside tag always continues its entity), with
/// the two previous tags among the features. A model with a second reading tags each
/// document twice, the second time knowing the first's guesses (``Stacking``).
public struct EntityTagger: Sendable {
    public let model: NERModel
    let extractor: FeatureExtractor
    private let types: WordTypes.Pool

    public init(model: NERModel) { self.init(model: model, wordTypes: WordTypes.defaultCapacity) }

    /// - Parameter wordTypes: word types each thread remembers before it starts over.
    init(model: NERModel, wordTypes: Int) {
        self.model = model
        types = WordTypes.Pool(capacity: wordTypes)
        extractor = FeatureExtractor(gazetteer: Gazetteer(learned: model.names), clusters: model.clusters)
    }

    /// The tags of one sentence, read on its own.
    public func tag(_ words: [String]) -> [EntityTag] { tag(document: [words])[0] }

    /// The tags of a document's sentences, each read knowing how its words are written
    /// elsewhere in the document.
    public func tag(document sentences: [[String]]) -> [[EntityTag]] {
        types.with { types in
            let numbers = sentences.map { extractor.types($0, in: types) }
            let context = DocumentContext(numbers, types: types)
            let words = numbers.map { extractor.words($0, in: context, types: types) }
            let first = read(words, with: model.first, reading: 0, types: types)
            guard let second = model.second else { return first }
            var guesses = [UInt8](repeating: 0, count: types.entries.count)
            for (type, guess) in Stacking.guesses(numbers.map { $0.map(types.lowerType) }, first) { guesses[Int(type)] = guess }
            return read(words.map { $0.map { $0.guessing(UInt64(guesses[Int(types.lowerType($0.type))])) } }, with: second, reading: 1,
                        types: types)
        }
    }

    private func read(_ sentences: [[FeatureExtractor.Word]], with weights: FeatureWeights, reading: Int,
                      types: WordTypes) -> [[EntityTag]] {
        var own: [UInt64] = []
        return sentences.map { words in
            Self.decode(words, extractor: extractor, weights: weights, start: { w, scores in
                types.sums(w.type, reading: reading, into: &scores) { e, sums in
                    own.removeAll(keepingCapacity: true)
                    extractor.ownFeatures(e, into: &own)
                    weights.add(own[...], to: &sums)
                }
            })
        }
    }

    /// Greedy decoding: each word's scores are set by `start` (its own features' weights),
    /// then its context features' `weights` are added. All but three of a word's context
    /// features are known before the tags before it, so they are made for the whole sentence
    /// first and their weights asked for from memory two words ahead of their use.
    static func decode(_ words: [FeatureExtractor.Word], extractor: FeatureExtractor, weights: FeatureWeights,
                       start: (FeatureExtractor.Word, inout [Float]) -> Void) -> [EntityTag] {
        var features: [UInt64] = []
        var ends: [Int] = []
        features.reserveCapacity(words.count * 32)
        ends.reserveCapacity(words.count)
        for i in words.indices {
            extractor.contextFeatures(words, i, into: &features)
            ends.append(features.count)
        }
        func prefetch(_ i: Int) {
            if i < words.count { weights.prefetch(features[(i == 0 ? 0 : ends[i - 1])..<ends[i]]) }
        }
        prefetch(0)
        prefetch(1)
        var tags: [EntityTag] = []
        tags.reserveCapacity(words.count)
        var scores = [Float](repeating: 0, count: EntityTag.count)
        for i in words.indices {
            prefetch(i + 2)
            let previous = tags.last ?? .outside
            let beforePrevious = tags.count >= 2 ? tags[tags.count - 2] : .outside
            let from = i == 0 ? 0 : ends[i - 1]
            extractor.setTags(previous, beforePrevious, of: words[i], in: &features, at: from)
            start(words[i], &scores)
            weights.add(features[from..<ends[i]], to: &scores)
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
