import LodeCorpus

extension DocumentStore {
    /// The catalogue entity `name` (as someone typed it: any spelling, case or alias) stands
    /// for, trying `kinds` in order.
    public func entity(named name: String, kinds: [String] = EntityNames.kinds) throws(StoreError) -> CatalogEntity? {
        try entity(keys: EntityNames.lookupKeys(for: name, kinds: kinds))
    }

    /// The ids of the documents holding the entity `name` stands for: the answer to search's
    /// `entity:`, `person:`, `org:` and `loc:` filters. None for a name the catalogue lacks.
    public func documentIDs(ofEntityNamed name: String, kind: String?) -> [String] {
        guard let entity = try? entity(named: name, kinds: kind.map { [$0] } ?? EntityNames.kinds) else { return [] }
        return (try? documentIDs(holding: [entity.id])) ?? []
    }
}
