import NIOCore
#if canImport(Glibc)
import Glibc
#endif

/// Who is on the other end of a Unix socket, as the kernel vouches (SO_PEERCRED).
public struct PeerCredentials: Sendable, Equatable {
    public var pid: Int32
    public var uid: UInt32
    public var gid: UInt32

    public init(pid: Int32, uid: UInt32, gid: UInt32) {
        self.pid = pid
        self.uid = uid
        self.gid = gid
    }

    /// Reads the peer of a connected Unix socket channel.
    static func of(_ channel: any Channel) -> EventLoopFuture<PeerCredentials> {
        guard let provider = channel as? any SocketOptionProvider else {
            return channel.eventLoop.makeFailedFuture(RPCError(.internal, "channel has no socket options"))
        }
        // Linux's `struct ucred`: pid_t, uid_t, gid_t.
        let future: EventLoopFuture<PeerCredentials> = provider.unsafeGetSocketOption(
            level: SocketOptionLevel(SOL_SOCKET), name: SocketOptionName(SO_PEERCRED))
        return future
    }
}

/// Which peers a server lets in: its own user, plus any uid or gid named.
public struct PeerPolicy: Sendable {
    public var allowedUIDs: Set<UInt32>
    public var allowedGIDs: Set<UInt32>

    /// Only the server's own user.
    public static var ownerOnly: PeerPolicy { PeerPolicy(allowedUIDs: [getuid()], allowedGIDs: []) }

    public init(allowedUIDs: Set<UInt32>, allowedGIDs: Set<UInt32>) {
        self.allowedUIDs = allowedUIDs
        self.allowedGIDs = allowedGIDs
    }

    public func admits(_ peer: PeerCredentials) -> Bool {
        allowedUIDs.contains(peer.uid) || allowedGIDs.contains(peer.gid)
    }
}
