import CStemmer
import Foundation
import Synchronization

/// A Snowball stemmer (libstemmer): "alliances" and "alliance" both become "allianc".
/// libstemmer's stemmers are not thread-safe; this one serialises its calls with a lock.
public final class Stemmer: Sendable {
    private let stemmer: Mutex<OpaquePointer>

    /// The stemmer for `language` ("english", "german", ...), or nil if Snowball has none.
    public init?(language: String = "english") {
        guard let s = sb_stemmer_new(language, "UTF_8") else { return nil }
        stemmer = Mutex(s)
    }

    deinit { stemmer.withLock { sb_stemmer_delete($0) } }

    /// The stem of a lower-case word.
    public func stem(_ word: String) -> String {
        let bytes = Array(word.utf8)
        return stemmer.withLock { stemmer in
            bytes.withUnsafeBufferPointer { utf8 in
                guard let base = utf8.baseAddress, let out = sb_stemmer_stem(stemmer, base, Int32(utf8.count)) else { return word }
                return String(decoding: UnsafeBufferPointer(start: out, count: Int(sb_stemmer_length(stemmer))), as: UTF8.self)
            }
        }
    }
}
