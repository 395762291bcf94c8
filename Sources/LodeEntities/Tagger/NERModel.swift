import Foundation

/// Trained weights: for each feature (by hash), a score per tag; and the names its
/// training data tagged. Saved as a small binary file: "LODENER1", the feature count, the
/// sorted hashes, the weights as Float16, the name count, then each name's type bits and text.
public struct NERModel: Sendable {
    private(set) var index: [UInt64: Int32]
    private(set) var weights: [Float]
    /// Lower-cased names with the bits of their types (``Gazetteer/learned(_:)``).
    let names: [String: UInt8]

    init(index: [UInt64: Int32], weights: [Float], names: [String: UInt8]) {
        self.index = index
        self.weights = weights
        self.names = names
    }

    public var featureCount: Int { index.count }

    /// Adds each feature's weights to `scores`, one per tag.
    @inline(__always)
    func add(_ features: [UInt64], to scores: inout [Float]) {
        weights.withUnsafeBufferPointer { w in
            for f in features {
                guard let row = index[f] else { continue }
                let base = Int(row) * EntityTag.count
                for t in 0..<EntityTag.count { scores[t] += w[base + t] }
            }
        }
    }

    static let magic = Array("LODENER1".utf8)

    public struct Failure: Error, CustomStringConvertible {
        public let description: String
    }

    public func save(to path: String) throws {
        let keys = index.keys.sorted()
        var bytes = Self.magic
        withUnsafeBytes(of: UInt64(keys.count).littleEndian) { bytes += $0 }
        for k in keys { withUnsafeBytes(of: k.littleEndian) { bytes += $0 } }
        for k in keys {
            let base = Int(index[k]!) * EntityTag.count
            for t in 0..<EntityTag.count { withUnsafeBytes(of: Float16(weights[base + t]).bitPattern.littleEndian) { bytes += $0 } }
        }
        withUnsafeBytes(of: UInt64(names.count).littleEndian) { bytes += $0 }
        for (name, bits) in names.sorted(by: { $0.key < $1.key }) {
            bytes.append(bits)
            withUnsafeBytes(of: UInt32(name.utf8.count).littleEndian) { bytes += $0 }
            bytes += Array(name.utf8)
        }
        guard FileManager.default.createFile(atPath: path, contents: Data(bytes)) else {
            throw Failure(description: "cannot write \(path)")
        }
    }

    public static func load(from path: String) throws -> NERModel {
        guard let data = FileManager.default.contents(atPath: path) else { throw Failure(description: "cannot read \(path)") }
        return try data.withUnsafeBytes { raw -> NERModel in
            guard raw.count >= 16, Array(raw.prefix(8)) == magic else { throw Failure(description: "\(path) is not a Lode NER model") }
            let count = Int(UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: 8, as: UInt64.self)))
            let namesAt = 16 + count * 8 + count * EntityTag.count * 2
            guard raw.count >= namesAt + 8 else {
                throw Failure(description: "\(path) is damaged: it is shorter than its feature count says")
            }
            var index: [UInt64: Int32] = [:]
            index.reserveCapacity(count)
            var weights = [Float](repeating: 0, count: count * EntityTag.count)
            for i in 0..<count {
                index[UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: 16 + i * 8, as: UInt64.self))] = Int32(i)
            }
            let start = 16 + count * 8
            for i in 0..<(count * EntityTag.count) {
                weights[i] = Float(Float16(bitPattern: UInt16(littleEndian: raw.loadUnaligned(fromByteOffset: start + i * 2, as: UInt16.self))))
            }
            var names: [String: UInt8] = [:]
            var at = namesAt + 8
            for _ in 0..<Int(UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: namesAt, as: UInt64.self))) {
                guard at + 5 <= raw.count else { throw Failure(description: "\(path) is damaged: its names are cut short") }
                let bits = raw[at]
                let length = Int(UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: at + 1, as: UInt32.self)))
                guard at + 5 + length <= raw.count else { throw Failure(description: "\(path) is damaged: its names are cut short") }
                names[String(decoding: UnsafeRawBufferPointer(rebasing: raw[(at + 5)..<(at + 5 + length)]), as: UTF8.self)] = bits
                at += 5 + length
            }
            return NERModel(index: index, weights: weights, names: names)
        }
    }
}
