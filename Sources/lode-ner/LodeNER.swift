import ArgumentParser
import Foundation
import LodeInput
import LodeEntities
import LodeText

@main
struct LodeNER: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lode-ner",
        abstract: "Trains and scores the entity tagger on CoNLL-2003 files (Scripts/train-ner, Scripts/eval-ner).",
        subcommands: [Train.self, Evaluate.self, Benchmark.self])
}

struct Train: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Train the two readings of the averaged perceptron; print dev F1 after each pass.")

    @Option(help: "CoNLL training file (repeatable: the files are joined).") var train: [String]
    @Option(help: "CoNLL development file, scored after each pass.") var dev: String
    @Option(help: "Passes over the training data.") var epochs = 10
    @Option(help: "Another order of the sentences in each pass (0: the shipped model's): how much F1 moves with the order alone.")
    var order: UInt64 = 0
    @Option(help: "Where to write the model.") var out: String
    @Option(help: "News in JSON Lines (gzip or not) to learn word clusters from, without labels (repeatable).")
    var news: [String] = []
    @Option(help: "Place names and their gazetteer bits, a name and a number a line (Scripts/gen-name-lists writes them).")
    var places: String?

    func run() async throws {
        var sentences: [TaggedSentence] = []
        for file in train {
            let offset = (sentences.last?.document ?? -1) + 1
            sentences += try CoNLLReader.sentences(at: file).map { var s = $0; s.document += offset; return s }
        }
        let development = try CoNLLReader.sentences(at: dev)
        var texts = sentences.map { $0.words.joined(separator: " ") }
        try await IngestInput(paths: news).forEach { item in
            if case .document(let d) = item { texts.append(d.headline + "\n" + String(decoding: d.content, as: UTF8.self)) }
        }
        let started = Date()
        let clusters = news.isEmpty ? WordClusters.empty : WordClusters.learn(from: texts)
        if !news.isEmpty {
            print(String(format: "word clusters: %d words from %d texts (%.1f s)", clusters.count, texts.count, Date().timeIntervalSince(started)))
        }
        let places = try places.map(Gazetteer.places(at:)) ?? [:]
        let model = PerceptronTrainer.stackedModel(sentences, clusters: clusters, places: places, passes: epochs, order: order) { reading, pass, model in
            let scores = Evaluation.score(EntityTagger(model: model), on: development).scores
            print(String(format: "\(reading), pass %2d: dev F1 %.4f", pass, scores.overall.f1))
        }
        try model.save(to: out)
        let bytes = (try? FileManager.default.attributesOfItem(atPath: out)[.size] as? Int) ?? 0
        print("model: \(model.featureCount) features, \(bytes / 1_048_576) MB, \(out)")
    }
}

struct Evaluate: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "eval", abstract: "Entity-level precision, recall and F1 per type (conlleval's exact spans).")

    @Option(help: "The model file.") var model: String
    @Argument(help: "CoNLL file to score on.") var file: String
    @Option(help: "Also write each word with its gold and predicted tag here, a sentence a paragraph (conlleval's input).")
    var predictions: String?

    func run() throws {
        let tagger = EntityTagger(model: try NERModel.load(from: model))
        let sentences = try CoNLLReader.sentences(at: file)
        let (scores, seconds, tagged) = Evaluation.score(tagger, on: sentences)
        if let predictions {
            let lines = zip(sentences, tagged).map { s, p in
                zip(s.words, zip(s.tags, p)).map { "\($0) \($1.0) \($1.1)\n" }.joined()
            }
            guard FileManager.default.createFile(atPath: predictions, contents: Data(lines.joined(separator: "\n").utf8)) else {
                throw ValidationError("cannot write \(predictions)")
            }
        }
        print("type   precision  recall   F1       gold  predicted")
        for type in EntityType.allCases {
            let c = scores.byType[type] ?? EntityScores.Counts()
            print(String(format: "%-5@  %.4f     %.4f   %.4f   %5d  %5d", type.rawValue, c.precision, c.recall, c.f1, c.gold, c.predicted))
        }
        let o = scores.overall
        print(String(format: "all    %.4f     %.4f   %.4f   %5d  %5d", o.precision, o.recall, o.f1, o.gold, o.predicted))
        print(String(format: "tokens/s on one core: %.0f", Double(scores.tokens) / seconds))
    }
}

