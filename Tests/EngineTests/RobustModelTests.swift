import Foundation
import XCTest
@testable import Engine
import TestSupport

/// Checkpoints and layer sizes from outside: absurd values are an error, never a trap.
final class RobustModelTests: FolderTestCase {
    /// A checkpoint whose first tensor claims 4294967295×4294967295 values.
    func testCheckpointsWithAbsurdShapesAreRefusedBeforeReading() throws {
        let path = temporary.file("crafted.ckpt")
        func uint32(_ value: UInt32) -> [UInt8] { withUnsafeBytes(of: value.littleEndian, Array.init) }
        let bytes =
            Array("TTLCKPT1".utf8) + uint32(2) + uint32(8) + Array("0.weight".utf8)
            + uint32(0xFFFF_FFFF) + uint32(0xFFFF_FFFF) + Array(repeating: 0, count: 16)
        XCTAssertTrue(FileManager.default.createFile(atPath: path, contents: Data(bytes)))
        XCTAssertThrowsError(try Checkpoint.load(from: path)) { error in
            XCTAssertEqual(
                "\(error)",
                "\(path): tensor 0.weight claims 4294967295×4294967295 values, more than the 16 bytes left: truncated or corrupt checkpoint"
            )
        }
        let model = Sequential.mlp([4, 3], random: Random(seed: 1))
        XCTAssertThrowsError(try Checkpoint.load(from: path, for: model)) { error in
            XCTAssertEqual(
                "\(error)",
                "\(path): checkpoint tensor 0.weight (4294967295×4294967295) does not fit the model's 0.weight (3×4): different architecture"
            )
        }
        try Checkpoint.save(model.state(), to: path)
        XCTAssertEqual(try Checkpoint.load(from: path, for: model), model.state())
        XCTAssertThrowsError(try Checkpoint.load(from: path, for: Sequential.mlp([4, 5, 3], random: Random(seed: 1)))) {
            error in
            XCTAssertEqual("\(error)", "\(path): checkpoint has 2 tensors, the model 4: different architecture")
        }
        XCTAssertThrowsError(try Checkpoint.load(from: folder)) { error in
            XCTAssertEqual("\(error)", "\(self.folder): is a folder, not a checkpoint")
        }
    }

    func testLayerSizesAreCheckedWithoutOverflow() throws {
        try Linear.checkSize(inputs: 784, outputs: 100)
        try Linear.checkSizes([784, 75, 45, 10])
        XCTAssertThrowsError(try Linear.checkSize(inputs: 4_294_967_296, outputs: 4_294_967_296)) { error in
            XCTAssertEqual("\(error)", "Linear(4294967296→4294967296) would have more than 1073741824 parameters")
        }
        XCTAssertThrowsError(try Linear.checkSize(inputs: 1 << 15, outputs: 1 << 15)) { error in
            XCTAssertTrue(
                "\(error)".contains("more than 1073741824 parameters"), "the bias makes it one layer too many")
        }
        XCTAssertThrowsError(try Linear.checkSizes([784, 0, 10])) { error in
            XCTAssertEqual("\(error)", "Linear(784→0) needs positive sizes")
        }
    }
}
