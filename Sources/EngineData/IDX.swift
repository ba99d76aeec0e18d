import CZlib
import Engine
import FileIO
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
        let header = try Header(data, path: path)
        let actual = data.count - header.size
        guard actual == header.dataSize else {
            let shape = Header.shape(header.dimensions)
            // No count of the extra bytes: the reader stops one byte after the data.
            throw DataError(
                path,
                actual < header.dataSize
                    ? "truncated: \(shape) needs \(header.dataSize) bytes of data, found \(actual)"
                    : "unexpected bytes after the \(shape) data")
        }
        return IDXArray(dimensions: header.dimensions, bytes: Array(data[header.size...]))
    }

    /// The magic number and dimensions at the start of a file, and the data size they announce.
    struct Header {
        let dimensions: [Int]
        /// Bytes of the header itself.
        let size: Int
        /// Bytes of data the dimensions announce, at most `FileInput.maximumSize`.
        let dataSize: Int

        init(_ data: [UInt8], path: String) throws {
            guard data.count >= 4 else { throw DataError(path, "too short for an IDX header") }
            guard data[0] == 0, data[1] == 0 else {
                throw DataError(path, "not an IDX file (bad magic number)")
            }
            guard data[2] == 0x08 else {
                throw DataError(path, "IDX element type 0x\(String(data[2], radix: 16)) is not unsigned bytes")
            }
            let rank = Int(data[3])
            guard rank >= 1 else { throw DataError(path, "IDX file declares no dimensions") }
            size = 4 + 4 * rank
            guard data.count >= size else { throw DataError(path, "truncated IDX header") }
            dimensions = (0..<rank).map { d in
                data[(4 + 4 * d)..<(8 + 4 * d)].reduce(0) { $0 << 8 | Int($1) }
            }
            guard let dataSize = Header.product(dimensions), dataSize <= FileInput.maximumSize else {
                throw DataError(
                    path,
                    "the header announces a \(Header.shape(dimensions)) array, more than the \(FileInput.maximumSizeText) a data file may hold"
                )
            }
            self.dataSize = dataSize
        }

        /// The number of elements, or nil when it does not fit an Int. A single bit flip in
        /// a header can announce 2³² × 2³² elements, so the product is checked.
        static func product(_ dimensions: [Int]) -> Int? {
            if dimensions.contains(0) { return 0 }
            var product = 1
            for d in dimensions {
                let (next, overflow) = product.multipliedReportingOverflow(by: d)
                if overflow { return nil }
                product = next
            }
            return product
        }

        static func shape(_ dimensions: [Int]) -> String {
            dimensions.map(String.init).joined(separator: "×")
        }
    }

    /// The header, then exactly as many bytes as it announces plus one (so that extra data
    /// is still noticed): a small `.gz` that inflates to gigabytes is never read to its end.
    static func readPossiblyCompressed(_ path: String) throws -> [UInt8] {
        let descriptor: Int32
        do { descriptor = try FileInput.openRegularFile(path, kind: "data file") } catch {
            throw DataError(path, error.problem)
        }
        guard let file = gzdopen(descriptor, "rb") else {
            close(descriptor)
            throw DataError(path, "cannot open the file")
        }
        defer { gzclose(file) }
        var bytes = try read(file, upTo: 4, path: path)
        if bytes.count == 4 { bytes += try read(file, upTo: 4 * Int(bytes[3]), path: path) }
        let header = try Header(bytes, path: path)
        bytes += try read(file, upTo: header.dataSize + 1, path: path)
        return bytes
    }

    /// Up to `count` bytes, fewer only at the end of the file.
    private static func read(_ file: gzFile, upTo count: Int, path: String) throws -> [UInt8] {
        var result: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: min(count, 1 << 20))
        while result.count < count {
            let wanted = min(chunk.count, count - result.count)
            let got = chunk.withUnsafeMutableBytes { gzread(file, $0.baseAddress, UInt32(wanted)) }
            if got < 0 {
                var code: Int32 = 0
                let message = gzerror(file, &code).map { String(cString: $0) } ?? "read error"
                throw DataError(path, "corrupt compressed data (\(message))")
            }
            if got == 0 { break }
            result += chunk[0..<Int(got)]
        }
        if result.count < count {
            // A gzip stream cut short reads as a clean end of file; zlib reports it here.
            var code: Int32 = 0
            _ = gzerror(file, &code)
            if code != Z_OK && code != Z_STREAM_END {
                throw DataError(path, "corrupt or truncated compressed data")
            }
        }
        return result
    }
}
