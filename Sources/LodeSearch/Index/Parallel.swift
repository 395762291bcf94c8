import Foundation

/// Work split over every core.
enum Parallel {
    static var cores: Int { ProcessInfo.processInfo.activeProcessorCount }

    /// Calls `body` with each worker's number (below `cores`) and a slice of `items`,
    /// consecutive slices on every core at once; then `collect` with each result, in order.
    static func chunks<Item, Result>(of items: inout [Item], _ body: @Sendable (Int, inout ArraySlice<Item>) -> Result,
                                     collect: (Result) -> Void) {
        let workers = min(max(1, items.count / 16), cores)
        let size = (items.count + workers - 1) / max(workers, 1)
        var slices = (0..<workers).map { w in items[min(items.count, w * size)..<min(items.count, (w + 1) * size)] }
        items = []
        var results: [Result?] = Array(repeating: nil, count: workers)
        slices.withUnsafeMutableBufferPointer { slicePointer in
            results.withUnsafeMutableBufferPointer { resultPointer in
                nonisolated(unsafe) let s = slicePointer, r = resultPointer
                DispatchQueue.concurrentPerform(iterations: workers) { w in r[w] = body(w, &s[w]) }
            }
        }
        for slice in slices { items.append(contentsOf: slice) }
        for result in results { collect(result!) }
    }
}
