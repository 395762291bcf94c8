import Foundation

/// A fresh folder under the temp dir, removed when this goes away.
public final class TemporaryDirectory: Sendable {
    public let url: URL

    public init(prefix: String = "lode-test") {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("\(prefix)-\(UUID().uuidString.prefix(8))")
        try! FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    public func path(_ name: String) -> String { url.appendingPathComponent(name).path }

    deinit { try? FileManager.default.removeItem(at: url) }
}
