import CZlib
import Foundation

/// gzip decompression through zlib.
public enum Gzip {
    public struct Failure: Error, CustomStringConvertible {
        public let description: String
    }

    public static func isCompressed(_ data: Data) -> Bool { data.count >= 2 && data[data.startIndex] == 0x1F && data[data.startIndex + 1] == 0x8B }

    /// The decompressed bytes of one or more concatenated gzip members.
    public static func decompress(_ data: Data) throws -> Data {
        var stream = z_stream()
        guard lode_inflate_init_gzip(&stream) == Z_OK else { throw Failure(description: "zlib would not start") }
        defer { inflateEnd(&stream) }
        var output = Data()
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        try data.withUnsafeBytes { (input: UnsafeRawBufferPointer) in
            stream.next_in = UnsafeMutablePointer(mutating: input.bindMemory(to: Bytef.self).baseAddress)
            stream.avail_in = uInt(input.count)
            while true {
                let status = chunk.withUnsafeMutableBufferPointer { out -> Int32 in
                    stream.next_out = out.baseAddress
                    stream.avail_out = uInt(out.count)
                    return inflate(&stream, Z_NO_FLUSH)
                }
                output.append(contentsOf: chunk[0..<(chunk.count - Int(stream.avail_out))])
                if status == Z_STREAM_END {
                    guard stream.avail_in > 0 else { return }
                    inflateReset(&stream)
                } else if status != Z_OK {
                    throw Failure(description: "not valid gzip data (zlib status \(status))")
                } else if stream.avail_in == 0 && stream.avail_out > 0 {
                    throw Failure(description: "the gzip data ends early")
                }
            }
        }
        return output
    }
}
