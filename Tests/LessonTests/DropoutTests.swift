import Engine
import Foundation
import LessonKit
import Plot
import TestSupport
import XCTest
@testable import lesson_dropout

final class DropoutTests: XCTestCase {
    /// Inverted dropout keeps the expected activation: the mean over many masks matches the
    /// evaluation-mode activation, and one mask drops about a share p.
    func testMechanics() {
        let random = Random(seed: 1)
        let examples = random.uniformMatrix(rows: 12, cols: 784, 0, 1)
        let mechanics = DropoutLesson.mechanics(p: 0.5, examples: examples, masks: 2000, random: random)
        let largest = mechanics.activations.storage.max()!
        XCTAssertGreaterThan(largest, 0)
        XCTAssertLessThan(mechanics.largestDeviation, 0.1 * largest)
        XCTAssertEqual(mechanics.droppedShare, 0.5, accuracy: 0.05)
        XCTAssertTrue(mechanics.mask.storage.allSatisfy { $0 == 0 || $0 == 2 })
    }

    /// The quick run on real data, over its two seeds: without dropout the small training
    /// set is fitted far better than the validation set (last-10-epoch means); dropout
    /// narrows that gap by more than the seeds' spread, and the network still learns.
    func testQuickRunNarrowsTheGap() throws {
        let folder = try TemporaryFolder("dropout")
        defer { folder.remove() }
        let lesson = try DropoutLesson.parse(["--quick", "--quiet", "--output", folder.path])
        let runs = try lesson.perform()
        XCTAssertEqual(runs.map(\.label), ["no dropout", "p = 0.5"])
        XCTAssertEqual(runs.map(\.runs.count), [2, 2])
        let (none, dropout) = (runs[0].lastEpochs(10, .gap), runs[1].lastEpochs(10, .gap))
        XCTAssertGreaterThan(none.min, 5, "no dropout overfits 1,000 images")
        XCTAssertLessThan(dropout.max, none.min - 1.5, "every seed's gap shrinks")
        XCTAssertGreaterThan(runs[1].lastEpochs(10, .validationAccuracy).min, 70, "and still learns")
        // The ensemble reading: many thinned networks average to about the evaluation-mode
        // network, and far better than one of them.
        let ensemble = runs[1].estimate(column: DropoutLesson.DropoutRun.ensembleColumns.last!)
        let single = runs[1].estimate(column: DropoutLesson.DropoutRun.ensembleColumns[0]),
            whole = runs[1].estimate(\.evaluationModeAccuracy)
        XCTAssertEqual(ensemble.count, 2)
        XCTAssertGreaterThan(ensemble.min, single.max + 3)
        XCTAssertLessThan(abs(ensemble.mean - whole.mean), 2.5)
        // Selected on validation, scored on test: every run measured the test set after every
        // epoch, and the score is the test accuracy of the epoch its validation accuracy peaked.
        for setting in runs {
            for run in setting.runs {
                XCTAssertTrue(run.history.epochs.allSatisfy { $0.testAccuracy != nil })
            }
            let expected = setting.runs.map { run -> Double in
                let best = Convergence.bestEpoch(run.history)!
                // As runs.csv holds it: the shortest decimal of the Float.
                return Double("\(Float(100 * Double(run.history.epochs[best - 1].testAccuracy!)))")!
            }
            XCTAssertEqual(setting.atBestValidation(.testAccuracy).values, expected)
        }
        let comparisons = ComparisonsAgainstReference(
            Array(runs.dropFirst()), against: runs[0], measures: DropoutLesson.measures())
        XCTAssertEqual(comparisons.labels, ["p = 0.5"])
        XCTAssertEqual(comparisons.families[1].count, 1)
        for file in [
            "mechanics.png", "curves.png", "sweep.png", "comparison.png", "ensemble.png", "results.json", "runs.csv",
        ] {
            XCTAssertTrue(FileManager.default.fileExists(atPath: folder.file("dropout-\(file)")), file)
        }
    }

    /// The three maps of the mechanics figure share one grey scale, and only the last draws
    /// its colour bar.
    func testMechanicsMapsShareOneScaleAndOneBar() {
        let random = Random(seed: 2)
        let mechanics = DropoutLesson.mechanics(
            p: 0.5, examples: random.uniformMatrix(rows: 4, cols: 784, 0, 1), masks: 10, random: random)
        let scales = DropoutLesson.mechanicsFigure(mechanics, p: 0.5).panels.compactMap { panel -> ImageScale? in
            guard case let .image(_, scale)? = panel.series.first?.content else { return nil }
            return scale
        }
        XCTAssertEqual(scales.count, 3)
        XCTAssertEqual(Set(scales.map(\.range.upperBound)).count, 1)
        XCTAssertEqual(scales.map(\.showsBar), [false, false, true])
    }

    func testImpossibleOptionsAreRejected() {
        for bad in [
            ["--p", "1"], ["--p", "-0.1"], ["--p", "nan"], ["--sweep", "0,1.5"], ["--sweep", "x"],
            ["--batch-size", "0"],
            ["--epochs", "-2"], ["--epochs", "0"], ["--learning-rate", "inf"], ["--seeds", "0"],
            ["--threads", "4294967296"],
        ] {
            XCTAssertThrowsError(try DropoutLesson.parse(bad), "\(bad)")
        }
    }
}
