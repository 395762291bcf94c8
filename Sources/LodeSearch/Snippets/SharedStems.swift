import Foundation
import LodeText

/// Terms of words, remembered across requests: snippets stem every word of the documents
/// they show, mostly the same words over and over. Thread-safe.
final class SharedStems: @unchecked Sendable {
    static let shared = SharedStems()
    private let analyzer = Analyzer()
    private let lock = NSLock()
    private var stems: [String: String] = [:]
    /// Entries kept before the cache starts over.
    private static let capacity = 500_000

    func term(for token: Token) -> String {
        if let known = lock.withLock({ stems[token.text] }) { return known }
        let term = analyzer.term(for: token)
        lock.withLock {
            if stems.count >= Self.capacity { stems.removeAll(keepingCapacity: true) }
            stems[token.text] = term
        }
        return term
    }
}
