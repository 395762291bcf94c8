import LodeWire

/// What a command produced, in a form every output format can print.
public struct CommandOutput {
    public var columns: [String]
    public var rows: [[String]]
    /// The same result as JSON, for `--format json`.
    public var json: JSONValue
    /// How a person reads it on a terminal, where a table would not fit; else the table.
    public var text: String?

    public init(columns: [String], rows: [[String]], json: JSONValue, text: String? = nil) {
        self.columns = columns
        self.rows = rows
        self.json = json
        self.text = text
    }

    /// Renders for `format`; `color` adds ANSI bold to table headers.
    public func rendered(as format: OutputFormat, color: Bool) -> String {
        switch format {
        case .json:
            return json.text() + "\n"
        case .tsv:
            let clean = { (s: String) in s.replacingOccurrences(of: "\t", with: " ").replacingOccurrences(of: "\n", with: " ") }
            return ([columns] + rows).map { $0.map(clean).joined(separator: "\t") + "\n" }.joined()
        case .table:
            if let text { return text }
            guard !rows.isEmpty else { return "(none)\n" }
            var widths = columns.map(\.count)
            for row in rows { for (i, cell) in row.enumerated() where i < widths.count { widths[i] = max(widths[i], cell.count) } }
            func line(_ cells: [String]) -> String {
                cells.enumerated().map { i, c in
                    i == cells.count - 1 ? c : c + String(repeating: " ", count: widths[i] - c.count)
                }.joined(separator: "  ")
            }
            let header = line(columns)
            return (color ? "\u{1B}[1m\(header)\u{1B}[0m" : header) + "\n" + rows.map { line($0) + "\n" }.joined()
        }
    }
}

extension WireMessage {
    /// This message in proto3's canonical JSON form.
    var json: JSONValue {
        (try? MessageJSON.json(fromWire: wireBytes(), as: Self.schema)) ?? .null
    }
}
