import Foundation
import LodeCorpus

/// The index on disk: a folder of immutable segment files, a state file and the manifest
/// naming them (see ``Manifest``, ``SegmentFile``, ``IndexState``).
///
/// A flush writes the documents added since the last as a new segment and the state whole,
/// each synced, then replaces the manifest (written beside, synced, renamed over, the folder
/// synced): a crash at any point leaves the old manifest and the files it names, or the new.
/// Merges join the newest segments into one the same way. Files no manifest names are
/// leftovers of a flush or merge a crash cut short, deleted at the next load or write.
enum IndexFolder {
    /// The folder at `path`, made if missing; a file there (an index of an older format) is
    /// removed first.
    static func prepare(_ path: String) throws(SnapshotError) {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue {
            guard unlink(path) == 0 else { throw .io("\(path): \(String(cString: strerror(errno)))") }
        }
        do {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        } catch {
            throw .io("\(path): \(error.localizedDescription)")
        }
    }

    /// A number above every file's in the folder, for the next file written.
    static func nextNumber(_ folder: String) -> Int {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        let numbers = names.compactMap { name in
            name.split(separator: "-").last?.split(separator: ".").first.flatMap { Int($0) }
        }
        return (numbers.max() ?? 0) + 1
    }

    /// Writes `bytes` to `path` and syncs them.
    static func write(_ bytes: [UInt8], to path: String) throws(SnapshotError) {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        guard fd >= 0 else { throw .io("\(path): \(String(cString: strerror(errno)))") }
        var written = 0
        let ok = bytes.withUnsafeBytes { b -> Bool in
            while written < b.count {
                let n = Foundation.write(fd, b.baseAddress! + written, b.count - written)
                if n <= 0 { return false }
                written += n
            }
            return fsync(fd) == 0
        }
        let error = String(cString: strerror(errno))
        close(fd)
        guard ok else {
            unlink(path)
            throw .io("\(path): \(error)")
        }
    }

    /// Replaces the folder's manifest by `manifest`: after this returns, a crash leaves it.
    static func replaceManifest(_ manifest: Manifest, in folder: String) throws(SnapshotError) {
        let path = folder + "/" + Manifest.fileName
        try write(manifest.encode(), to: path + ".tmp")
        guard rename(path + ".tmp", path) == 0 else {
            let error = String(cString: strerror(errno))
            unlink(path + ".tmp")
            throw .io("\(path): \(error)")
        }
        let fd = open(folder, O_RDONLY | O_DIRECTORY)
        guard fd >= 0 else { throw .io("\(folder): \(String(cString: strerror(errno)))") }
        defer { close(fd) }
        guard fsync(fd) == 0 else { throw .io("\(folder): \(String(cString: strerror(errno)))") }
    }

    /// The folder's manifest.
    static func manifest(in folder: String) throws(SnapshotError) -> Manifest {
        let path = folder + "/" + Manifest.fileName
        guard FileManager.default.fileExists(atPath: path) else { throw .damaged("it has no manifest") }
        let mapping = try FileMapping(path: path)
        return try withExtendedLifetime(mapping) { () throws(SnapshotError) in try Manifest.decode(mapping.bytes) }
    }

    /// Deletes the files `manifest` does not name (but the record of verified segments).
    static func removeStrays(_ folder: String, keeping manifest: Manifest) {
        let kept = manifest.fileNames.union([VerifiedSegments.fileName])
        for name in (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [] where !kept.contains(name) {
            unlink(folder + "/" + name)
        }
    }

    /// Records the segments of `records` (what the index reads, each verified when it was
    /// mapped) whose files are still as they were then and a second old. Leaves the record
    /// alone when that is what it says.
    static func recordVerified(_ records: [SegmentRecord], in folder: String) {
        var after: [Int: String] = [:]
        for record in records {
            guard let now = FileIdentity(path: folder + "/" + Manifest.segmentName(record.number)),
                  now.settled, now.description == record.identity else { continue }
            after[record.number] = now.description
        }
        if after != VerifiedSegments.read(folder) { VerifiedSegments.write(after, to: folder) }
    }

    /// Bytes of the files in the folder.
    static func size(_ folder: String) -> Int {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).reduce(0) {
            $0 + ((try? FileManager.default.attributesOfItem(atPath: folder + "/" + $1)[.size] as? Int) ?? 0)
        }
    }
}

