import Foundation
import LodeTesting

/// libFuzzer calls this with every input it tries (`Scripts/fuzz`).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    DecoderFuzzing.run(size == 0 ? [] : Array(UnsafeBufferPointer(start: data, count: size)))
    return 0
}

#if !FUZZING
/// Built without libFuzzer: `lode-fuzz --seeds DIR` writes the seed inputs into DIR, and
/// `lode-fuzz FILE|DIR...` replays inputs, such as a crash the fuzzer saved.
@main enum FuzzTool {
    static func main() throws {
        var arguments = CommandLine.arguments.dropFirst()
        guard !arguments.isEmpty, arguments.first != "--help", arguments.first != "-h" else {
            print("usage: lode-fuzz --seeds DIR | lode-fuzz FILE|DIR...")
            exit(arguments.isEmpty ? 2 : 0)
        }
        let files = FileManager.default
        if arguments.first == "--seeds", arguments.count == 2 {
            let folder = arguments.removeLast()
            try files.createDirectory(atPath: folder, withIntermediateDirectories: true)
            let seeds = try DecoderFuzzing.seeds()
            for (k, seed) in seeds.enumerated() {
                try Data(seed).write(to: URL(fileURLWithPath: folder).appendingPathComponent(String(format: "seed-%03d", k)))
            }
            print("wrote \(seeds.count) seeds to \(folder)")
            return
        }
        var replayed = 0
        for path in arguments {
            var isFolder: ObjCBool = false
            guard files.fileExists(atPath: path, isDirectory: &isFolder) else {
                FileHandle.standardError.write(Data("lode-fuzz: \(path) does not exist\n".utf8))
                exit(2)
            }
            let inputs = isFolder.boolValue ? try files.contentsOfDirectory(atPath: path).sorted().map { "\(path)/\($0)" } : [path]
            for input in inputs {
                DecoderFuzzing.run(Array(try Data(contentsOf: URL(fileURLWithPath: input))))
                replayed += 1
            }
        }
        print("replayed \(replayed) inputs, no defect")
    }
}
#endif
