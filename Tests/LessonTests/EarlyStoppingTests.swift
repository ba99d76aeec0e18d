import Engine
import Foundation
import TestSupport
import XCTest
@testable import lesson_early_stopping

final class EarlyStoppingTests: XCTestCase {
    /// The quick run overfits, so patience runs out: training stops exactly `patience`
    /// epochs after the best one, the checkpoint holds the best weights, and loading it
    /// restores the best validation loss.
    func testQuickRunStopsAndRestoresTheBestWeights() throws {
        let folder = try TemporaryFolder("early-stopping")
        defer { folder.remove() }
        let lesson = try EarlyStoppingLesson.parse(["--quick", "--quiet", "--output", folder.path, "--checkpoint", folder.file("best.ckpt")])
        let report = try lesson.perform()
        let best = try XCTUnwrap(report.stopping.bestEpoch)
        let stop = try XCTUnwrap(report.stopping.stoppedEpoch)
        XCTAssertEqual(stop, best + 3)
        XCTAssertLessThan(stop, report.continued.epochs.count, "stopped before the epoch budget")
        XCTAssertEqual(report.restoredValidationLoss, report.stopping.bestLoss, accuracy: 1e-6)
        XCTAssertEqual(report.stopped.epochs[best - 1].validationLoss, report.stopping.bestLoss)
        // Same seed: the run without stopping is the same run up to the stop.
        XCTAssertEqual(report.stopped.minibatchLosses, Array(report.continued.minibatchLosses.prefix(report.stopped.minibatchLosses.count)))
        // It kept training into overfitting: its validation loss ends above the best.
        XCTAssertGreaterThan(report.continued.last!.validationLoss!, report.stopping.bestLoss)
        XCTAssertLessThan(report.bestTest.loss, report.continuedTest.loss)
        XCTAssertTrue(FileManager.default.fileExists(atPath: folder.file("best.ckpt")))
        XCTAssertTrue(FileManager.default.fileExists(atPath: folder.file("early-stopping-curves.png")))
    }

    func testImpossibleOptionsAreRejected() {
        for bad in [["--patience", "0"], ["--train-size", "0"], ["--epochs", "-1"]] {
            XCTAssertThrowsError(try EarlyStoppingLesson.parse(bad), "\(bad)")
        }
    }
}
