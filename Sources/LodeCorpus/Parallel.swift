import Foundation

/// Work spread over every core, the ways Lode needs it: from async code, a map whose items
/// any free thread takes; from sync code holding per-core state, each core given a worker
/// number (and a slice to change in place, or a share of the work it picks by that number).
public enum Parallel {
    public static var cores: Int { ProcessInfo.processInfo.activeProcessorCount }

    /// `transform` applied to every item on every core, keeping their order. Items go out in
    /// small chunks taken by whichever thread is free, so a thread busy elsewhere (committing
    /// the batch before) holds back only its own chunk.
    public static func map<Item: Sendable, Result: Sendable>(_ items: [Item], chunkSize: Int = 8,
                                                             _ transform: @escaping @Sendable (Item) -> Result) async -> [Result] {
        guard items.count > chunkSize else { return items.map(transform) }
        return await withTaskGroup(of: (Int, [Result]).self) { group in
            for start in stride(from: 0, to: items.count, by: chunkSize) {
                let chunk = items[start..<min(start + chunkSize, items.count)]
                group.addTask { (start, chunk.map(transform)) }
            }
            var parts: [(Int, [Result])] = []
            for await part in group { parts.append(part) }
            return parts.sorted { $0.0 < $1.0 }.flatMap(\.1)
        }
    }

    /// Calls `body` with each worker's number (below `cores`) and a consecutive slice of
    /// `items` to change in place, every worker at once; returns when all are done.
    public static func slices<Item>(of items: inout [Item], _ body: @Sendable (Int, inout ArraySlice<Item>) -> Void) {
        let workers = min(max(1, items.count / 16), cores)
        let size = (items.count + workers - 1) / max(workers, 1)
        var slices = (0..<workers).map { w in items[min(items.count, w * size)..<min(items.count, (w + 1) * size)] }
        items = []
        slices.withUnsafeMutableBufferPointer { pointer in
            nonisolated(unsafe) let s = pointer
            Self.workers(workers) { w in body(w, &s[w]) }
        }
        for slice in slices { items.append(contentsOf: slice) }
    }

    /// Calls `body` with every worker number below `count` (one per core by default), all at
    /// once; returns when all are done.
    public static func workers(_ count: Int = cores, _ body: @Sendable (Int) -> Void) {
        DispatchQueue.concurrentPerform(iterations: count, execute: body)
    }
}
