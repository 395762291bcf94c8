/// How `lode` prints results.
public enum OutputFormat: String, CaseIterable, Sendable {
    /// Aligned columns for people.
    case table
    /// One JSON document per result (JSON Lines for streams).
    case json
    /// A header line, then tab-separated rows, for `cut` and `awk`.
    case tsv
}
