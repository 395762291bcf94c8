/// The best `k` documents seen so far by (key, version), higher better: a bounded min-heap.
struct TopHits {
    struct Entry {
        var key: Double
        var version: Int64
        var doc: UInt32
        var score: Float

        func beats(_ o: Entry) -> Bool { key != o.key ? key > o.key : version > o.version }
    }

    let k: Int
    private(set) var heap: [Entry] = []

    init(k: Int) {
        self.k = k
        heap.reserveCapacity(min(k, 1024))
    }

    var isFull: Bool { heap.count >= k }
    /// The entry a newcomer must beat once full.
    var weakest: Entry? { heap.first }

    /// Whether no entry whose key is at most `key` can enter: the top is full and its weakest
    /// key is higher.
    func shutsOut(_ key: Double) -> Bool {
        guard isFull, let weakest = heap.first else { return false }
        return key < weakest.key
    }

    mutating func offer(_ e: Entry) {
        guard k > 0 else { return }
        if heap.count < k {
            heap.append(e)
            var i = heap.count - 1
            while i > 0 {
                let parent = (i - 1) / 2
                guard heap[parent].beats(heap[i]) else { break }
                heap.swapAt(parent, i)
                i = parent
            }
        } else if e.beats(heap[0]) {
            heap[0] = e
            var i = 0
            while true {
                let l = 2 * i + 1, r = l + 1
                var smallest = i
                if l < heap.count, heap[smallest].beats(heap[l]) { smallest = l }
                if r < heap.count, heap[smallest].beats(heap[r]) { smallest = r }
                guard smallest != i else { break }
                heap.swapAt(i, smallest)
                i = smallest
            }
        }
    }

    /// Best first.
    var ranked: [Entry] { heap.sorted { $0.beats($1) } }
}
