import Engine
import EngineData
import Foundation
import LessonKit
import TestSupport
import XCTest
@testable import lesson_l2

final class L2Tests: XCTestCase {
    /// The penalty in the loss and SGD's weight decay 2λ/n (on the weights only) take
    /// identical steps, with momentum too.
    func testPenaltyEqualsWeightDecay() throws {
        let store = try MNISTFormat.load(.test, from: MNISTFormat.directory(explicit: nil))
        let data = ImageDataset(store: store).randomSubset(256, random: Random(seed: 1))
        XCTAssertLessThan(
            L2Lesson.penaltyVersusWeightDecay(lambda: 0.5, steps: 12, batchSize: 32, data: data, seed: 3), 1e-6)
    }

    /// The quick run with its own --lambdas (honoured, not replaced by the quick grid), over
    /// two seeds: under every seed a larger λ gives smaller weights, and λ = 1 a smaller
    /// generalization gap (last 10 epochs) than λ = 0.
    func testQuickRunShrinksWeightsAndTheGap() throws {
        let folder = try TemporaryFolder("l2")
        defer { folder.remove() }
        let report = try L2Lesson.parse(["--quick", "--quiet", "--output", folder.path, "--lambdas", "1,0,0.3"])
            .perform()
        XCTAssertEqual(report.lambdas, [0, 0.3, 1])
        XCTAssertEqual(report.runs.map(\.runs.count), [2, 2, 2])
        for seed in 0..<2 {
            let norms = report.runs.map { $0.estimate(\.weightNorm).values[seed] }
            XCTAssertEqual(norms, norms.sorted(by: >), "weights shrink as λ grows")
            XCTAssertLessThan(norms[2], norms[0] / 2)
        }
        let gaps = (report.runs[0].lastEpochs(10, .gap).values, report.runs[2].lastEpochs(10, .gap).values)
        for seed in 0..<2 {
            XCTAssertLessThan(gaps.1[seed], gaps.0[seed] - 1, "seed \(seed)'s gap shrinks; gaps \(gaps)")
        }
        // The weight norm per epoch: one value at initialization and one per epoch, the same
        // start under a seed whatever λ, growing without penalty and shrinking with λ = 1.
        for seed in 0..<2 {
            let norms = report.runs.map { $0.runs[seed].weightNorms }
            XCTAssertEqual(norms.map(\.count), [41, 41, 41])
            XCTAssertEqual(Set(norms.map { $0[0] }).count, 1, "one initialization per seed")
            // The estimate holds each run's value as per-run.csv does: the shortest decimal of the Float.
            XCTAssertEqual(
                norms.map { Double("\(Float($0.last!))")! }, report.runs.map { $0.estimate(\.weightNorm).values[seed] })
            XCTAssertGreaterThan(norms[0].last!, norms[0][0], "λ = 0 grows the weights")
            XCTAssertLessThan(norms[2].last!, norms[2][0] / 2, "λ = 1 shrinks them")
        }
        let comparisons = try XCTUnwrap(report.comparisons)
        XCTAssertEqual(comparisons.reference.label, "λ = 0")
        XCTAssertEqual(comparisons.labels, ["λ = 0.3", "λ = 1"])
        XCTAssertEqual(comparisons.families.map(\.count), [2, 2, 2, 2])
        XCTAssertEqual(report.equivalenceDifference, 0)
        // λ = 0's validation loss over the last third of the budget (epochs 26 and 40 of the
        // quick run's 40): a table and a verdict that --check recomputes from the data files.
        let results = try LessonResults.read(folder.file("l2-results.json"))
        XCTAssertTrue(
            results.verdicts?.contains {
                $0.wording.quantity == "Validation loss at λ = 0" && $0.wording.a == "epoch 40"
                    && $0.wording.b == "epoch 26" && $0.isDerivable
            } ?? false, results.report.joined(separator: "\n"))
        XCTAssertTrue(results.report.contains { $0.hasPrefix("λ = 0") && $0.contains(" ± ") })
        // Each λ's lowest validation loss against λ = 0's, and each λ's loss at the end against
        // λ = 0's lowest: paired verdicts in Holm families over the two λ > 0, from the data files.
        let verdicts = results.verdicts ?? []
        let lowest = verdicts.filter { $0.wording.quantity.contains("lowest validation loss") }
        let endAgainstLowest = verdicts.filter { $0.wording.b == "λ = 0 at its lowest" }
        XCTAssertEqual(lowest.map(\.wording.a), ["λ = 0.3", "λ = 1"])
        XCTAssertEqual(endAgainstLowest.map(\.wording.a), ["λ = 0.3, last 10", "λ = 1, last 10"])
        for verdict in lowest + endAgainstLowest {
            XCTAssertTrue(verdict.isDerivable && verdict.holm?.comparisons.count == 2, verdict.line)
            XCTAssertEqual(verdict.comparison.b?.summary, .lowest, verdict.line)
        }
        XCTAssertEqual(DataCheck.problems(lesson: "l2", folder: folder.path), [])
        for file in [
            "sweep.png", "norms.png", "comparison.png", "weights.png", "results.json", "runs.csv", "per-run.csv",
        ] {
            XCTAssertTrue(FileManager.default.fileExists(atPath: folder.file("l2-\(file)")), file)
        }
    }

    func testImpossibleOptionsAreRejected() {
        for bad in [
            ["--lambdas", "0,-1"], ["--lambdas", "a"], ["--lambdas", "inf"], ["--lambdas", "0,nan"],
            ["--lambdas", "1e30"],
            ["--lambdas", "5000"], ["--batch-size", "0"], ["--batch-size", "-3"], ["--batch-size", "1e12"],
            ["--train-size", "-1"],
            ["--train-size", "99999999999"], ["--epochs", "0"], ["--seeds", "0"],
        ] {
            XCTAssertThrowsError(try L2Lesson.parse(bad), "\(bad)")
        }
        XCTAssertNoThrow(try L2Lesson.parse(["--lambdas", "0,3200"]))
        XCTAssertNil(try L2Lesson.parse(["--train-size", "0"]).trainSize.limit, "0 is the whole training split")
    }
}
