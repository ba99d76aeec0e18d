@testable import Engine
import Foundation
import LessonKit
import TestSupport
import XCTest
@testable import lesson_early_stopping

final class EarlyStoppingTests: XCTestCase {
    /// The quick run over two seeds overfits, so patience runs out in every run: training
    /// stops exactly `patience` epochs after the best one, the checkpoint holds the best
    /// weights and loading it restores the best validation loss; the run without stopping
    /// is the same run up to the stop and ends with a higher validation and test loss. The
    /// first seed's checkpoint is kept where --checkpoint says; the others are deleted.
    func testQuickRunStopsAndRestoresTheBestWeights() throws {
        let folder = try TemporaryFolder("early-stopping")
        defer { folder.remove() }
        let lesson = try EarlyStoppingLesson.parse([
            "--quick", "--quiet", "--output", folder.path, "--checkpoint", folder.file("best.ckpt"),
        ])
        let report = try lesson.perform()
        XCTAssertEqual(report.stopping.runs.count, 2)
        for (seed, (stopped, continued)) in zip(report.stopping.runs, report.continued.runs).enumerated() {
            let best = try XCTUnwrap(stopped.bestEpoch), stop = try XCTUnwrap(stopped.stoppedEpoch)
            XCTAssertEqual(stop, best + 3, "seed \(seed)")
            XCTAssertEqual(Int(stop), stopped.history.epochs.count)
            XCTAssertLessThan(Int(stop), continued.history.epochs.count, "stopped before the epoch budget")
            let bestLoss = try XCTUnwrap(stopped.bestValidationLoss)
            XCTAssertEqual(try XCTUnwrap(stopped.restoredValidationLoss), bestLoss, accuracy: 1e-6)
            XCTAssertEqual(stopped.history.epochs[Int(best) - 1].validationLoss.map(Double.init), bestLoss)
            // Same seed: the run without stopping is the same run up to the stop ...
            XCTAssertEqual(
                stopped.history.minibatchLosses,
                Array(continued.history.minibatchLosses.prefix(stopped.history.minibatchLosses.count)))
            // ... and kept training into overfitting.
            XCTAssertGreaterThan(Double(continued.history.last!.validationLoss!), bestLoss)
            XCTAssertLessThan(Double(try XCTUnwrap(stopped.test).loss), Double(try XCTUnwrap(continued.test).loss))
            // The run's lowest validation loss over all epochs is the stop's best epoch or a
            // later one: patience can stop before it, never after.
            let globalMinimum = try XCTUnwrap(
                Convergence.bestEpoch(continued.history, metric: .validationLoss, lowerIsBetter: true))
            XCTAssertGreaterThanOrEqual(globalMinimum, Int(best))
            // The run without stopping measured the test set after every epoch (its score is
            // the mean of the last epochs).
            XCTAssertTrue(continued.history.epochs.allSatisfy { $0.testAccuracy != nil && $0.testLoss != nil })
        }
        // The unstopped run's last 10 of its 40 epochs against epochs 11–20: paired verdicts on
        // validation and test accuracy that --check recomputes from the data files.
        let late = try XCTUnwrap(LessonResults.read(folder.file("early-stopping-results.json")).verdicts).filter {
            $0.wording.quantity.hasSuffix("without stopping")
        }
        XCTAssertEqual(late.map(\.wording.a), ["epochs 31–40", "epochs 31–40"])
        XCTAssertEqual(late.map(\.wording.b), ["epochs 11–20", "epochs 11–20"])
        XCTAssertTrue(late.allSatisfy { $0.isDerivable && $0.comparison.a?.summary == .window })
        XCTAssertEqual(DataCheck.problems(lesson: "early-stopping", folder: folder.path), [])
        XCTAssertTrue(FileManager.default.fileExists(atPath: folder.file("best.ckpt")), "kept on request")
        for seedIndex in 0..<2 {
            XCTAssertFalse(
                FileManager.default.fileExists(atPath: EarlyStoppingLesson.temporaryCheckpoint(seedIndex: seedIndex)),
                "deleted")
        }
        for file in ["curves.png", "results.json", "runs.csv"] {
            XCTAssertTrue(FileManager.default.fileExists(atPath: folder.file("early-stopping-\(file)")), file)
        }
    }

    /// The late swings the report states, on test accuracies worked by hand: only the last k
    /// epochs count, changes are absolute, and a run with a single epoch in the window has none.
    func testLateSwingsOfTheTestAccuracy() {
        func history(_ accuracies: [Double]) -> History {
            var history = History()
            history.epochs = accuracies.indices.map { index in
                EpochRecord(
                    epoch: index + 1, learningRate: 0.001, trainLoss: 1, trainAccuracy: nil, validationLoss: nil,
                    validationAccuracy: nil, testLoss: nil, testAccuracy: Float(accuracies[index] / 100), seconds: 0)
            }
            return history
        }
        // Last 3 of [50, 80, 81, 79.5]: changes 1 and 1.5, mean 1.25; span 81 − 79.5 = 1.5.
        let swings = EarlyStoppingLesson.lateSwings([history([50, 80, 81, 79.5]), history([70])], lastEpochs: 3)
        XCTAssertEqual(swings.count, 1)
        XCTAssertEqual(swings[0].meanChange, 1.25, accuracy: 1e-4)
        XCTAssertEqual(swings[0].span, 1.5, accuracy: 1e-4)
    }

    /// The patience rule replayed on validation accuracies worked by hand: a tie is no
    /// improvement, the stop is the epoch on which the count reaches the patience, and a run
    /// whose patience never runs out counts its last epoch.
    func testPatienceReplayedOnValidationAccuracy() {
        let setting = SettingRuns.withValidation(
            "no stopping", validation: [[50.0, 60, 60, 59, 58, 70], [50, 55, 54, 56, 57]])
        XCTAssertEqual(setting.patienceStopEpochs(.validationAccuracy, patience: 3, higherIsBetter: true), [5, 5])
        XCTAssertEqual(setting.patienceStopEpochs(.validationAccuracy, patience: 2, higherIsBetter: false), [3, 3])
    }

    func testImpossibleOptionsAreRejected() {
        for bad in [
            ["--patience", "0"], ["--patience", "-1"], ["--patience", "1001"], ["--patience", "nan"],
            ["--train-size", "-1"],
            ["--train-size", "1e9"], ["--train-size", "99999999999"], ["--epochs", "-1"], ["--epochs", "0"],
            ["--epochs", "inf"],
            ["--checkpoint", ""], ["--seeds", "0"],
        ] {
            XCTAssertThrowsError(try EarlyStoppingLesson.parse(bad), "\(bad)")
        }
        // 0 is the whole training split, as in every lesson.
        XCTAssertNil(try EarlyStoppingLesson.parse(["--train-size", "0"]).trainSize.limit)
    }
}
