import Engine
import Foundation
import LessonKit
import TestSupport
import XCTest
@testable import lesson_optimizers

final class OptimizersTests: XCTestCase {
    /// The quick run over its two seeds: every optimizer learns under every seed, the seeds
    /// disagree (the noise the ranking must respect), and the lesson's "within noise of the
    /// best" group is exactly the optimizers whose paired difference from the best is unresolved.
    func testQuickRunTrainsEveryOptimizerOverSeeds() throws {
        let folder = try TemporaryFolder("optimizers")
        defer { folder.remove() }
        let outcomes = try OptimizersLesson.parse(["--quick", "--quiet", "--output", folder.path]).perform()
        XCTAssertEqual(outcomes.map(\.entry.name), OptimizersLesson.entries.map(\.name))
        for outcome in outcomes {
            XCTAssertEqual(outcome.runs.runs.count, 2)
            for run in outcome.runs.runs {
                let epochs = run.history.epochs
                XCTAssertLessThan(epochs.last!.trainLoss, epochs.first!.trainLoss, outcome.entry.name)
                XCTAssertGreaterThan(epochs.last!.validationAccuracy!, 0.4, outcome.entry.name)
            }
        }
        XCTAssertTrue(outcomes.contains { $0.runs.lastEpochs(3, .validationAccuracy).std > 0 }, "seeds differ")
        let ranked = OptimizersLesson.ranking(outcomes), top = OptimizersLesson.topGroup(outcomes)
        XCTAssertEqual(top.first?.entry.name, ranked.first?.entry.name)
        let best = ranked[0].runs.lastEpochs(3, .validationAccuracy)
        for outcome in ranked.dropFirst() {
            let resolved = Difference(best, outcome.runs.lastEpochs(3, .validationAccuracy)).isResolved
            XCTAssertEqual(top.contains { $0.entry.name == outcome.entry.name }, !resolved, outcome.entry.name)
        }
        for figure in ["fashion-mnist", "validation", "rosenbrock", "rosenbrock-f"] {
            XCTAssertTrue(FileManager.default.fileExists(atPath: folder.file("optimizers-\(figure).png")), figure)
        }
        XCTAssertTrue(FileManager.default.fileExists(atPath: folder.file("optimizers-results.json")))
    }

    /// The README's Rosenbrock claims, on the full 2,000 steps (deterministic, no BLAS): Adam
    /// and the momentum methods reach the minimum; AdamW's decay keeps it short of (1, 1);
    /// plain gradient descent, AdaGrad and AdaDelta are still on their way. And the shared
    /// axes hold every point visited, so no overshoot is clipped.
    func testRosenbrockClaims() {
        let paths = OptimizersLesson.rosenbrockPaths(steps: 2000)
        let distance = Dictionary(uniqueKeysWithValues: zip(OptimizersLesson.entries.map(\.name), paths.map { OptimizersLesson.Outcome.distance($0.last!) }))
        XCTAssertLessThan(distance["Adam"]!, 1e-4)
        XCTAssertLessThan(distance["SGD + momentum 0.9"]!, 1e-2)
        XCTAssertLessThan(distance["Nesterov 0.9"]!, 1e-2)
        XCTAssertGreaterThan(distance["AdamW (weight decay 0.01)"]!, 1e-2)
        XCTAssertLessThan(distance["AdamW (weight decay 0.01)"]!, 0.2)
        for slow in ["SGD", "AdaGrad", "AdaDelta"] { XCTAssertGreaterThan(distance[slow]!, 0.2, slow) }
        XCTAssertTrue(paths.allSatisfy { $0.count == 2001 }, "no path diverged")
        let drawn = zip(OptimizersLesson.entries, paths).map { StandardPanels.SurfacePath(label: $0.name, points: $1, color: $0.color) }
        let (x, y) = StandardPanels.surfaceRange(drawn, around: (-1.6...1.6, -0.5...2))
        XCTAssertTrue(paths.joined().allSatisfy { x.contains(Double($0.x)) && y.contains(Double($0.y)) }, "no overshoot is clipped")
    }

    /// Every optimizer keeps one color in every figure, and no two share one.
    func testOneColorPerOptimizer() {
        let colors = OptimizersLesson.entries.map(\.color)
        XCTAssertEqual(Set(colors).count, colors.count)
        XCTAssertFalse(colors.contains(OptimizersLesson.grey))
    }

    func testImpossibleOptionsAreRejected() {
        for bad in [["--surface-steps", "0"], ["--surface-steps", "-5"], ["--surface-steps", "nan"], ["--surface-steps", "100001"],
                    ["--surface-steps", "1e9"], ["--epochs", "0"], ["--epochs", "inf"], ["--seeds", "0"], ["--seeds", "1000"],
                    ["--threads", "4294967296"], ["--threads", "0"]] {
            XCTAssertThrowsError(try OptimizersLesson.parse(bad), "\(bad)")
        }
    }
}
