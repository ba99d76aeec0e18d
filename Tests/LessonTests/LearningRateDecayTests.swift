import Engine
import Foundation
import LessonKit
import TestSupport
import XCTest
@testable import lesson_lr_decay

final class LearningRateDecayTests: XCTestCase {
    /// The plateau schedule's label: with patience 2 the rate halves after the third epoch in
    /// a row without improvement, not the second.
    func testPlateauHalvesAfterTheThirdBadEpoch() {
        let plateau = ReduceOnPlateau(initial: 0.1, factor: 0.5, patience: 2)
        XCTAssertEqual(plateau.step(1.0), 0.1)
        XCTAssertEqual(plateau.step(1.0), 0.1, "first bad epoch")
        XCTAssertEqual(plateau.step(1.0), 0.1, "second bad epoch")
        XCTAssertEqual(plateau.step(1.0), 0.05, "third bad epoch halves")
        let plans = try! LearningRateDecayLesson.parse([]).plans(epochs: 30)
        XCTAssertTrue(plans.contains { $0.label == "on plateau: ×0.5 after 3 bad epochs" && $0.plateauPatience == 2 })
    }

    /// The quick run over its two seeds: the recorded rates are the schedule's, the smaller
    /// constants run at their own rate, test accuracy is measured every epoch (the checkpoint
    /// verdicts need it); decaying far too fast stops learning (every seed ends well below the
    /// constant rate) and its validation no longer jumps.
    func testQuickRun() throws {
        let folder = try TemporaryFolder("lr-decay")
        defer { folder.remove() }
        let runs = try LearningRateDecayLesson.parse(["--quick", "--quiet", "--output", folder.path]).perform()
        XCTAssertEqual(runs.count, 9)
        XCTAssertEqual(runs.map(\.runs.count), Array(repeating: 2, count: 9))
        let byLabel = Dictionary(uniqueKeysWithValues: runs.map { ($0.label, $0) })
        let constant = byLabel["constant, η = 0.1"]!, exponential = byLabel["exponential, k = 0.1"]!
        for run in byLabel["constant, η = 0.01"]!.runs {
            XCTAssertTrue(run.history.epochs.allSatisfy { $0.learningRate == Float(0.1) * 0.1 })
            XCTAssertTrue(run.history.epochs.allSatisfy { $0.testAccuracy != nil })
        }
        XCTAssertEqual(constant.atBestValidation(.testAccuracy).count, 2)
        let aggressive = byLabel["too aggressive: exponential, k = 1"]!
        for run in exponential.runs {
            for record in run.history.epochs {
                XCTAssertEqual(record.learningRate, 0.1 * Float(exp(-0.1 * Double(record.epoch - 1))), accuracy: 1e-7)
            }
        }
        // Every seed: the aggressive decay has stopped learning (its rate is below 10⁻³ and its
        // training accuracy ends far below the constant rate's) and its validation no longer jumps.
        for (fast, steady) in zip(aggressive.final(.trainAccuracy).values, constant.final(.trainAccuracy).values) {
            XCTAssertLessThan(fast, steady - 5)
        }
        for (fast, steady) in zip(
            aggressive.estimate(\.lateValidationStd).values, constant.estimate(\.lateValidationStd).values)
        {
            XCTAssertLessThan(fast, 0.5)
            XCTAssertLessThan(fast, steady)
        }
        XCTAssertLessThan(aggressive.estimate(\.finalLearningRate).max, 0.001)
        for figure in ["schedules", "curves", "differences"] {
            XCTAssertTrue(FileManager.default.fileExists(atPath: folder.file("lr-decay-\(figure).png")), figure)
        }
        XCTAssertTrue(FileManager.default.fileExists(atPath: folder.file("lr-decay-results.json")))
        // Every decay against the smallest constant on the validation jumps (Holm over the six),
        // and the two decays highest on test against the third (Holm over the two): verdicts
        // --check recomputes from the data files.
        let verdicts = try LessonResults.read(folder.file("lr-decay-results.json")).verdicts ?? []
        let decays = runs.dropFirst(LearningRateDecayLesson.constantCount).map(\.label)
        let jumps = verdicts.filter {
            $0.wording.quantity == "Validation jumps" && $0.wording.b == "constant, η = 0.01"
        }
        XCTAssertEqual(jumps.map(\.wording.a), decays)
        XCTAssertTrue(jumps.allSatisfy { $0.holm?.comparisons.count == 6 && $0.isDerivable })
        let ranked = verdicts.filter { $0.wording.quantity == "Test (last 10)" && $0.holm?.comparisons.count == 2 }
        XCTAssertEqual(ranked.count, 2)
        XCTAssertTrue(ranked.allSatisfy { decays.contains($0.wording.a) && $0.wording.b == ranked[0].wording.b })
        XCTAssertFalse(ranked.contains { $0.wording.a == $0.wording.b })
    }

    func testImpossibleOptionsAreRejected() {
        for bad in [
            ["--learning-rate", "0"], ["--learning-rate", "-0.1"], ["--learning-rate", "nan"],
            ["--learning-rate", "inf"],
            ["--learning-rate", "1e30"], ["--train-size", "10"], ["--train-size", "-1"],
            ["--train-size", "99999999999"],
            ["--epochs", "0"], ["--seeds", "0"], ["--threads", "4294967296"],
        ] {
            XCTAssertThrowsError(try LearningRateDecayLesson.parse(bad), "\(bad)")
        }
        // --train-size takes the shared range: 0 is the whole training split, 64 one batch.
        for good in [["--train-size", "0"], ["--train-size", "64"]] {
            XCTAssertNoThrow(try LearningRateDecayLesson.parse(good), "\(good)")
        }
    }
}
