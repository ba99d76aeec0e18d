import Engine
import Foundation
import LessonKit
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
        let single = runs[1].estimate(column: DropoutLesson.DropoutRun.ensembleColumns[0]), whole = runs[1].estimate(\.evaluationModeAccuracy)
        XCTAssertEqual(ensemble.count, 2)
        XCTAssertGreaterThan(ensemble.min, single.max + 3)
        XCTAssertLessThan(abs(ensemble.mean - whole.mean), 2.5)
        for file in ["mechanics.png", "curves.png", "sweep.png", "ensemble.png", "results.json", "runs.csv"] {
            XCTAssertTrue(FileManager.default.fileExists(atPath: folder.file("dropout-\(file)")), file)
        }
    }

    func testImpossibleOptionsAreRejected() {
        for bad in [["--p", "1"], ["--p", "-0.1"], ["--p", "nan"], ["--sweep", "0,1.5"], ["--sweep", "x"], ["--batch-size", "0"],
                    ["--epochs", "-2"], ["--epochs", "0"], ["--learning-rate", "inf"], ["--seeds", "0"], ["--threads", "4294967296"]] {
            XCTAssertThrowsError(try DropoutLesson.parse(bad), "\(bad)")
        }
    }
}
