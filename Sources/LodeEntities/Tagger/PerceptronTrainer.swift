import LodeText

/// Trains an averaged perceptron: tags each training sentence with the current weights,
/// and where a tag is wrong moves the weights of its features toward the right tag and away
/// from the wrong one. The average of the weights over all steps is the model.
///
/// The names the training data tags become a gazetteer the model carries; while training, a
/// document only sees the names of the other half of the documents, so the model learns how
/// far to trust a gazetteer hit on text it has not seen.
public struct PerceptronTrainer {
    private let sentences: [TaggedSentence]
    private let names: [String: UInt8]
    private let clusters: WordClusters
    /// A first reading's guesses, by document number.
    private let guesses: [Int: [String: UInt8]]
    /// By document parity: extractors whose gazetteer holds the other half's names.
    private let extractors: [FeatureExtractor]
    private var index: [UInt64: Int32] = [:]
    private var weights: [Float] = []
    private var totals: [Float] = []
    private var stamps: [Int32] = []
    private var step: Int32 = 0

    /// - Parameters:
    ///   - clusters: word clusters learned from unlabelled text, carried by the model.
    ///   - places: place names with their gazetteer bits (``Gazetteer/places(at:)``), carried by the model.
    public init(sentences: [TaggedSentence], clusters: WordClusters = .empty, places: [String: UInt8] = [:],
                guesses: [Int: [String: UInt8]] = [:]) {
        self.sentences = sentences
        self.clusters = clusters
        self.guesses = guesses
        names = Self.names(in: sentences).merging(places) { $0 | $1 }
        extractors = (0..<2).map { half in
            let learned = Self.names(in: sentences.filter { $0.document % 2 != half }).merging(places) { $0 | $1 }
            return FeatureExtractor(gazetteer: Gazetteer(learned: learned), clusters: clusters)
        }
    }

    /// The entity names in `sentences`, lower-cased, with the bits of the types they are tagged as.
    static func names(in sentences: [TaggedSentence]) -> [String: UInt8] {
        var out: [String: UInt8] = [:]
        for s in sentences {
            for span in EntityScores.spans(s.tags) {
                out[s.words[span.start..<span.end].joined(separator: " ").lowercased(), default: 0] |= Gazetteer.learned(span.type)
            }
        }
        return out
    }

    /// One pass over the sentences in an order fixed by `seed`.
    public mutating func epoch(seed: UInt64) {
        var order = Array(sentences.indices)
        var random = SeededRandom(seed: seed)
        for i in stride(from: order.count - 1, to: 0, by: -1) { order.swapAt(i, random.next(below: i + 1)) }
        // A table per extractor: an entry holds what its gazetteer says of the word.
        let types = [WordTypes(), WordTypes()]
        var contexts: [Int: DocumentContext] = [:]
        for document in sentences.documents {
            let number = document[0].document
            let (extractor, table) = (extractors[number % 2], types[number % 2])
            contexts[number] = DocumentContext(document.map { extractor.types($0.words, in: table) }, types: table)
        }
        let sentences = self.sentences
        var features: [UInt64] = []
        var scores = [Float](repeating: 0, count: EntityTag.count)
        for s in order {
            let sentence = sentences[s]
            let extractor = extractors[sentence.document % 2]
            let guessed = guesses[sentence.document] ?? [:]
            let table = types[sentence.document % 2]
            let numbers = extractor.types(sentence.words, in: table)
            let words = zip(numbers, extractor.words(numbers, in: contexts[sentence.document]!, types: table)).map {
                $1.guessing(UInt64(guessed[table.lowerTexts[Int($0)]] ?? 0))
            }
            var predicted: [EntityTag] = []
            for i in words.indices {
                step += 1
                let previous = predicted.last ?? .outside
                let beforePrevious = predicted.count >= 2 ? predicted[predicted.count - 2] : .outside
                extractor.features(words, i, own: table.entries[Int(words[i].type)], previous: previous, beforePrevious: beforePrevious, into: &features)
                for t in scores.indices { scores[t] = 0 }
                for f in features {
                    guard let row = index[f] else { continue }
                    let base = Int(row) * EntityTag.count
                    for t in 0..<EntityTag.count { scores[t] += weights[base + t] }
                }
                var guess = EntityTag.outside
                var best = -Float.infinity
                for tag in EntityTag.all where tag.mayFollow(previous) && scores[tag.index] > best {
                    guess = tag
                    best = scores[tag.index]
                }
                let gold = sentence.tags[i]
                if guess != gold {
                    for f in features {
                        let base = row(f) * EntityTag.count
                        update(base + gold.index, by: 1)
                        update(base + guess.index, by: -1)
                    }
                }
                predicted.append(guess)
            }
        }
    }

    private mutating func row(_ feature: UInt64) -> Int {
        if let r = index[feature] { return Int(r) }
        let r = index.count
        index[feature] = Int32(r)
        weights += [Float](repeating: 0, count: EntityTag.count)
        totals += [Float](repeating: 0, count: EntityTag.count)
        stamps += [Int32](repeating: 0, count: EntityTag.count)
        return r
    }

    private mutating func update(_ cell: Int, by delta: Float) {
        totals[cell] += Float(step - stamps[cell]) * weights[cell]
        stamps[cell] = step
        weights[cell] += delta
    }

    /// A one-reading model of the averaged weights.
    public func model() -> NERModel { NERModel(first: averagedWeights(), second: nil, names: names, clusters: clusters) }

    /// The averaged weights, without features whose weights are all nearly nothing.
    func averagedWeights() -> FeatureWeights {
        var index: [UInt64: Int32] = [:]
        var averaged: [Float] = []
        for (feature, row) in self.index {
            let base = Int(row) * EntityTag.count
            let values = (0..<EntityTag.count).map { t -> Float in
                let c = base + t
                return (totals[c] + Float(step - stamps[c]) * weights[c]) / Float(max(step, 1))
            }
            guard values.contains(where: { abs($0) >= 0.0001 }) else { continue }
            index[feature] = Int32(index.count)
            averaged += values
        }
        return FeatureWeights(index: index, weights: averaged)
    }
}
