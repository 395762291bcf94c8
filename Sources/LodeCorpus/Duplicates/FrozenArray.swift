import Foundation

/// An array written once and then only read: in memory, or spilled to a file in a folder and
/// read back through `mmap`, so that its pages belong to the kernel's page cache (read in on
/// use, dropped under memory pressure) instead of the process's heap. The file is unlinked as
/// soon as it is opened: nothing is left on disk once the last copy of the array goes, even
/// after a crash.
struct FrozenArray<Element: BitwiseCopyable & Sendable>: Sendable {
    private let memory: [Element]
    private let mapped: FileMapping?
    let count: Int

    init() {
        memory = []
        mapped = nil
        count = 0
    }

    /// The elements `fill` gives, a run at a time to its argument: spilled to a file in `folder`
    /// when one is given and the file can be written, else held in memory (`fill` is then
    /// called again).
    init(spillingTo folder: String?, _ fill: ((UnsafeBufferPointer<Element>) -> Void) -> Void) {
        if let folder, let mapping = Self.spill(to: folder, fill) {
            memory = []
            mapped = mapping
            count = mapping.bytes.count / MemoryLayout<Element>.stride
            return
        }
        var elements: [Element] = []
        fill { elements.append(contentsOf: $0) }
        memory = elements
        mapped = nil
        count = elements.count
    }

    /// Whether the elements are in a mapped file rather than the heap.
    var isSpilled: Bool { mapped != nil }

    func withUnsafeBufferPointer<R>(_ body: (UnsafeBufferPointer<Element>) throws -> R) rethrows -> R {
        guard let mapped else { return try memory.withUnsafeBufferPointer(body) }
        return try body(mapped.bytes.assumingMemoryBound(to: Element.self))
    }

    /// The elements `fill` gives written to an unlinked file in `folder` and mapped; nil when
    /// there are none, or the file cannot be made, written or mapped (the disk full, the folder gone).
    private static func spill(to folder: String, _ fill: ((UnsafeBufferPointer<Element>) -> Void) -> Void) -> FileMapping? {
        var template = Array((folder + "/.lode-spill-XXXXXX").utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        unlink(template.withUnsafeBufferPointer { String(validatingCString: $0.baseAddress!) ?? "" })
        var written = 0, failed = false
        fill { run in
            let bytes = UnsafeRawBufferPointer(run)
            var at = 0
            while !failed, at < bytes.count {
                let n = pwrite(fd, bytes.baseAddress! + at, bytes.count - at, off_t(written))
                if n > 0 {
                    at += n
                    written += n
                } else if n < 0 && errno == EINTR {
                    continue
                } else {
                    failed = true
                }
            }
        }
        guard !failed else { return nil }
        return try? FileMapping(descriptor: fd, count: written, shared: true)
    }
}
