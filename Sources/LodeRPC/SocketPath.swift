import Foundation

/// Where `loded` listens and `lode` connects when no path is given.
public enum SocketPath {
    /// `$LODE_SOCKET`, else `$XDG_RUNTIME_DIR/lode/lode.sock`, else
    /// `<temp dir>/lode-<uid>/lode.sock`.
    public static func defaultPath(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        if let explicit = environment["LODE_SOCKET"], !explicit.isEmpty { return explicit }
        if let runtime = environment["XDG_RUNTIME_DIR"], !runtime.isEmpty { return runtime + "/lode/lode.sock" }
        let temp = environment["TMPDIR"].flatMap { $0.isEmpty ? nil : $0 } ?? "/tmp"
        return "\(temp)/lode-\(getuid())/lode.sock"
    }
}
