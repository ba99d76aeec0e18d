import Engine
import Foundation
import TestSupport
import XCTest
@testable import lesson_batch_size

final class BatchSizeTests: XCTestCase {
    func testTheLecturesNetwork() {
        let model = BatchSizeLesson.model(random: Random(seed: 1))
        XCTAssertEqual(model.layers.map(\.description), [
            "Linear(784→75, bias=false)", "BatchNorm1d(75)", "ReLU", "Dropout(p=0.5)",
            "Linear(75→45, bias=false)", "BatchNorm1d(45)", "ReLU", "Dropout(p=0.3)", "Linear(45→10)",
        ])
    }

    /// Small batches take 16 times more (noisier) steps per epoch: after the same few epochs
    /// they are further along, and their minibatch loss zig-zags more.
    func testQuickRun() throws {
        let folder = try TemporaryFolder("batch-size")
        defer { folder.remove() }
        let outcomes = try BatchSizeLesson.parse(["--quick", "--quiet", "--output", folder.path]).perform()
        let (small, large) = (outcomes[0], outcomes[1])
        XCTAssertEqual(small.history.batchesPerEpoch, 4096 / 64)
        XCTAssertEqual(large.history.batchesPerEpoch, 4, "incomplete last batch dropped")
        XCTAssertEqual(large.history.minibatchLosses.count, 3 * 4)
        XCTAssertGreaterThan(small.history.last!.validationAccuracy!, large.history.last!.validationAccuracy!)
        XCTAssertGreaterThan(small.lastEpochSpread, large.lastEpochSpread)
        for figure in ["minibatch-loss", "accuracy"] {
            XCTAssertTrue(FileManager.default.fileExists(atPath: folder.file("batch-size-\(figure).png")), figure)
        }
    }

    func testImpossibleOptionsAreRejected() {
        for bad in [["--batch-sizes", "0,64"], ["--batch-sizes", "x"], ["--learning-rate", "0"]] {
            XCTAssertThrowsError(try BatchSizeLesson.parse(bad), "\(bad)")
        }
    }
}
