/// Tags words with entity types, left to right: each word's tag is the best-scoring one
/// that may follow the tag before it (so an inside tag always continues its entity), with
/// the two previous tags among the features. A model with a second reading tags each
/// document twice, the second time knowing the first's guesses (``Stacking``).
public struct EntityTagger: Sendable {
    public let model: NERModel
    let extractor: FeatureExtractor
    private let types: WordTypes.Pool
    /// Per reading, what the start and end of a sentence give the words next to them, in the
    /// order of ``WordTypes/Part/neighbours``, a score per tag each.
    private let edges: [[Float]]

    public init(model: NERModel) { self.init(model: model, wordTypes: WordTypes.defaultCapacity) }

    /// - Parameter wordTypes: word types each thread remembers before it starts over.
    init(model: NERModel, wordTypes: Int) {
        self.model = model
        types = WordTypes.Pool(capacity: wordTypes)
        let extractor = FeatureExtractor(gazetteer: Gazetteer(learned: model.names), clusters: model.clusters)
        self.extractor = extractor
        edges = [model.first, model.second].compactMap { $0 }.map { weights in
            WordTypes.Part.neighbours.flatMap { part in
                var features: [UInt64] = []
                extractor.boundaryFeatures(as: part, into: &features)
                var scores = [Float](repeating: 0, count: EntityTag.count)
                weights.add(features[...], to: &scores)
                return scores
            }
        }
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
        var features: [UInt64] = []
        var starts: [Float] = []
        return sentences.map { words in
            types.startingScores(words.map(\.type), reading: reading, edges: edges[reading], into: &starts) { e, part, sums in
                features.removeAll(keepingCapacity: true)
                if part == .own { extractor.ownFeatures(e, into: &features) }
                else { extractor.neighbourFeatures(lower: e.lower, shape: e.shape, as: part, into: &features) }
                weights.add(features[...], to: &sums)
            }
            return Self.decode(words, extractor: extractor, weights: weights, starts: starts)
        }
    }

    /// Greedy decoding: each word's scores start from `starts` (a score per tag a word: the
    /// weights of its own features and of those its neighbours give it), then the weights of
    /// the rest of its context features are added. All but three of those are known before
    /// the tags before it, so they are made for the whole sentence first and their weights
    /// asked for from memory two words ahead of their use.
    static func decode(_ words: [FeatureExtractor.Word], extractor: FeatureExtractor, weights: FeatureWeights,
                       starts: [Float]) -> [EntityTag] {
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
            for t in 0..<EntityTag.count { scores[t] = starts[i * EntityTag.count + t] }
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
