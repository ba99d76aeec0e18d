import CZlib
@testable import Engine
import EngineData
import Foundation
import XCTest

/// Bad data files: every one must end in a DataError naming the file, never a trap or a hang.
extension IDXTests {
    /// What the IDX format allows, computed independently of the reader: the data must be
    /// exactly as long as the product of the dimensions. The product is only formed while it
    /// stays within the data length, so it cannot overflow.
    static func isValidIDX(_ bytes: [UInt8]) -> Bool {
        guard bytes.count >= 4, bytes[0] == 0, bytes[1] == 0, bytes[2] == 8, bytes[3] > 0 else { return false }
        let rank = Int(bytes[3])
        guard bytes.count >= 4 + 4 * rank else { return false }
        let dataLength = bytes.count - 4 - 4 * rank
        let dimensions = (0..<rank).map { d in bytes[(4 + 4 * d)..<(8 + 4 * d)].reduce(0) { $0 << 8 | Int($1) } }
        if dimensions.contains(0) { return dataLength == 0 }
        var product = 1
        for dimension in dimensions {
            product *= dimension
            if product > dataLength { return false }
        }
        return product == dataLength
    }

    /// One random change: a bit flip, a truncation, an inserted byte, or a rewritten
    /// dimension or rank (only insertions and truncations once too short for a header).
    static func mutate(_ bytes: [UInt8], _ random: Random) -> [UInt8] {
        var bytes = bytes
        switch bytes.count < 8 ? 1 + random.integer(below: 2) : random.integer(below: 5) {
        case 0:
            let index = random.integer(below: bytes.count)
            bytes[index] ^= 1 << UInt8(random.integer(below: 8))
        case 1:
            bytes.removeLast(random.integer(below: bytes.count + 1))
        case 2:
            bytes.insert(UInt8(random.integer(below: 256)), at: random.integer(below: bytes.count + 1))
        case 3:
            let rank = max(1, min(Int(bytes[3]), (bytes.count - 4) / 4))
            let offset = 4 + 4 * random.integer(below: rank)
            let values: [UInt32] = [
                0, 1, 2, 3, 4, 5, 60, 0x7FFF_FFFF, 0x8000_0000, 0xFFFF_FFFF, UInt32(truncatingIfNeeded: random.next()),
            ]
            let value = values[random.integer(below: values.count)]
            bytes.replaceSubrange(offset..<(offset + 4), with: withUnsafeBytes(of: value.bigEndian, Array.init))
        default:
            bytes[3] = [0, 1, 2, 4, 5, 0x80, 0xFF][random.integer(below: 7)]
        }
        return bytes
    }

    func testFuzzedIDXFilesLoadOrThrowNeverTrap() throws {
        let valid = Self.idx(dimensions: [3, 4, 5], data: (0..<60).map { UInt8($0) })
        let random = Random(seed: 2024)
        var outcomes = (loaded: 0, refused: 0)
        for round in 0..<4000 {
            var bytes = Self.mutate(valid, random)
            if random.integer(below: 3) == 0 { bytes = Self.mutate(bytes, random) }
            let path = "fuzz-\(round)"
            let expected = Self.isValidIDX(bytes)
            do {
                let array = try IDXArray.parse(bytes, path: path)
                XCTAssertTrue(expected, "round \(round) loaded an invalid file: \(bytes)")
                XCTAssertEqual(array.bytes.count, bytes.count - 4 - 4 * array.dimensions.count)
                outcomes.loaded += 1
            } catch let error as DataError {
                XCTAssertFalse(expected, "round \(round) refused a valid file: \(error)")
                XCTAssertEqual(error.path, path)
                outcomes.refused += 1
            }
            // A few as files, compressed: the streaming reader must agree with the parser.
            if round % 200 == 0 {
                let file = write(bytes, "fuzz-\(round).gz", gzip: true)
                XCTAssertEqual(
                    Self.outcome { try IDXArray.read(file) }.replacingOccurrences(of: file, with: path),
                    Self.outcome { try IDXArray.parse(bytes, path: path) }, "round \(round)")
            }
        }
        XCTAssertGreaterThan(outcomes.loaded, 300, "the mutations should leave many files valid")
        XCTAssertGreaterThan(outcomes.refused, 2000)
    }

    static func outcome(_ reading: () throws -> IDXArray) -> String {
        do { return "\(try reading().bytes)" } catch { return "\(error)" }
    }

