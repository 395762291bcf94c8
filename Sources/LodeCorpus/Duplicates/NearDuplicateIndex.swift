/// Finds, among the texts it holds, the one a new text most likely copies, through
/// locality-sensitive hashing: each signature is cut into bands, and only documents sharing a
/// whole band with the new one are compared in full.
///
/// Reprints keep the words, rewrites keep the names and numbers in their order, and stories
/// from one template (earnings tables, rate changes) keep the words but not the names. So a
/// document is a copy when the share of the shorter text's five-word shingles found in the
/// other (containment) reaches `verbatimThreshold`; or reaches `threshold` while the share
/// of its name-and-number pairs found in the other reaches `sharedNamesThreshold`; or, with
/// at least `minimumNames` such pairs, that share alone reaches `namesThreshold` while at
/// least `rewordedThreshold` of the word shingles are shared too. Short texts (under
/// `minimumWords` shingles) are copies only verbatim. Candidates share a band of the words or
/// of the names (see ``CopySignature`` for how likely that is).
public struct NearDuplicateIndex<ID: Hashable & Sendable>: Sendable {
    /// Containment of words at or above which a text counts as a copy whatever its names.
    public let verbatimThreshold: Double
    /// Containment of words at or above which a text counts as a copy if its names agree.
    public let threshold: Double
    /// Containment of names and numbers that makes them agree.
    public let sharedNamesThreshold: Double
    /// Containment of names and numbers at or above which a text counts as a rewrite.
    public let namesThreshold: Double
    /// Containment of words a rewrite still needs: stories on one event written apart share
    /// names but hardly a run of five words.
    public let rewordedThreshold: Double
    /// Name pairs a text needs before its names alone can make it a copy.
    public let minimumNames: Int
    /// Five-word shingles both texts need before less than `verbatimThreshold` of them makes a copy.
    public let minimumWords: Int
    /// Documents by slot; a removed document's slot is reused.
    private var ids: [ID?] = []
    private var signatures: [CopySignature?] = []
    private var slots: [ID: Int32] = [:]
    private var freeSlots: [Int32] = []
    /// Slots by band key (the band's number mixed into its hash): one flat table, as this is
    /// what every commit updates.
    private var buckets: [UInt64: Bucket] = [:]

    /// The slots of one band key; most keys hold one, which needs no array.
    private enum Bucket {
        case one(Int32)
        case many([Int32])

        var slots: [Int32] {
            switch self {
            case .one(let slot): [slot]
            case .many(let slots): slots
            }
        }
    }

    public init(threshold: Double = 0.4, verbatimThreshold: Double = 0.8, sharedNamesThreshold: Double = 0.4,
                namesThreshold: Double = 0.6, rewordedThreshold: Double = 0.1, minimumNames: Int = CopySignature.bandedNames, minimumWords: Int = 40) {
        precondition([threshold, verbatimThreshold, sharedNamesThreshold, namesThreshold, rewordedThreshold].allSatisfy { (0...1).contains($0) })
        self.rewordedThreshold = rewordedThreshold
        self.threshold = threshold
        self.verbatimThreshold = max(threshold, verbatimThreshold)
        self.sharedNamesThreshold = sharedNamesThreshold
        self.namesThreshold = namesThreshold
        self.minimumNames = minimumNames
        self.minimumWords = minimumWords
    }

    public var count: Int { slots.count }

    /// The signature held for `id`, if any.
    public func signature(of id: ID) -> CopySignature? { slots[id].flatMap { signatures[Int($0)] } }

    /// The document the text copies most, by the larger of its two containments, if either
    /// reaches its threshold.
    public func bestMatch(for signature: CopySignature) -> (id: ID, similarity: Double)? {
        var best: (Int32, Double)?
        var seen = Set<Int32>()
        for key in signature.bands {
            for slot in buckets[key]?.slots ?? [] where seen.insert(slot).inserted {
                let held = signatures[Int(slot)]!
                let words = held.text.containment(with: signature.text)
                let names = held.names.containment(with: signature.names)
                let enoughNames = min(held.names.shingles, signature.names.shingles) >= minimumNames
                let enoughWords = min(held.text.shingles, signature.text.shingles) >= minimumWords
                guard words >= verbatimThreshold || (enoughWords && words >= threshold && names >= sharedNamesThreshold)
                    || (enoughNames && names >= namesThreshold && words >= rewordedThreshold) else { continue }
                let s = max(words, enoughNames ? names : 0)
                if s > best?.1 ?? -1 { best = (slot, s) }
            }
        }
        return best.map { (ids[Int($0.0)]!, $0.1) }
    }

    public mutating func insert(_ id: ID, _ signature: CopySignature) {
        remove(id)
        let slot: Int32
        if let free = freeSlots.popLast() {
            slot = free
            ids[Int(slot)] = id
            signatures[Int(slot)] = signature
        } else {
            slot = Int32(ids.count)
            ids.append(id)
            signatures.append(signature)
        }
        slots[id] = slot
        for key in signature.bands {
            switch buckets[key] {
            case nil: buckets[key] = .one(slot)
            case .one(let other)?: buckets[key] = .many([other, slot])
            case .many(var slots)?:
                buckets[key] = nil
                slots.append(slot)
                buckets[key] = .many(slots)
            }
        }
    }

    public mutating func remove(_ id: ID) {
        guard let slot = slots.removeValue(forKey: id), let old = signatures[Int(slot)] else { return }
        for key in old.bands {
            let rest = (buckets[key]?.slots ?? []).filter { $0 != slot }
            buckets[key] = rest.isEmpty ? nil : rest.count == 1 ? .one(rest[0]) : .many(rest)
        }
        ids[Int(slot)] = nil
        signatures[Int(slot)] = nil
        freeSlots.append(slot)
    }
}
