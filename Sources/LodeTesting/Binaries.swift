import Foundation

/// The built `loded` and `lode` executables beside the running test bundle, or where
/// `LODE_BIN_DIR` says.
public enum Binaries {
    public static var directory: URL {
        if let dir = ProcessInfo.processInfo.environment["LODE_BIN_DIR"] { return URL(fileURLWithPath: dir) }
        var url = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        while url.path != "/" {
            url.deleteLastPathComponent()
            if FileManager.default.isExecutableFile(atPath: url.appendingPathComponent("loded").path) { return url }
        }
        preconditionFailure("no loded binary found above \(CommandLine.arguments[0]); run `swift build` first or set LODE_BIN_DIR")
    }

    public static var loded: URL { directory.appendingPathComponent("loded") }
    public static var lode: URL { directory.appendingPathComponent("lode") }
}
