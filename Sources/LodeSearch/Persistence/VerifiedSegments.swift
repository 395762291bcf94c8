import Foundation

/// The segments whose checksums were verified, by ``FileIdentity`` (device, inode, size and
/// modification time), kept in `verified` beside the manifest. A segment found so at load
/// was not written since it was verified, and its checksum (a read of the whole file, most of
/// a cold restart) is not computed again; its structure still is. Rewritten after every flush,
/// merge and load; an entry missing or unreadable means verifying that segment.
///
/// Modification times come from a coarse clock: a file is only recorded once its time is a
/// second old, so a write landing within one tick of the last keeps nobody from seeing it.
enum VerifiedSegments {
    static let fileName = "verified"

    /// Segment numbers and identities recorded in `folder`.
    static func read(_ folder: String) -> [Int: String] {
        guard let text = try? String(contentsOfFile: folder + "/" + fileName, encoding: .utf8) else { return [:] }
        var entries: [Int: String] = [:]
        for line in text.split(separator: "\n") {
            let fields = line.split(separator: " ", maxSplits: 1)
            if fields.count == 2, let number = Int(fields[0]) { entries[number] = String(fields[1]) }
        }
        return entries
    }

    /// Records `entries` (segment numbers and identities) in `folder`: written beside and renamed
    /// over, not synced (a file lost to a crash only means verifying again).
    static func write(_ entries: [Int: String], to folder: String) {
        let text = entries.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)\n" }.joined()
        let path = folder + "/" + fileName
        guard (try? text.write(toFile: path + ".tmp", atomically: false, encoding: .utf8)) != nil,
              rename(path + ".tmp", path) == 0 else {
            unlink(path + ".tmp")
            return
        }
    }
}
