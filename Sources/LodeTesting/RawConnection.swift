import Foundation
import LodeAPI
import LodeRPC
import LodeWire

/// A bare Unix-socket connection for sending arbitrary bytes, valid or not, and reading
/// the server's frames: what the bad-input tests need and the client library never sends.
/// Unchecked Sendable: a test uses one from one task at a time (blocking calls, no sharing).
public final class RawConnection: @unchecked Sendable {
    private var fd: Int32

    public init(path: String) throws {
        fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &address.sun_path) { $0.copyBytes(from: Array(path.utf8)) }
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
        guard result == 0 else { throw RPCError(.unavailable, "connect \(path): errno \(errno)") }
        var timeout = timeval(tv_sec: 10, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
    }

    deinit { close() }

    /// Closes once; later calls do nothing, so a reused descriptor number is never closed by mistake.
    public func close() {
        guard fd >= 0 else { return }
        Glibc.close(fd)
        fd = -1
    }

    public func send(_ bytes: [UInt8]) {
        var sent = 0
        while sent < bytes.count {
            let n = bytes[sent...].withUnsafeBytes { Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            if n <= 0 { return }
            sent += n
        }
    }

    /// Sends `frame` with its length prefix.
    public func send(_ frame: ClientFrame) throws {
        let body = try frame.wireBytes()
        send(Self.prefix(body.count) + body)
    }

    /// Sends the hello a v1 client opens with, and reads the server's.
    @discardableResult
    public func handshake(version: UInt32 = Hello.currentVersion) throws -> ServerFrame? {
        try send(ClientFrame(callId: 0, hello: Hello(protocolVersion: version, agent: "raw-test", maxFrameBytes: 1 << 22)))
        return try readFrame()
    }

    /// A v1 client's hello, length prefix and all.
    public static let hello: [UInt8] = {
        let frame = try! ClientFrame(callId: 0, hello: Hello(protocolVersion: Hello.currentVersion, agent: "raw-test",
                                                             maxFrameBytes: 1 << 20)).wireBytes()
        return prefix(frame.count) + frame
    }()

    /// What a shell script's `lode` command sends: a hello, then Health/Check as call 1, half-closed.
    public static let helloAndHealthCheck: [UInt8] = {
        let check = try! ClientFrame(callId: 1, start: CallStart(method: Health.check.path),
                                     message: Health.HealthCheckRequest().wireBytes(), halfClose: true).wireBytes()
        return hello + prefix(check.count) + check
    }()

    /// Opens `count` connections one after another, each sending `bytes` and reading until `done`
    /// says the server answered what they asked for (or it closed), then closing.
    public static func cycle(_ count: Int, path: String, sending bytes: [UInt8] = helloAndHealthCheck,
                             until done: (ServerFrame) -> Bool = { $0.callId == 1 && $0.status != nil }) throws {
        for _ in 0..<count {
            let raw = try RawConnection(path: path)
            raw.send(bytes)
            while let frame = try raw.readFrame(), !done(frame) {}
            raw.close()
        }
    }

    public static func prefix(_ length: Int) -> [UInt8] {
        withUnsafeBytes(of: UInt32(length).bigEndian) { Array($0) }
    }

    private func read(_ count: Int) -> [UInt8]? {
        var out = [UInt8](repeating: 0, count: count)
        var got = 0
        while got < count {
            let n = out[got...].withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if n <= 0 { return nil }
            got += n
        }
        return out
    }

    /// The next frame, or nil when the server closed the connection (or 10 s passed).
    public func readFrame() throws -> ServerFrame? {
        guard let header = read(4) else { return nil }
        let length = header.reduce(0) { $0 << 8 | Int($1) }
        guard let body = read(length) else { return nil }
        return try ServerFrame(wire: body)
    }

    /// Bytes the server sent that this side has not read yet (FIONREAD).
    public func bytesWaiting() -> Int {
        var count: Int32 = 0
        return ioctl(fd, UInt(FIONREAD), &count) == 0 ? Int(count) : 0
    }

    /// True once the server has closed its end: a read returns end of file.
    public func isClosedByServer() -> Bool {
        var byte: UInt8 = 0
        return recv(fd, &byte, 1, 0) == 0
    }
}
