import Engine
import Foundation
import LessonKit
import TestSupport
import XCTest
@testable import lesson_batch_size

final class BatchSizeTests: XCTestCase {
    func testTheLecturesNetwork() {
        let model = BatchSizeLesson.model(weights: Random(seed: 1), masks: Random(seed: 2))
        XCTAssertEqual(model.layers.map(\.description), [
            "Linear(784→75, bias=false)", "BatchNorm1d(75)", "ReLU", "Dropout(p=0.5)",
            "Linear(75→45, bias=false)", "BatchNorm1d(45)", "ReLU", "Dropout(p=0.3)", "Linear(45→10)",
        ])
    }

    /// Small batches take 16 times more (noisier) steps per epoch: after the same few epochs
    /// every seed is further along with batch 64, and its minibatch loss zig-zags more.
    func testQuickRun() throws {
        let folder = try TemporaryFolder("batch-size")
        defer { folder.remove() }
        let runs = try BatchSizeLesson.parse(["--quick", "--quiet", "--output", folder.path]).perform()
        XCTAssertEqual(runs.map(\.label), ["batch 64", "batch 1024"])
        let (small, large) = (runs[0], runs[1])
        XCTAssertEqual(small.runs[0].history.batchesPerEpoch, 4096 / 64)
        XCTAssertEqual(large.runs[0].history.batchesPerEpoch, 4, "incomplete last batch dropped")
        XCTAssertEqual(large.runs[0].history.minibatchLosses.count, 3 * 4)
        for (a, b) in zip(small.final(.validationAccuracy).values, large.final(.validationAccuracy).values) {
            XCTAssertGreaterThan(a, b + 10, "more steps per epoch")
        }
        for (a, b) in zip(small.estimate(\.lossStdLastEpoch).values, large.estimate(\.lossStdLastEpoch).values) {
            XCTAssertGreaterThan(a, 1.5 * b, "noisier minibatch loss")
        }
        // The averaging law on one network: with the weights frozen, batches 16 times larger give
        // a minibatch loss about √16 = 4 times less noisy (not 1×, not 16×), on every network.
        for setting in runs {
            for (a, b) in zip(setting.runs.map { $0.frozenLossStd[0] }, setting.runs.map { $0.frozenLossStd[1] }) {
                XCTAssertGreaterThan(a / b, 2.5)
                XCTAssertLessThan(a / b, 6)
            }
        }
        for figure in ["minibatch-loss", "loss-noise", "accuracy"] {
            XCTAssertTrue(FileManager.default.fileExists(atPath: folder.file("batch-size-\(figure).png")), figure)
        }
    }

    func testImpossibleOptionsAreRejected() {
        for bad in [["--batch-sizes", "0,64"], ["--batch-sizes", "x"], ["--batch-sizes", "1,64"], ["--batch-sizes", "-64"],
                    ["--batch-sizes", "64,99999999999"], ["--learning-rate", "0"], ["--learning-rate", "nan"],
                    ["--learning-rate", "inf"], ["--learning-rate", "-1"], ["--learning-rate", "1e30"], ["--epochs", "0"], ["--seeds", "0"]] {
            XCTAssertThrowsError(try BatchSizeLesson.parse(bad), "\(bad)")
        }
    }
}
