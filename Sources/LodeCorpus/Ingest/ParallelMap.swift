/// `transform` applied to every item on every core, keeping their order. Items go out in
/// small chunks taken by whichever thread is free, so a thread busy elsewhere (committing the
/// batch before) holds back only its own chunk.
public func parallelMap<Item: Sendable, Result: Sendable>(_ items: [Item], chunkSize: Int = 8,
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
