import Foundation
import LodeAPI
import LodeRPC
import Testing

/// LodeAPI's Swift is generated from Protos/ and must say what they say.
@Suite struct GeneratedAPITests {
    private let root = URL(filePath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    @Test func theCheckedInSwiftIsWhatTheProtosGenerate() throws {
        let out = FileManager.default.temporaryDirectory.appending(path: "lode-api-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: out) }
        let protos = root.appending(path: "Protos")
        let files = try FileManager.default.subpathsOfDirectory(atPath: protos.path).filter { $0.hasSuffix(".proto") }.sorted()
        let python = Process()
        python.executableURL = URL(filePath: "/usr/bin/env")
        python.arguments = ["python3", root.appending(path: "Scripts/gen_swift_api.py").path, protos.path, out.path] + files
        try python.run()
        python.waitUntilExit()
        #expect(python.terminationStatus == 0)
        let checkedIn = root.appending(path: "Sources/LodeAPI/Generated")
        let names = try FileManager.default.contentsOfDirectory(atPath: checkedIn.path).sorted()
        #expect(try FileManager.default.contentsOfDirectory(atPath: out.path).sorted() == names)
        for name in names {
            #expect(try Data(contentsOf: out.appending(path: name)) == Data(contentsOf: checkedIn.appending(path: name)),
                    "\(name) differs from what Scripts/gen-protos writes: run it")
        }
    }

    @Test func methodsCarryTheirTypesAndShape() {
        #expect(Search.search.path == "/lode.search.v1.Search/Search")
        #expect(Corpus.ingest.descriptor == MethodDescriptor(service: "lode.corpus.v1.Corpus", name: "Ingest", kind: .bidirectionalStreaming,
                                                             inputType: "lode.corpus.v1.RawDocument", outputType: "lode.corpus.v1.IngestResult"))
        #expect(Health.methods.map(\.name) == ["Check", "Watch"])
        #expect(Health.HealthCheckResponse.ServingStatus.notServing.description == "NOT_SERVING")
        #expect(Health.HealthCheckResponse.ServingStatus(rawValue: 9).description == "9")
    }
}
