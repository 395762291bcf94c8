import Foundation
import LodeText

/// A document broken into what the index stores: each term with its positions, field
/// lengths, and the words it uses (for completion and spelling suggestions). Terms and
/// words are numbered by the ``DocumentAnalyzer`` that made it.
struct AnalyzedDocument: Sendable {
    var document: SearchDocument
    /// Which analyzer numbered `terms` and `words`.
    var analyzer = 0
    /// The analyzer's numbers of the distinct terms, and for term `i` its positions
    /// `positions[ranges[i]]`, ascending.
    var terms: [Int32] = []
    var ranges: [Range<Int>] = []
    var positions: [UInt32] = []
    var lengths = FieldVector()
    /// The analyzer's numbers of the distinct spellings that are words (not numbers, two
    /// bytes or more).
    var words: [Int32] = []
    /// Filled in by ``IndexContents/resolve(_:analyzers:)``: the index's ids of `terms` and `words`.
    var termIDs: [Int] = []
    var sortedTermIDs: [Int] = []
    var wordIDs: [Int] = []
}

/// Analyzes documents on one thread, remembering every spelling it has seen: a spelling
/// seen before costs one hash of its bytes, no string, no stemming. It also remembers the
/// index's ids of its terms and words, so resolving a document against the index is array
/// lookups. Used by one thread at a time: one per worker, kept for the index's lifetime.
final class DocumentAnalyzer: @unchecked Sendable {
    /// Everything remembered, as a value: `analyze` works on it as a local variable, which
    /// spares an exclusivity check per access that a class's properties would cost.
    private var memory = Spellings()
    /// Positions left between paragraphs, so a phrase never spans two.
    static let paragraphGap: UInt32 = 2

    var terms: [String] { memory.terms }
    var spellings: [String] { memory.spellings }

    /// The index's ids of local terms and of spellings as words; -1 until resolved.
    func setTermID(_ id: Int, for term: Int) { memory.termIDs[term] = id }
    func setWordID(_ id: Int, for spelling: Int) { memory.wordIDs[spelling] = id }
    func termID(_ term: Int) -> Int { memory.termIDs[term] }
    func wordID(_ spelling: Int) -> Int { memory.wordIDs[spelling] }

    /// The local term of a spelling.
    func term(ofSpelling n: Int) -> Int { Int(memory.spellingTerms[n]) }

    func analyze(_ document: SearchDocument) -> AnalyzedDocument {
        var m = Spellings()
        swap(&m, &memory)
        defer { swap(&m, &memory) }
        return m.analyze(document)
    }
}

/// The spellings, terms and per-document scratch space of one ``DocumentAnalyzer``.
private struct Spellings {
    private let analyzer = Analyzer()
    /// Open addressing over spellings' bytes: spelling number + 1, 0 when empty.
    private var slots = [Int32](repeating: 0, count: 1 << 12)
    private var spellingBytes: [UInt8] = []
    private var spellingStarts: [Int] = [0]
    private var spellingHashes: [UInt32] = []
    /// Per spelling: its local term, whether it is a word, and its text.
    private(set) var spellingTerms: [Int32] = []
    private var spellingIsWord: [Bool] = []
    private(set) var spellings: [String] = []
    private var termNumbers: [String: Int32] = [:]
    private(set) var terms: [String] = []
    var termIDs: [Int] = []
    var wordIDs: [Int] = []
    /// Per document: each local term's place in its term list, and a stamp per spelling.
    private var placeOfTerm: [Int32] = []
    private var lastDocumentOfSpelling: [Int32] = []
    private var documentStamp: Int32 = 0
    /// Positions of the current document's terms, reused from document to document.
    private var scratch: [[UInt32]] = []

    mutating func analyze(_ document: SearchDocument) -> AnalyzedDocument {
        var result = AnalyzedDocument(document: document)
        documentStamp += 1
        let stamp = documentStamp
        var used = 0
        for (slot, texts) in document.fieldTexts.enumerated() {
            var offset: UInt32 = 0
            for text in texts {
                var position: UInt32 = 0
                Tokenizer.scan(text) { folded, _, _, isNumber in
                    let spelling = Int(number(of: folded, isNumber: isNumber))
                    let term = Int(spellingTerms[spelling])
                    var place = Int(placeOfTerm[term])
                    if place < 0 || place >= used || result.terms[place] != Int32(term) {
                        place = used
                        placeOfTerm[term] = Int32(place)
                        result.terms.append(Int32(term))
                        if used == scratch.count { scratch.append([]) } else { scratch[used].removeAll(keepingCapacity: true) }
                        used += 1
                    }
                    scratch[place].append(Position.make(field: slot, offset: offset + position))
                    if spellingIsWord[spelling], lastDocumentOfSpelling[spelling] != stamp {
                        lastDocumentOfSpelling[spelling] = stamp
                        result.words.append(Int32(spelling))
                    }
                    position += 1
                }
                offset += position + DocumentAnalyzer.paragraphGap
                result.lengths[slot] += Float(position)
            }
        }
        result.positions.reserveCapacity(scratch.prefix(used).reduce(0) { $0 + $1.count })
        for list in scratch.prefix(used) {
            let start = result.positions.count
            result.positions.append(contentsOf: list)
            result.ranges.append(start..<result.positions.count)
        }
        return result
    }

    /// The number of a spelling, given to it on first sight along with its term.
    private mutating func number(of folded: UnsafeBufferPointer<UInt8>, isNumber: Bool) -> Int32 {
        var hash: UInt32 = 2_166_136_261
        for b in folded { hash = (hash ^ UInt32(b)) &* 16_777_619 }
        let mask = slots.count - 1
        var i = Int(hash) & mask
        while slots[i] != 0 {
            let n = Int(slots[i] - 1)
            if spellingHashes[n] == hash, spellingStarts[n + 1] - spellingStarts[n] == folded.count,
               spellingBytes.withUnsafeBufferPointer({ memcmp($0.baseAddress! + spellingStarts[n], folded.baseAddress!, folded.count) == 0 }) {
                return Int32(n)
            }
            i = (i + 1) & mask
        }
        let n = spellings.count
        let text = String(decoding: folded, as: UTF8.self)
        let term = analyzer.term(for: Token(text: text, start: 0, end: 0, position: 0, isNumber: isNumber))
        let local: Int32
        if let known = termNumbers[term] {
            local = known
        } else {
            local = Int32(terms.count)
            termNumbers[term] = local
            terms.append(term)
            termIDs.append(-1)
            placeOfTerm.append(-1)
        }
        spellings.append(text)
        spellingBytes.append(contentsOf: folded)
        spellingStarts.append(spellingBytes.count)
        spellingHashes.append(hash)
        spellingTerms.append(local)
        spellingIsWord.append(!isNumber && folded.count > 1)
        lastDocumentOfSpelling.append(0)
        wordIDs.append(-1)
        slots[i] = Int32(n + 1)
        if spellings.count * 2 > slots.count { rehash() }
        return Int32(n)
    }

    private mutating func rehash() {
        slots = [Int32](repeating: 0, count: slots.count * 2)
        let mask = slots.count - 1
        for (n, hash) in spellingHashes.enumerated() {
            var i = Int(hash) & mask
            while slots[i] != 0 { i = (i + 1) & mask }
            slots[i] = Int32(n + 1)
        }
    }
}
