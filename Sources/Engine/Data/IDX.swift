import CZlib
import Foundation

/// A problem with a data file, always naming the file.
public struct DataError: Error, CustomStringConvertible, Equatable {
    public let path: String
    public let problem: String

    public init(_ path: String, _ problem: String) {
        self.path = path
        self.problem = problem
    }

    public var description: String { "\(path): \(problem)" }
}

/// An array from an IDX file, the format of MNIST and Fashion-MNIST: two zero bytes, a type
/// byte (0x08 = unsigned byte, the only type those sets use), the number of dimensions, each
/// dimension as a big-endian UInt32, then the data in row-major order.
public struct IDXArray: Sendable {
    public let dimensions: [Int]
    public let bytes: [UInt8]

    /// Reads a `.gz` or uncompressed IDX file (zlib reads both), checking the header and
    /// that the data is exactly as long as the dimensions say.
    public static func read(_ path: String) throws -> IDXArray {
        try parse(readPossiblyCompressed(path), path: path)
    }

    public static func parse(_ data: [UInt8], path: String) throws -> IDXArray {
        guard data.count >= 4 else { throw DataError(path, "too short for an IDX header") }
        guard data[0] == 0, data[1] == 0 else {
            throw DataError(path, "not an IDX file (bad magic number)")
        }
        guard data[2] == 0x08 else {
            throw DataError(path, "IDX element type 0x\(String(data[2], radix: 16)) is not unsigned bytes")
        }
        let rank = Int(data[3])
        guard rank >= 1 else { throw DataError(path, "IDX file declares no dimensions") }
        let headerSize = 4 + 4 * rank
        guard data.count >= headerSize else { throw DataError(path, "truncated IDX header") }
        var dimensions: [Int] = []
        for d in 0..<rank {
            let offset = 4 + 4 * d
            dimensions.append(data[offset..<(offset + 4)].reduce(0) { $0 << 8 | Int($1) })
        }
        let expected = dimensions.reduce(1, *)
        let actual = data.count - headerSize
        guard actual == expected else {
            let shape = dimensions.map(String.init).joined(separator: "×")
            throw DataError(path, actual < expected
                ? "truncated: \(shape) needs \(expected) bytes of data, found \(actual)"
                : "\(actual - expected) unexpected bytes after the \(shape) data")
        }
        return IDXArray(dimensions: dimensions, bytes: Array(data[headerSize...]))
    }

    static func readPossiblyCompressed(_ path: String) throws -> [UInt8] {
        guard FileManager.default.isReadableFile(atPath: path) else {
            throw DataError(path, "cannot read the file (missing or no permission)")
        }
        guard let file = gzopen(path, "rb") else { throw DataError(path, "cannot open the file") }
        defer { gzclose(file) }
        var result: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 20)
        while true {
            let read = chunk.withUnsafeMutableBytes { gzread(file, $0.baseAddress, UInt32($0.count)) }
            if read < 0 {
                var code: Int32 = 0
                let message = gzerror(file, &code).map { String(cString: $0) } ?? "read error"
                throw DataError(path, "corrupt compressed data (\(message))")
            }
            if read == 0 { break }
            result.append(contentsOf: chunk[0..<Int(read)])
        }
        // A gzip stream cut short reads as a clean end of file; zlib reports it here.
        var code: Int32 = 0
        _ = gzerror(file, &code)
        if code != Z_OK && code != Z_STREAM_END {
            throw DataError(path, "corrupt or truncated compressed data")
        }
        return result
    }
}
