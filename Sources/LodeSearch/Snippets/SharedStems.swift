import Foundation
import LodeText
import Synchronization

/// Terms of words, remembered across requests: snippets stem every word of the documents
/// they show, mostly the same words over and over. Thread-safe.
final class SharedStems: Sendable {
    static let shared = SharedStems()
    private let analyzer = Analyzer()
    private let stems = Mutex<[String: String]>([:])
    /// Entries kept before the cache starts over.
    private static let capacity = 500_000

    func term(for token: Token) -> String {
        if let known = stems.withLock({ $0[token.text] }) { return known }
        let term = analyzer.term(for: token)
        stems.withLock { stems in
            if stems.count >= Self.capacity { stems.removeAll(keepingCapacity: true) }
            stems[token.text] = term
        }
        return term
    }
}