/// Which segments to merge: the newest `factor` when they are of about one size, their size
/// levels (a level is a factor of four in bytes, from 1 MB up) at most one apart. A large
/// segment is not rewritten to take in a few small ones; segments stay few (under `factor`
/// a level) and each byte is rewritten about once a level.
enum MergePolicy {
    static let factor = 4

    static func level(_ bytes: Int) -> Int {
        var level = 0
        var size = bytes >> 20
        while size >= 4 {
            size >>= 2
            level += 1
        }
        return level
    }

    /// The run of segments, by position, to merge next; nil for none.
    static func run(_ sizes: [Int]) -> Range<Int>? {
        guard sizes.count >= factor else { return nil }
        let run = (sizes.count - factor)..<sizes.count
        let levels = run.map { level(sizes[$0]) }
        return levels.max()! - levels.min()! <= 1 ? run : nil
    }
}

extension SearchIndex {
    /// Writes what `folder` lacks: the documents added since the last flush as a new segment
    /// (none when none came), and the state (which documents are live, the live counts).
    /// Returns the bytes written.
    @discardableResult
    public func flush(to folder: String) throws(SnapshotError) -> Int {
        try persisting.withLock { _ throws(SnapshotError) in
            try IndexFolder.prepare(folder)
            // Segments the folder no longer holds as the index read them (it was replaced or
            // removed meanwhile): everything is written afresh.
            let held = reading { $0.segments.map { Manifest.File(number: $0.number, bytes: $0.bytes) } }
            let everything = !held.isEmpty && (try? IndexFolder.manifest(in: folder))?.segments != held
            let (segment, state) = writing { $0.sealUnwritten(everything: everything) }
            let number = IndexFolder.nextNumber(folder)
            var manifest = Manifest(segments: everything ? [] : held, state: Manifest.File(number: number, bytes: 0))
            var adopted: (SegmentFile.Contents, SegmentRecord)?
            if let segment {
                let bytes = SegmentFile.encode(segment)
                let path = folder + "/" + Manifest.segmentName(number)
                try IndexFolder.write(bytes, to: path)
                // Read back before the manifest names it: what is served from it is what was meant.
                let mapping = try FileMapping(path: path)
                adopted = (try SegmentFile.decode(mapping, segment: number, sources: Int(UInt32.max)),
                           SegmentRecord(number: number, bytes: bytes.count, mapping: mapping, identity: FileIdentity(path: path)?.description))
                manifest.segments.append(Manifest.File(number: number, bytes: bytes.count))
            }
            let stateBytes = state.encode()
            try IndexFolder.write(stateBytes, to: folder + "/" + Manifest.stateName(number))
            manifest.state.bytes = stateBytes.count
            try IndexFolder.replaceManifest(manifest, in: folder)
            if let (contents, record) = adopted {
                writing { $0.adopt(contents, record: record, replacing: Set([PostingPart.unwritten] + (everything ? held.map(\.number) : []))) }
            }
            IndexFolder.removeStrays(folder, keeping: manifest)
            IndexFolder.recordVerified(reading { $0.segments }, in: folder)
            return (adopted?.1.bytes ?? 0) + stateBytes.count
        }
    }

