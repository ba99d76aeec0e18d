import Engine
import Foundation
import TestSupport
import XCTest
@testable import lesson_augmentation

final class AugmentationLessonTests: XCTestCase {
    /// The quick run: without augmentation the network memorizes its few images; with it
    /// the gap between training and validation accuracy is much smaller.
    func testQuickRunShrinksTheGap() throws {
        let folder = try TemporaryFolder("augmentation")
        defer { folder.remove() }
        let outcomes = try AugmentationLesson.parse(["--quick", "--quiet", "--output", folder.path]).perform()
        XCTAssertEqual(outcomes.map(\.label), ["no augmentation", "augmentation"])
        XCTAssertGreaterThan(outcomes[0].history.last!.trainAccuracy!, 0.97, "memorized")
        XCTAssertGreaterThan(outcomes[0].gap, 0.15)
        XCTAssertLessThan(outcomes[1].gap, outcomes[0].gap / 2)
        XCTAssertGreaterThan(outcomes[1].history.last!.validationAccuracy!, 0.6, "and still learns")
        for figure in ["examples", "curves"] {
            XCTAssertTrue(FileManager.default.fileExists(atPath: folder.file("augmentation-\(figure).png")), figure)
        }
    }

    func testImpossibleOptionsAreRejected() {
        for bad in [["--shift", "-1"], ["--rotation", "200"], ["--flip", "1.5"], ["--train-size", "0"]] {
            XCTAssertThrowsError(try AugmentationLesson.parse(bad), "\(bad)")
        }
    }
}
