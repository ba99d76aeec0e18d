import Engine
import Foundation
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

    /// The quick run on real data: without dropout the small training set is fitted far
    /// better than the validation set; dropout narrows that gap.
    func testQuickRunNarrowsTheGap() throws {
        let folder = try TemporaryFolder("dropout")
        defer { folder.remove() }
        let lesson = try DropoutLesson.parse(["--quick", "--quiet", "--output", folder.path])
        let outcomes = try lesson.perform()
        XCTAssertEqual(outcomes.map(\.p), [0, 0.5])
        let (none, dropout) = (outcomes[0], outcomes[1])
        XCTAssertGreaterThan(none.gap, 0.08, "no dropout overfits 1,000 images")
        XCTAssertLessThan(dropout.gap, none.gap - 0.03)
        XCTAssertGreaterThan(dropout.validation, 0.7, "and still learns")
        for figure in ["mechanics", "curves", "sweep"] {
            XCTAssertTrue(FileManager.default.fileExists(atPath: folder.file("dropout-\(figure).png")), figure)
        }
    }

    func testImpossibleOptionsAreRejected() {
        for bad in [["--p", "1"], ["--p", "-0.1"], ["--sweep", "0,1.5"], ["--sweep", "x"], ["--batch-size", "0"], ["--epochs", "-2"]] {
            XCTAssertThrowsError(try DropoutLesson.parse(bad), "\(bad)")
        }
    }
}