    func testHeadersAnnouncingAbsurdSizesAreRefused() {
        var labels = Self.idx(dimensions: [10], data: Array(repeating: 1, count: 10))
        assertError(
            write(Self.idx(dimensions: [0xFFFF_FFFF, 0xFFFF_FFFF, 2], data: []), "overflow"),
            contains: "the header announces a 4294967295×4294967295×2 array, more than the 1 GiB a data file may hold")
        labels[3] = 5  // the labels' rank 0x01 → 0x05 by one bit flip
        assertError(write(labels, "flipped"), contains: "truncated IDX header")
        labels += Array(repeating: 0xFF, count: 12)
        assertError(write(labels, "flipped-long"), contains: "more than the 1 GiB")
        // A small .gz that announces 8 GiB is refused from its header, before any reading.
        assertError(
            write(
                Self.idx(dimensions: [65536, 65536, 2], data: Array(repeating: 0, count: 100)), "bomb.gz", gzip: true),
            contains: "announces a 65536×65536×2 array")
    }

    /// A 1 MB file of concatenated gzip members that inflates to 1 GiB after a valid 16-byte
    /// array: read only up to one byte past the data, it fails at once instead of filling
    /// the memory.
    func testACompressionBombIsNotReadToItsEnd() throws {
        let path = write(Self.idx(dimensions: [16], data: Array(repeating: 1, count: 16)), "bomb.gz", gzip: true)
        let zeros = [UInt8](
            FileManager.default.contents(atPath: write(Array(repeating: 0, count: 1 << 20), "zeros.gz", gzip: true))!)
        let bomb = try XCTUnwrap(FileHandle(forWritingAtPath: path))
        bomb.seekToEndOfFile()
        for _ in 0..<1024 { bomb.write(Data(zeros)) }
        try bomb.close()
        let started = Date()
        assertError(path, contains: "unexpected bytes after the 16 data")
        XCTAssertLessThan(Date().timeIntervalSince(started), 2, "the reader went on inflating")
    }

    func testSpecialFilesAreRefusedWithoutBlocking() throws {
        let fifo = folder + "/fifo"
        XCTAssertEqual(mkfifo(fifo, 0o600), 0)
        // Read on another thread: a regression would block, which must fail the test, not hang it.
        let done = DispatchSemaphore(value: 0)
        let outcome = Outcome()
        DispatchQueue.global().async {
            do { _ = try IDXArray.read(fifo) } catch { outcome.message = "\(error)" }
            done.signal()
        }
        XCTAssertEqual(done.wait(timeout: .now() + 5), .success, "reading a FIFO blocked")
        XCTAssertEqual(
            outcome.message, "\(fifo): is a FIFO (named pipe), not a regular file: refusing to read it as a data file")
        let zero = folder + "/zero.gz"
        try FileManager.default.createSymbolicLink(atPath: zero, withDestinationPath: "/dev/zero")
        assertError(zero, contains: "is a character device, not a regular file")
        assertError(folder, contains: "is a folder, not a data file")
    }

    func testMNISTFolderWithAFolderInPlaceOfAFile() throws {
        try FileManager.default.createDirectory(
            atPath: folder + "/train-images-idx3-ubyte.gz", withIntermediateDirectories: false)
        XCTAssertThrowsError(try MNISTFormat.load(.train, from: folder)) { error in
            XCTAssertEqual("\(error)", "\(self.folder)/train-images-idx3-ubyte.gz: is a folder, not a data file")
        }
    }

    func testMNISTImagesMustHaveTheExpectedShape() throws {
        for (height, width) in [(1, 1), (14, 14), (32, 32), (28, 29)] {
            let images = write(
                Self.idx(dimensions: [2, height, width], data: Array(repeating: 0, count: 2 * height * width)),
                "train-images-idx3-ubyte")
            _ = write(Self.idx(dimensions: [2], data: [0, 1]), "train-labels-idx1-ubyte")
            XCTAssertThrowsError(try MNISTFormat.load(.train, from: folder)) { error in
                XCTAssertEqual("\(error)", "\(images): images are \(height)×\(width) pixels, expected 28×28")
            }
            XCTAssertEqual(try MNISTFormat.load(.train, from: folder, expectedShape: (height, width)).count, 2)
        }
        let images = write(Self.idx(dimensions: [0, 28, 28], data: []), "train-images-idx3-ubyte")
        _ = write(Self.idx(dimensions: [0], data: []), "train-labels-idx1-ubyte")
        XCTAssertThrowsError(try MNISTFormat.load(.train, from: folder)) { error in
            XCTAssertEqual("\(error)", "\(images): no images")
        }
    }

    func testAnEmptyDataFolderNameIsAnError() {
        XCTAssertEqual(MNISTFormat.directory(explicit: ""), "", "kept empty for load to refuse")
        XCTAssertThrowsError(try MNISTFormat.load(.train, from: "")) { error in
            XCTAssertTrue(
                "\(error)".hasPrefix("'': an empty data folder name (from --data '' or TRAINING_LAB_DATA='')"),
                "\(error)")
        }
    }
}

/// What a background thread found; read only after it signalled it was done.
private final class Outcome: @unchecked Sendable {
    var message = "no error"
}