    /// Joins the newest segments in `folder` into one when ``MergePolicy`` says so, dropping
    /// the postings of dead documents; returns how many it joined (0 for none). Searches go on
    /// meanwhile and see the same documents.
    @discardableResult
    public func mergeSegments(in folder: String) throws(SnapshotError) -> Int {
        try persisting.withLock { _ throws(SnapshotError) in
            let (records, live, lengths, ranking, averages) = reading { c in
                (c.segments, Array(c.documents.live.words.elements), Array(c.documents.lengths.elements), c.ranking, c.documents.averageLengths)
            }
            guard let run = MergePolicy.run(records.map(\.bytes)) else { return 0 }
            var manifest = try IndexFolder.manifest(in: folder)
            guard manifest.segments.map(\.number) == records.map(\.number) else {
                throw .damaged("its manifest names other segments than the index reads")
            }
            let parts = try run.map { (i) throws(SnapshotError) in
                try SegmentFile.decode(records[i].mapping, segment: records[i].number, sources: Int(UInt32.max))
            }
            var merged = SegmentFile.Contents.joining(parts)
            // A document that dies meanwhile keeps its postings until a later merge: skipped when read.
            merged.dropDead(isLive: { live[Int($0 >> 6)] & (1 << UInt64($0 & 63)) != 0 },
                            scoring: ({ lengths[Int($0)] }, { ranking.factors(lengths: $0, averages: averages) }, averages))
            let bytes = SegmentFile.encode(merged)
            let number = IndexFolder.nextNumber(folder)
            let path = folder + "/" + Manifest.segmentName(number)
            try IndexFolder.write(bytes, to: path)
            let mapping = try FileMapping(path: path)
            let joined = try SegmentFile.decode(mapping, segment: number, sources: Int(UInt32.max))
            manifest.segments.replaceSubrange(run, with: [Manifest.File(number: number, bytes: bytes.count)])
            try IndexFolder.replaceManifest(manifest, in: folder)
            writing {
                $0.adopt(joined, record: SegmentRecord(number: number, bytes: bytes.count, mapping: mapping,
                                                       identity: FileIdentity(path: path)?.description),
                         replacing: Set(run.map { records[$0].number }))
            }
            IndexFolder.removeStrays(folder, keeping: manifest)
            IndexFolder.recordVerified(reading { $0.segments }, in: folder)
            return run.count
        }
    }

    /// Loads the index in `folder`, mapping its segments; deletes files its manifest does not name.
    public static func load(from folder: String) throws(SnapshotError) -> SearchIndex {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory) else { throw .missing }
        guard isDirectory.boolValue else { throw .olderFormat }
        let manifest = try IndexFolder.manifest(in: folder)
        let stateMapping = try FileMapping(path: folder + "/" + Manifest.stateName(manifest.state.number))
        guard stateMapping.bytes.count == manifest.state.bytes else { throw .damaged("its state file is not the size its manifest says") }
        let state = try withExtendedLifetime(stateMapping) { () throws(SnapshotError) in try IndexState.decode(stateMapping.bytes) }
        var contents = IndexContents()
        contents.documents.sourceNames = state.sourceNames
        contents.documents.sourceByKey = Dictionary(state.sourceNames.enumerated().map { ($1.lowercased(), UInt32($0)) }) { a, _ in a }
        var words: [(word: String, term: Int)] = []
        let verified = VerifiedSegments.read(folder)
        for file in manifest.segments {
            let path = folder + "/" + Manifest.segmentName(file.number)
            let mapping = try FileMapping(path: path)
            guard mapping.bytes.count == file.bytes else { throw .damaged("segment \(file.number) is not the size its manifest says") }
            let identity = FileIdentity(path: path)
            let unchanged = identity.map { $0.settled && verified[file.number] == $0.description } ?? false
            let segment = try SegmentFile.decode(mapping, segment: file.number, sources: state.sourceNames.count, verifyingChecksum: !unchanged)
            try contents.append(segment, record: SegmentRecord(number: file.number, bytes: file.bytes, mapping: mapping, identity: identity?.description),
                                words: &words)
        }
        try contents.apply(state, words: words)
        IndexFolder.removeStrays(folder, keeping: manifest)
        IndexFolder.recordVerified(contents.segments, in: folder)
        return SearchIndex(contents: contents)
    }
}
