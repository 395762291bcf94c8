import CStemmer
import Foundation

/// A Snowball stemmer (libstemmer): "alliances" and "alliance" both become "allianc".
/// libstemmer's stemmers are not thread-safe; this one serialises its calls with a lock.
public final class Stemmer: @unchecked Sendable {
    private let stemmer: OpaquePointer
    private let lock = NSLock()

    /// The stemmer for `language` ("english", "german", ...), or nil if Snowball has none.
    public init?(language: String = "english") {
        guard let s = sb_stemmer_new(language, "UTF_8") else { return nil }
        stemmer = s
    }

    deinit { sb_stemmer_delete(stemmer) }

    /// The stem of a lower-case word.
    public func stem(_ word: String) -> String {
        let bytes = Array(word.utf8)
        return lock.withLock {
            bytes.withUnsafeBufferPointer { utf8 in
                guard let base = utf8.baseAddress, let out = sb_stemmer_stem(stemmer, base, Int32(utf8.count)) else { return word }
                return String(decoding: UnsafeBufferPointer(start: out, count: Int(sb_stemmer_length(stemmer))), as: UTF8.self)
            }
        }
    }
}