struct Benchmark: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench", abstract: "Tagger and full extraction speed, and F1 over PER/ORG/LOC (as spaCy is scored).")

    @Option(help: "The model file.") var model: String
    @Option(help: "CoNLL file to score on.") var conll: String
    @Option(help: "News in JSON Lines to extract from (repeatable).") var news: [String] = []

    func run() async throws {
        let extractor = try EntityExtractor.load(modelAt: model)
        let sentences = try CoNLLReader.sentences(at: conll)
        let (scores, seconds, _) = Evaluation.score(extractor.tagger, on: sentences)
        // Read again, the tagger remembers the word types (as a server does through a day's
        // news): the median of five readings.
        let again = (0..<5).map { _ in Evaluation.score(extractor.tagger, on: sentences).seconds }.sorted()[2]
        var three = EntityScores.Counts()
        for type in [EntityType.person, .organization, .location] {
            let c = scores.byType[type] ?? EntityScores.Counts()
            three.correct += c.correct
            three.gold += c.gold
            three.predicted += c.predicted
        }
        let taggerRate = Double(scores.tokens) / seconds, warmRate = Double(scores.tokens) / again
        print(String(format: "lode tagger, CoNLL test: F1 PER/ORG/LOC %.4f, all four types %.4f, %.0f tokens/s on one core",
                     three.f1, scores.overall.f1, taggerRate))
        print(String(format: "lode tagger, CoNLL test read again, word types remembered: %.0f tokens/s on one core", warmRate))
        print(String(format: "ratio F1 (all four types) / 0.88         %.3f  (target >= 1)", scores.overall.f1 / 0.88))
        print(String(format: "ratio tagger tokens/s / 600000           %.2f  (target >= 1; every word type new)", taggerRate / 600_000))
        print(String(format: "ratio tagger remembering / 600000        %.2f  (target >= 1)", warmRate / 600_000))
        var texts: [String] = []
        try await IngestInput(paths: news).forEach { item in
            if case .document(let d) = item { texts.append(String(decoding: d.content, as: UTF8.self)) }
        }
        guard !texts.isEmpty else { return }
        let tokens = texts.reduce(0) { $0 + WordTokenizer.words(in: $1).count }
        let started = Date()
        var mentions = 0
        var quotes = 0
        for text in texts {
            let tokenized = TokenizedText(text)
            let found = extractor.extract(tokenized)
            mentions += found.count
            quotes += Attribution.read(tokenized, mentions: found).quotes.count
        }
        let elapsed = Date().timeIntervalSince(started)
        print(String(format: "lode extraction (tagger, rules, roles, quotes), %d news texts, %d tokens: %.0f tokens/s, %.0f texts/s, %d mentions, %d quotes",
                     texts.count, tokens, Double(tokens) / elapsed, Double(texts.count) / elapsed, mentions, quotes))
        print(String(format: "ratio extraction tokens/s / 400000       %.2f  (target >= 1)", Double(tokens) / elapsed / 400_000))
    }
}

enum Evaluation {
    /// Scores of `tagger` on `sentences`, the seconds tagging took, and the tags it gave.
    static func score(_ tagger: EntityTagger, on sentences: [TaggedSentence]) -> (scores: EntityScores, seconds: Double,
                                                                                   predicted: [[EntityTag]]) {
        var scores = EntityScores()
        let started = Date()
        let predicted = sentences.documents.flatMap { tagger.tag(document: $0.map(\.words)) }
        let seconds = Date().timeIntervalSince(started)
        for (s, p) in zip(sentences, predicted) { scores.add(gold: s.tags, predicted: p) }
        return (scores, seconds, predicted)
    }
}
