import Foundation
@testable import LodeEntities
import Testing

private let conll = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("../shared/data/conll2003").standardized.path

@Suite struct CoNLLReaderTests {
    @Test func iob1TagsBecomeBIOAndDocumentsAreCounted() throws {
        let text = """
            -DOCSTART- -X- O O

            EU NNP I-NP I-ORG
            rejects VBZ I-VP O
            German JJ I-NP I-MISC
            call NN I-NP O

            -DOCSTART- -X- O O

            Peter NNP I-NP I-PER
            Blackburn NNP I-NP I-PER
            Smith NNP I-NP B-PER
            """
        let sentences = try CoNLLReader.sentences(in: text, name: "sample")
        #expect(sentences.map(\.document) == [0, 1])
        #expect(sentences[0].tags.map(\.description) == ["B-ORG", "O", "B-MISC", "O"])
        #expect(sentences[1].tags.map(\.description) == ["B-PER", "I-PER", "B-PER"])
    }

    @Test func aBrokenLineIsReportedWithItsNumber() {
        #expect(throws: CoNLLReader.Failure.self) { try CoNLLReader.sentences(in: "EU NNP I-NP I-ORG\nrejects\n", name: "bad") }
    }
}

@Suite struct EntityScoresTests {
    @Test func onlyExactSpansOfTheRightTypeCount() {
        let gold = ["B-PER", "I-PER", "O", "B-LOC", "O", "B-ORG"].map { EntityTag($0)! }
        let predicted = ["B-PER", "O", "O", "B-LOC", "O", "B-LOC"].map { EntityTag($0)! }
        var scores = EntityScores()
        scores.add(gold: gold, predicted: predicted)
        #expect(scores.overall.correct == 1 && scores.overall.gold == 3 && scores.overall.predicted == 3)
        #expect(scores.byType[.location]?.precision == 0.5)
        #expect(EntityScores.spans(["I-PER", "I-PER", "I-LOC"].map { EntityTag($0)! }).count == 2)
    }
}

@Suite struct EntityTaggerTests {
    @Test func insideTagsOnlyContinueTheirEntity() {
        #expect(EntityTag("I-PER")!.mayFollow(EntityTag("B-PER")!))
        #expect(!EntityTag("I-PER")!.mayFollow(EntityTag("B-ORG")!))
        #expect(!EntityTag("I-LOC")!.mayFollow(.outside))
        #expect(EntityTag("B-LOC")!.mayFollow(.outside))
    }

    @Test func placeListsAreReadWholeAndABadLineIsRefusedByName() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("lode-places-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let good = folder.appendingPathComponent("places.tsv").path, bad = folder.appendingPathComponent("bad.tsv").path
        try Data("inner mongolia\t1\nmongolia\t5\n".utf8).write(to: URL(fileURLWithPath: good))
        try Data("inner mongolia\t1\nmongolia five\n".utf8).write(to: URL(fileURLWithPath: bad))
        #expect(try Gazetteer.places(at: good) == ["inner mongolia": 1, "mongolia": 5])
        #expect(Gazetteer(learned: try Gazetteer.places(at: good)).isPlace("Inner Mongolia"))
        #expect(throws: NERModel.Failure.self) { try Gazetteer.places(at: bad) }
        do {
            _ = try Gazetteer.places(at: bad)
        } catch let failure as NERModel.Failure {
            #expect(failure.description.contains("bad.tsv") && failure.description.contains("mongolia five"))
        }
        #expect(throws: NERModel.Failure.self) { try Gazetteer.places(at: folder.appendingPathComponent("missing.tsv").path) }
    }

    @Test func aModelTrainedOnCoNLLFindsNewsEntitiesAndSurvivesASaveAndLoad() throws {
        let train = try CoNLLReader.sentences(at: "\(conll)/train.txt")
        var trainer = PerceptronTrainer(sentences: Array(train.prefix(4000)))
        for pass in 1...3 { trainer.epoch(seed: UInt64(pass)) }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("lode-ner-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("ner.model").path
        try trainer.model().save(to: path)
        let tagger = EntityTagger(model: try NERModel.load(from: path))

        let words = ["Zhang", "Zhong", ",", "chairman", "of", "Baotou", "Steel", ",", "told", "Reuters", "in", "Beijing", "."]
        let tags = tagger.tag(words)
        let found = EntityScores.spans(tags).map { (words[$0.start..<$0.end].joined(separator: " "), $0.type) }
        #expect(found.contains { $0 == ("Zhang Zhong", .person) }, "\(found)")
        #expect(found.contains { $0 == ("Beijing", .location) }, "\(found)")

        var scores = EntityScores()
        let dev = try CoNLLReader.sentences(at: "\(conll)/dev.txt")
        for (sentence, predicted) in zip(dev, dev.documents.flatMap { tagger.tag(document: $0.map(\.words)) }) {
            scores.add(gold: sentence.tags, predicted: predicted)
        }
        #expect(scores.overall.f1 > 0.7, "dev F1 \(scores.overall.f1) after three passes over 4,000 sentences")
    }

    @Test func theShippedModelSavesBackByteForByte() throws {
        let shipped = EntityExtractor.bundledModelPath
        let copy = FileManager.default.temporaryDirectory.appendingPathComponent("ner-\(UUID().uuidString.prefix(8)).model").path
        defer { try? FileManager.default.removeItem(atPath: copy) }
        try NERModel.load(from: shipped).save(to: copy)
        #expect(FileManager.default.contents(atPath: copy) == FileManager.default.contents(atPath: shipped))
    }

    @Test func aFileThatIsNotAModelIsRefused() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("not-a-model-\(UUID().uuidString.prefix(8))").path
        try Data("hello".utf8).write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        #expect(throws: NERModel.Failure.self) { try NERModel.load(from: path) }
    }

    /// ASCII words are shaped byte by byte, others by Character: both give the same shapes.
    @Test func wordShapes() {
        for (word, shape) in [("Xinhua", "Xx"), ("IBM", "X"), ("1996-08-22", "d-d-d"), ("U.S.", "X.X."), ("McDonald's", "XxXx'x"),
                              ("Zhōngguó", "Xx"), ("ÉCOLE", "X"), ("北京", "北d"), ("3½", "d")] {
            #expect(FeatureExtractor.shape(word) == shape, "\(word)")
        }
    }

    /// A thread's table of word types starts over between documents when full; a document
    /// larger than the whole table is still read with every word's own entry.
    @Test func aFullWordTypeTableStartsOverBetweenDocumentsWithoutChangingTags() throws {
        let model = try NERModel.load(from: EntityExtractor.bundledModelPath)
        let roomy = EntityTagger(model: model), tiny = EntityTagger(model: model, wordTypes: 5)
        let documents = [
            [["Zhang", "Zhong", "chairs", "China", "Northern", "Rare", "Earth", "Group", "in", "Baotou", "."],
             ["The", "Inner", "Mongolia", "plant", "opened", "in", "2016", "."]],
            [["Reuters", "reported", "that", "Lynas", "Corp", "will", "sell", "more", "to", "Japan", "."]],
            [["Zhang", "said", "prices", "rose", "."]],
        ]
        for document in documents + documents {
            #expect(tiny.tag(document: document) == roomy.tag(document: document), "\(document)")
        }
    }
}
