import Foundation

/// The floor for RPC latency: a blocking Unix-socket echo of length-prefixed frames between
/// two threads of this process, with no protocol at all.
enum RawPingPong {
    /// Round-trip times of `count` frames of `payloadSize` bytes, in microseconds.
    static func roundTrips(count: Int, payloadSize: Int) -> [Double] {
        var fds: [Int32] = [0, 0]
        precondition(socketpair(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0, &fds) == 0)
        let (client, server) = (fds[0], fds[1])
        let echo = Thread {
            var buffer = [UInt8](repeating: 0, count: 4 + payloadSize)
            while readFully(server, &buffer) { writeFully(server, buffer) }
        }
        echo.start()
        var frame = withUnsafeBytes(of: UInt32(payloadSize).bigEndian) { Array($0) } + [UInt8](repeating: 7, count: payloadSize)
        var times: [Double] = []
        times.reserveCapacity(count)
        for _ in 0..<count {
            let start = ContinuousClock.now
            writeFully(client, frame)
            _ = readFully(client, &frame)
            times.append(Double((ContinuousClock.now - start) / .nanoseconds(1)) / 1000)
        }
        close(client)
        close(server)
        return times
    }

    private static func readFully(_ fd: Int32, _ buffer: inout [UInt8]) -> Bool {
        var got = 0
        while got < buffer.count {
            let n = buffer[got...].withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if n <= 0 { return false }
            got += n
        }
        return true
    }

    private static func writeFully(_ fd: Int32, _ buffer: [UInt8]) {
        var sent = 0
        while sent < buffer.count {
            let n = buffer[sent...].withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
            if n <= 0 { return }
            sent += n
        }
    }
}
