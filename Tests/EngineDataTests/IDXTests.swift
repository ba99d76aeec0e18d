import CZlib
import Engine
@testable import EngineData
import Foundation
import TestSupport
import XCTest

/// IDX fixtures written by the test itself: good, gzip'd, truncated, corrupt.
final class IDXTests: FolderTestCase {
    static func idx(dimensions: [Int], data: [UInt8]) -> [UInt8] {
        var bytes: [UInt8] = [0, 0, 8, UInt8(dimensions.count)]
        for d in dimensions {
            bytes += [UInt8(d >> 24 & 255), UInt8(d >> 16 & 255), UInt8(d >> 8 & 255), UInt8(d & 255)]
        }
        return bytes + data
    }

    func write(_ bytes: [UInt8], _ name: String, gzip: Bool = false) -> String {
        let path = folder + "/" + name
        if gzip {
            let file = gzopen(path, "wb")!
            _ = bytes.withUnsafeBytes { gzwrite(file, $0.baseAddress, UInt32($0.count)) }
            gzclose(file)
        } else {
            XCTAssertTrue(FileManager.default.createFile(atPath: path, contents: Data(bytes)))
        }
        return path
    }

    func assertError(_ path: String, contains text: String, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertThrowsError(try IDXArray.read(path), file: file, line: line) { error in
            let message = "\(error)"
            XCTAssertTrue(message.contains(text) && message.contains(path), message, file: file, line: line)
        }
    }

    func testReadsRawAndCompressedFiles() throws {
        let pixels = (0..<24).map { UInt8($0 * 10) }
        for gzip in [false, true] {
            let array = try IDXArray.read(write(Self.idx(dimensions: [2, 3, 4], data: pixels), "a\(gzip)", gzip: gzip))
            XCTAssertEqual(array.dimensions, [2, 3, 4])
            XCTAssertEqual(array.bytes, pixels)
        }
    }

    func testRejectsBadFiles() {
        let good = Self.idx(dimensions: [2, 3, 4], data: Array(repeating: 1, count: 24))
        assertError(
            write(Array(good.dropLast(5)), "short"), contains: "truncated: 2×3×4 needs 24 bytes of data, found 19")
        assertError(write(good + [9, 9], "long"), contains: "unexpected bytes after the 2×3×4 data")
        assertError(write([0x1F, 0x00] + good.dropFirst(2), "magic"), contains: "bad magic number")
        assertError(write([0, 0, 0x0D, 1, 0, 0, 0, 1, 0, 0, 0, 0], "float"), contains: "is not unsigned bytes")
        assertError(write(Array(good.prefix(9)), "header"), contains: "truncated IDX header")
        assertError(write([0, 0], "tiny"), contains: "too short")
        assertError(folder + "/missing", contains: "cannot read")
        // A gzip stream cut in the middle, and one with garbage after the header.
        var compressed = [UInt8](
            FileManager.default.contents(atPath: write(good + Array(repeating: 7, count: 5000), "big", gzip: true))!)
        assertError(write(Array(compressed.prefix(compressed.count / 2)), "cut.gz"), contains: "truncated")
        compressed.replaceSubrange(12..<40, with: Array(repeating: 0xFF, count: 28))
        assertError(write(compressed, "garbled.gz"), contains: "corrupt")
    }

    func testLoadsAnMNISTFormatFolderAndChecksItsParts() throws {
        let images = (0..<(3 * 4 * 5)).map { UInt8($0) }
        _ = write(Self.idx(dimensions: [3, 4, 5], data: images), "train-images-idx3-ubyte.gz", gzip: true)
        _ = write(Self.idx(dimensions: [3], data: [2, 0, 9]), "train-labels-idx1-ubyte")
        let store = try MNISTFormat.load(.train, from: folder, expectedShape: (height: 4, width: 5))
        XCTAssertEqual(store.count, 3)
        XCTAssertEqual(store.height, 4)
        XCTAssertEqual(store.width, 5)
        let data = ImageDataset(store: store)
        let (x, y) = data.batch([2, 0])
        XCTAssertEqual(y, [9, 2])
        XCTAssertEqual(x[0, 0], Float(40) / 255, accuracy: 1e-7)
        XCTAssertEqual(x[1, 19], Float(19) / 255, accuracy: 1e-7)

        XCTAssertThrowsError(try MNISTFormat.load(.test, from: folder)) { error in
            XCTAssertTrue("\(error)".contains("t10k-images-idx3-ubyte.gz: missing"), "\(error)")
        }
        _ = write(Self.idx(dimensions: [2], data: [1, 1]), "train-labels-idx1-ubyte")
        XCTAssertThrowsError(try MNISTFormat.load(.train, from: folder, expectedShape: nil)) { error in
            XCTAssertTrue("\(error)".contains("2 labels for 3 images"), "\(error)")
        }
        _ = write(Self.idx(dimensions: [3], data: [1, 10, 1]), "train-labels-idx1-ubyte")
        XCTAssertThrowsError(try MNISTFormat.load(.train, from: folder, expectedShape: nil)) { error in
            XCTAssertTrue("\(error)".contains("label 10 outside"), "\(error)")
        }
    }

    func testSplitsAndSubsetsAreSeededAndDisjoint() throws {
        let store = ImageStore(
            pixels: Array(repeating: 0, count: 100 * 4), labels: (0..<100).map { UInt8($0 % 10) },
            width: 2, height: 2, classNames: MNISTFormat.fashionClassNames)
        let data = ImageDataset(store: store)
        let (train, validation) = data.split(validationFraction: 0.1, random: Random(seed: 1))
        XCTAssertEqual(train.count, 90)
        XCTAssertEqual(validation.count, 10)
        XCTAssertEqual(Set(train.indices).union(validation.indices), Set(0..<100))
        XCTAssertEqual(
            data.split(validationFraction: 0.1, random: Random(seed: 1)).validation.indices, validation.indices)
        XCTAssertNotEqual(
            data.split(validationFraction: 0.1, random: Random(seed: 2)).validation.indices, validation.indices)
        XCTAssertEqual(data.randomSubset(30, random: Random(seed: 3)).count, 30)
    }

    /// The real data set, as installed by the README's command (Debian's dataset-fashion-mnist).
    func testRealFashionMNIST() throws {
        let directory = MNISTFormat.directory(explicit: nil)
        let train = try MNISTFormat.load(.train, from: directory)
        let test = try MNISTFormat.load(.test, from: directory)
        XCTAssertEqual([train.count, test.count, train.width, train.height], [60000, 10000, 28, 28])
        var perClass = [Int](repeating: 0, count: 10)
        for label in train.labels { perClass[Int(label)] += 1 }
        XCTAssertEqual(perClass, Array(repeating: 6000, count: 10))
        let statistics = ImageDataset(store: train).randomSubset(2000, random: Random(seed: 1)).pixelStatistics()
        XCTAssertEqual(statistics.mean, 0.286, accuracy: 0.01)
        XCTAssertEqual(statistics.std, 0.353, accuracy: 0.01)
    }
}
