import Synchronization

/// The catalogue's entities by kind and key, kept from one write transaction to the next so
/// that an ingest looks each entity up once rather than once a batch.
///
/// A write checks the entities out (the cache is left empty) and checks them back in once its
/// transaction has committed; any other write in between, or a failed one, leaves the cache
/// empty, so it never holds an id that a later transaction removed or a rolled-back one made.
final class EntityCache: Sendable {
    private struct State {
        var generation = 0
        var known = EntityTables.KnownEntities()
    }

    /// Past this many entities the cache starts again, to bound its memory.
    private static let capacity = 250_000
    private let state = Mutex(State())

    /// Takes the cached entities for a write transaction, with the ticket to return them by.
    func checkOut() -> (ticket: Int, known: EntityTables.KnownEntities) {
        state.withLock { s in
            s.generation += 1
            let known = s.known
            s.known = EntityTables.KnownEntities()
            return (s.generation, known)
        }
    }

    /// Keeps what a committed transaction knew, unless another write has begun since it checked out.
    func checkIn(_ known: consuming EntityTables.KnownEntities, ticket: Int) {
        let kept = known.count > Self.capacity ? EntityTables.KnownEntities() : known.keptAcrossWrites()
        state.withLock { s in
            if s.generation == ticket { s.known = kept }
        }
    }

    /// Forgets every entity: a write that removes documents may remove entities.
    func clear() {
        state.withLock { s in
            s.generation += 1
            s.known = EntityTables.KnownEntities()
        }
    }
}
