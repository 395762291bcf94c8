import Foundation

/// A file as `stat` sees it: device, inode, size and modification time. Two equal identities
/// mean nothing wrote the file between the two looks, as far as the file system tells;
/// modification times come from a coarse clock, so only a file last written a second ago or
/// more (``settled``) is sure to show a later write.
public struct FileIdentity: Equatable, Sendable, CustomStringConvertible {
    public let size: Int
    public let description: String
    /// Whether the file was last written a second ago or more.
    public let settled: Bool

    /// The identity of the file at `path`; nil when there is none.
    public init?(path: String) {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        size = Int(info.st_size)
        description = "\(info.st_dev) \(info.st_ino) \(info.st_size) \(info.st_mtim.tv_sec).\(info.st_mtim.tv_nsec)"
        settled = time(nil) - info.st_mtim.tv_sec >= 1
    }
}
