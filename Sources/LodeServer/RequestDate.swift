import LodeCorpus
import LodeRPC

/// A date in a request: empty for none, else YYYY-MM-DD (or any full date DateFinder reads);
/// anything else ends the call with INVALID_ARGUMENT naming the field.
enum RequestDate {
    static func parse(_ text: String, field: String) throws -> PublicationDate? {
        guard !text.isEmpty else { return nil }
        guard let d = DateFinder.firstDate(in: text)?.date else {
            throw RPCError(.invalidArgument, "\(field) \(text) is not a date; write it as YYYY-MM-DD")
        }
        return d
    }
}
