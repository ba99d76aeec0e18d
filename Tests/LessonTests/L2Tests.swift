import Engine
import Foundation
import TestSupport
import XCTest
@testable import lesson_l2

final class L2Tests: XCTestCase {
    /// The penalty in the loss and SGD's weight decay 2λ/n (on the weights only) take
    /// identical steps, with momentum too.
    func testPenaltyEqualsWeightDecay() throws {
        let store = try MNISTFormat.load(.test, from: MNISTFormat.directory(explicit: nil))
        let data = ImageDataset(store: store).randomSubset(256, random: Random(seed: 1))
        XCTAssertLessThan(L2Lesson.penaltyVersusWeightDecay(lambda: 0.5, steps: 12, batchSize: 32, data: data, seed: 3), 1e-6)
    }

    /// The quick run: a larger λ gives smaller weights and a smaller generalization gap.
    func testQuickRunShrinksWeightsAndTheGap() throws {
        let folder = try TemporaryFolder("l2")
        defer { folder.remove() }
        let report = try L2Lesson.parse(["--quick", "--quiet", "--output", folder.path]).perform()
        XCTAssertEqual(report.outcomes.map(\.lambda), [0, 0.1, 1])
        let norms = report.outcomes.map(\.squaredWeightNorm)
        XCTAssertEqual(norms, norms.sorted(by: >), "weights shrink as λ grows")
        XCTAssertLessThan(norms[2], norms[0] / 2)
        XCTAssertLessThan(report.outcomes[2].gap, report.outcomes[0].gap)
        XCTAssertEqual(report.equivalenceDifference, 0)
        for figure in ["sweep", "weights"] {
            XCTAssertTrue(FileManager.default.fileExists(atPath: folder.file("l2-\(figure).png")), figure)
        }
    }

    func testImpossibleOptionsAreRejected() {
        for bad in [["--lambdas", "0,-1"], ["--lambdas", "a"], ["--batch-size", "0"], ["--train-size", "0"]] {
            XCTAssertThrowsError(try L2Lesson.parse(bad), "\(bad)")
        }
    }
}
