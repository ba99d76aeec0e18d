import Engine
import Foundation
import LessonKit
import TestSupport
import XCTest
@testable import lesson_adam

final class AdamLessonTests: XCTestCase {
    /// At step 1 the corrected moments are exactly g and g², so the step is lr; the
    /// uncorrected one is lr·(1 − β₁)/√(1 − β₂) ≈ 3.16·lr. Later the correction fades.
    func testTheFirstStepsByHand() {
        let trace = AdamLesson.trace(mean: 0.5, noise: 1, steps: 3000, random: Random(seed: 4))
        let g = trace.gradients[0]
        XCTAssertEqual(trace.m[0], 0.1 * g, accuracy: 1e-6)
        XCTAssertEqual(trace.mHat[0], g, accuracy: 1e-6)
        XCTAssertEqual(trace.vHat[0], g * g, accuracy: 1e-5 * g * g)
        XCTAssertEqual(trace.correctedStep[0], 0.001, accuracy: 1e-6)
        XCTAssertEqual(trace.uncorrectedStep[0], 0.001 * 0.1 / Float(0.001).squareRoot(), accuracy: 2e-5)
        // After thousands of steps v has caught up with E[g²] = 1.25 and needs little correction.
        XCTAssertEqual(trace.vHat.last!, 1.25, accuracy: 0.25)
        XCTAssertEqual(trace.v.last! / trace.vHat.last!, 1 - Float(pow(0.999, 3000.0)), accuracy: 1e-4)
    }

    /// The quick run over its two seeds: at lr 0.01 the uncorrected first steps are several
    /// times too large, so in every seed the loss over steps 2–20 is more than twice the
    /// corrected run's and the validation accuracy after the epoch is lower.
    func testQuickRunShowsTheEarlyStepsWithoutCorrection() throws {
        let folder = try TemporaryFolder("adam")
        defer { folder.remove() }
        let report = try AdamLesson.parse(["--quick", "--quiet", "--output", folder.path]).perform()
        XCTAssertEqual(
            report.runs.map(\.label),
            [
                "lr 0.001 corrected", "lr 0.001 uncorrected", "lr 0.01 corrected", "lr 0.01 uncorrected",
                "lr 0.002 corrected", "lr 0.005 corrected", "lr 0.002 corrected + 200-step warm-up",
            ])
        let (with, without) = (report.runs[2], report.runs[3])
        for (a, b) in zip(without.estimate(\.meanLossSteps2To20).values, with.estimate(\.meanLossSteps2To20).values) {
            XCTAssertGreaterThan(a, 2 * b)
        }
        for (a, b) in zip(without.final(.validationAccuracy).values, with.final(.validationAccuracy).values) {
            XCTAssertLessThan(a, b - 5)
        }
        // The warm-up arm starts at lr/200 and climbs by lr/200 per step: its early losses stay
        // above the constant-rate arm's on every seed.
        let (warm, constant) = (report.runs[6], report.runs[4])
        for (a, b) in zip(warm.estimate(\.meanLossSteps2To20).values, constant.estimate(\.meanLossSteps2To20).values) {
            XCTAssertGreaterThan(a, b)
        }
        // Two epochs leave every run still learning: its training loss fell in the last epoch.
        for setting in report.runs {
            for run in setting.runs {
                let losses = run.history.epochs.map { Double($0.trainLoss) }
                XCTAssertEqual(run.trainLossFallInLastEpoch, losses[0] - losses[1], setting.label)
                XCTAssertGreaterThan(try XCTUnwrap(run.trainLossFallInLastEpoch), 0, setting.label)
            }
        }
        // The steps 21–100 comparison is a verdict, and every verdict and table cell is
        // recomputed from the data files alone.
        let results = try LessonResults.read(folder.file("adam-results.json"))
        XCTAssertTrue(
            (results.verdicts ?? []).contains { $0.wording.quantity == "Mean loss over steps 21–100" && $0.isDerivable }
        )
        XCTAssertEqual(DataCheck.problems(lesson: "adam", folder: folder.path), [])
        XCTAssertEqual(AdamLesson.settings[6].multiplier(step: 50), 0.25, accuracy: 1e-9)
        XCTAssertEqual(AdamLesson.settings[1].multiplier(step: 1), 0.1 / 0.001.squareRoot(), accuracy: 1e-6)
        for figure in ["moments", "training", "step-size", "differences"] {
            XCTAssertTrue(FileManager.default.fileExists(atPath: folder.file("adam-\(figure).png")), figure)
        }
    }

    func testImpossibleOptionsAreRejected() {
        for bad in [
            ["--noise", "-1"], ["--noise", "nan"], ["--noise", "inf"], ["--noise", "1e30"], ["--steps", "1"],
            ["--steps", "-3"],
            ["--steps", "2000000000"], ["--mean", "nan"], ["--mean", "inf"], ["--mean", "-inf"], ["--mean", "1e38"],
            ["--epochs", "0"], ["--seeds", "0"],
        ] {
            XCTAssertThrowsError(try AdamLesson.parse(bad), "\(bad)")
        }
    }
}
