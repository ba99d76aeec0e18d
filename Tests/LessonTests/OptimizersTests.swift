import Engine
import Foundation
import LabMath
import LessonKit
import TestSupport
import XCTest
@testable import lesson_optimizers

final class OptimizersTests: XCTestCase {
    /// The quick run over its two seeds: every optimizer runs at its five swept rates under
    /// every seed and learns at its chosen one; the chosen rate is the best mean on
    /// validation (never looking at test), the seeds disagree (the noise the ranking must
    /// respect), and the comparison is against the optimizer best on validation.
    func testQuickRunTrainsEveryOptimizerOverSeeds() throws {
        let folder = try TemporaryFolder("optimizers")
        defer { folder.remove() }
        let outcomes = try OptimizersLesson.parse(["--quick", "--quiet", "--output", folder.path]).perform()
        XCTAssertEqual(outcomes.map(\.entry.name), OptimizersLesson.entries.map(\.name))
        for outcome in outcomes {
            XCTAssertEqual(outcome.sweep.count, 5)
            XCTAssertEqual(
                outcome.sweep.map { $0.columns["learning_rate"] },
                OptimizersLesson.rateFactors.map { SettingValue(outcome.entry.networkRate * $0) })
            let validation = outcome.sweep.map { $0.lastEpochs(3, .validationAccuracy).mean }
            XCTAssertEqual(validation[outcome.choice.index], validation.max()!, outcome.entry.name)
            XCTAssertEqual(outcome.choice.test.values, outcome.runs.testAccuracy.values)
            XCTAssertEqual(outcome.runs.runs.count, 2)
            for run in outcome.runs.runs {
                let epochs = run.history.epochs
                XCTAssertLessThan(epochs.last!.trainLoss, epochs.first!.trainLoss, outcome.entry.name)
                XCTAssertGreaterThan(epochs.last!.validationAccuracy!, 0.4, outcome.entry.name)
            }
        }
        XCTAssertTrue(outcomes.contains { $0.runs.lastEpochs(3, .validationAccuracy).std > 0 }, "seeds differ")
        let comparison = OptimizersLesson.Comparison(outcomes)
        let winnerValidation = comparison.winner.runs.lastEpochs(3, .validationAccuracy).mean
        XCTAssertTrue(outcomes.allSatisfy { $0.runs.lastEpochs(3, .validationAccuracy).mean <= winnerValidation })
        XCTAssertEqual(comparison.others.count, 8)
        XCTAssertEqual(comparison.test.count, 8)
        for figure in ["fashion-mnist", "validation", "sensitivity", "differences", "rosenbrock", "rosenbrock-f"] {
            XCTAssertTrue(FileManager.default.fileExists(atPath: folder.file("optimizers-\(figure).png")), figure)
        }
        // One chosen-against-usual (or usual-against-runner-up) validation verdict per
        // optimizer, each recomputed from the data files alone.
        let results = try LessonResults.read(folder.file("optimizers-results.json"))
        let rateVerdicts = (results.verdicts ?? []).filter { $0.wording.quantity == "Validation" }
        XCTAssertEqual(rateVerdicts.count, OptimizersLesson.entries.count)
        XCTAssertTrue(rateVerdicts.allSatisfy(\.isDerivable))
        XCTAssertEqual(DataCheck.problems(lesson: "optimizers", folder: folder.path), [])
    }

    /// The README's Rosenbrock claims, on the full 2,000 steps (deterministic, no BLAS): Adam
    /// and the momentum methods reach the minimum; AdamW's decay keeps it short of (1, 1);
    /// plain gradient descent, AdaGrad and AdaDelta are still on their way. And the shared
    /// axes hold every point visited, so no overshoot is clipped.
    func testRosenbrockClaims() {
        let paths = OptimizersLesson.rosenbrockPaths(steps: 2000)
        let distance = Dictionary(
            uniqueKeysWithValues: zip(
                OptimizersLesson.entries.map(\.name), paths.map { OptimizersLesson.Outcome.distance($0.last!) }))
        XCTAssertLessThan(distance["Adam"]!, 1e-4)
        XCTAssertLessThan(distance["SGD + momentum 0.9"]!, 1e-2)
        XCTAssertLessThan(distance["Nesterov 0.9"]!, 1e-2)
        XCTAssertGreaterThan(distance["AdamW (weight decay 0.01)"]!, 1e-2)
        XCTAssertLessThan(distance["AdamW (weight decay 0.01)"]!, 0.2)
        for slow in ["SGD", "AdaGrad", "AdaDelta"] { XCTAssertGreaterThan(distance[slow]!, 0.2, slow) }
        XCTAssertTrue(paths.allSatisfy { $0.count == 2001 }, "no path diverged")
        // The walks the report's f table follows: AdaGrad's first step is η·sign(g) in each
        // coordinate; AdaDelta passes its lowest f early, then bounces between the valley's
        // walls with period 2 (every other step nearly the same f, neighbours apart).
        let walks = Dictionary(uniqueKeysWithValues: zip(OptimizersLesson.entries.map(\.name), paths))
        XCTAssertEqual(walks["AdaGrad"]![1].x, -0.7, accuracy: 1e-5)
        XCTAssertEqual(walks["AdaGrad"]![1].y, 1.7, accuracy: 1e-5)
        let f = walks["AdaDelta"]!.map { Surface.rosenbrock.value($0.x, $0.y) }
        let lowest = f.indices.min { f[$0] < f[$1] }!
        XCTAssertLessThan(lowest, 1000)
        XCTAssertGreaterThan(f[2000], 2 * f[lowest])
        XCTAssertEqual(f[2000], f[1998], accuracy: 0.005)
        XCTAssertGreaterThan(abs(f[2000] - f[1999]), 0.02)
        let drawn = zip(OptimizersLesson.entries, paths).map {
            StandardPanels.SurfacePath(label: $0.name, points: $1, color: $0.color)
        }
        let (x, y) = StandardPanels.surfaceRange(drawn, around: (-1.6...1.6, -0.5...2))
        XCTAssertTrue(
            paths.joined().allSatisfy { x.contains(Double($0.x)) && y.contains(Double($0.y)) },
            "no overshoot is clipped")
    }

    /// Every optimizer keeps one color in every figure, and no two share one.
    func testOneColorPerOptimizer() {
        let colors = OptimizersLesson.entries.map(\.color)
        XCTAssertEqual(Set(colors).count, colors.count)
        XCTAssertFalse(colors.contains(OptimizersLesson.grey))
    }

    func testImpossibleOptionsAreRejected() {
        for bad in [
            ["--surface-steps", "0"], ["--surface-steps", "-5"], ["--surface-steps", "nan"],
            ["--surface-steps", "100001"],
            ["--surface-steps", "1e9"], ["--epochs", "0"], ["--epochs", "inf"], ["--seeds", "0"], ["--seeds", "1000"],
            ["--threads", "4294967296"], ["--threads", "0"],
        ] {
            XCTAssertThrowsError(try OptimizersLesson.parse(bad), "\(bad)")
        }
    }
}
