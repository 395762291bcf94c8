import Foundation

extension String {
    /// The text trimmed of white space and line breaks, or nil when nothing is left.
    var nonEmpty: String? {
        // Most texts start and end with a visible ASCII character: nothing to trim.
        if let first = utf8.first, let last = utf8.last, first > 0x20, first < 0x7F, last > 0x20, last < 0x7F { return self }
        let trimmed = trimmingCharacters(in: .whitespacesAndNewlines)
        return trimmed.isEmpty ? nil : trimmed
    }
}

extension Optional where Wrapped == String {
    /// The string trimmed, unless it is nil or blank.
    var nonEmpty: String? { self?.nonEmpty }
}
