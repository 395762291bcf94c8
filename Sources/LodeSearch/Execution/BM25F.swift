import Foundation

/// BM25F: a term's frequencies in each field, weighted and normalised by the field's length
/// against its average, are summed into one pseudo-frequency, then saturated once:
///
///     tf~   = Σ_f weight_f · tf_f / (1 − b_f + b_f · length_f / average_f)
///     score = idf · tf~ · (k1 + 1) / (k1 + tf~)
///     idf   = ln(1 + (N − df + 0.5) / (df + 0.5))
///
/// A headline word counts three body words; source names and captions count less.
public struct BM25F: Sendable {
    public var weights = FieldVector(3, 1, 0.5, 0.5)
    public var b = FieldVector(0.5, 0.75, 0, 0.6)
    public var k1: Float = 1.2

    public init() {}

    func idf(documentFrequency df: Int, documents n: Int) -> Float {
        Float(log(1 + (Double(n) - Double(df) + 0.5) / (Double(df) + 0.5)))
    }

    /// Per-field factors of a document with field `lengths` under `averages`: `tf~ = Σ (tf · factors)`.
    @inline(__always)
    func factors(lengths: FieldVector, averages: FieldVector) -> FieldVector {
        weights / (FieldVector(repeating: 1) - b + b * lengths / averages)
    }

    @inline(__always)
    func score(idf: Float, pseudoFrequency t: Float) -> Float {
        idf * t * (k1 + 1) / (k1 + t)
    }
}
