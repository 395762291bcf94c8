import Foundation
import Logging
import NIOCore
import NIOPosix
import Synchronization

/// Serves an `RPCRouter`'s methods on a Unix socket.
///
/// `start()` binds, `drain(grace:)` stops accepting, lets calls in flight finish for up to
/// `grace`, then closes every connection and removes the socket file.
public final class RPCServer: Sendable {
    /// Why a server could not start.
    public enum StartError: Error, CustomStringConvertible {
        case alreadyServing(String)
        case notASocket(String)
        case cannotPrepare(String, String)

        public var description: String {
            switch self {
            case .alreadyServing(let p): "another server is already listening on \(p); stop it, or pass --socket to use another path"
            case .notASocket(let p): "\(p) exists and is not a socket; remove it or choose another path"
            case .cannotPrepare(let p, let why): "cannot prepare \(p): \(why)"
            }
        }
    }

    public let config: ServerConfiguration
    public let router: RPCRouter
    public let stats: ServerStats
    private let group: MultiThreadedEventLoopGroup
    private let serverChannel = Mutex<(any Channel)?>(nil)
    private let connections = Mutex<[ObjectIdentifier: any Channel]>([:])

    public init(config: ServerConfiguration, router: RPCRouter, stats: ServerStats = ServerStats(), threads: Int = System.coreCount) {
        self.stats = stats
        self.config = config
        self.router = router
        self.group = MultiThreadedEventLoopGroup(numberOfThreads: threads)
    }

    /// Binds the socket (mode 0600, in a folder made 0700 if it is new), replacing a stale
    /// socket file that nobody listens on.
    public func start() async throws {
        let path = config.socketPath
        try Self.prepare(path)
        let router = self.router, config = self.config, stats = self.stats
        let channel = try await ServerBootstrap(group: group)
            .serverChannelOption(.backlog, value: 256)
            .childChannelInitializer { [self] channel in
                connections.withLock { $0[ObjectIdentifier(channel)] = channel }
                channel.closeFuture.whenComplete { _ in
                    _ = self.connections.withLock { $0.removeValue(forKey: ObjectIdentifier(channel)) }
                }
                return channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandlers([
                        ByteToMessageHandler(FrameDecoder(maxFrameBytes: config.maxFrameBytes)),
                        ServerConnectionHandler(router: router, config: config, stats: stats),
                    ])
                }
            }
            .bind(unixDomainSocketPath: path)
            .get()
        chmod(path, 0o600)
        serverChannel.withLock { $0 = channel }
        config.logger.info("listening on \(path)")
    }

    /// Stops accepting, tells every connection to take no new calls, waits up to `grace`
    /// for calls in flight, then closes what is left and removes the socket file.
    public func drain(grace: Duration) async {
        if let channel = serverChannel.withLock({ $0 }) {
            try? await channel.close()
        }
        let open = connections.withLock { Array($0.values) }
        for c in open { c.pipeline.fireUserInboundEventTriggered(DrainConnectionEvent()) }
        let deadline = ContinuousClock.now + grace
        while ContinuousClock.now < deadline, !connections.withLock({ $0.isEmpty }) {
            try? await Task.sleep(for: .milliseconds(20))
        }
        let left = connections.withLock { Array($0.values) }
        if !left.isEmpty { config.logger.warning("grace period over: closing \(left.count) connections with calls in flight") }
        for c in left {
            c.pipeline.fireUserInboundEventTriggered(CloseConnectionEvent())
            try? await c.closeFuture.get()
        }
        unlink(config.socketPath)
        try? await group.shutdownGracefully()
        config.logger.info("stopped")
    }

    /// Makes the socket's folder if needed and clears a stale socket file.
    private static func prepare(_ path: String) throws {
        // Through URL: a bare name ("lode.sock") is in the current folder (NSString's
        // deletingLastPathComponent traps on one-character names).
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
        if !FileManager.default.fileExists(atPath: folder) {
            do {
                try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true,
                                                        attributes: [.posixPermissions: 0o700])
            } catch {
                throw StartError.cannotPrepare(folder, "\(error.localizedDescription)")
            }
        }
        var info = stat()
        guard lstat(path, &info) == 0 else { return }
        guard info.st_mode & S_IFMT == S_IFSOCK else { throw StartError.notASocket(path) }
        if SocketProbe.isListening(path) { throw StartError.alreadyServing(path) }
        unlink(path)
    }
}

/// Asks whether anyone listens on a Unix socket path, with a plain connect.
enum SocketProbe {
    static func isListening(_ path: String) -> Bool {
        let fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let bytes = Array(path.utf8.prefix(MemoryLayout.size(ofValue: address.sun_path) - 1))
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            raw.copyBytes(from: bytes)
        }
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
            }
        }
        return result == 0
    }
}
