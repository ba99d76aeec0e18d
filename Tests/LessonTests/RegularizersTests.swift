import Foundation
import LessonKit
import TestSupport
import XCTest
@testable import lesson_regularizers

final class RegularizersTests: XCTestCase {
    /// The quick run trains every technique under the same two seeds and measures each
    /// final network the same way; the measurements hang together (gap = train − validation,
    /// early stopping never trains longer than the others), and the figure is written.
    func testQuickRunComparesEveryTechnique() throws {
        let folder = try TemporaryFolder("regularizers")
        defer { folder.remove() }
        let runs = try RegularizersLesson.parse(["--quick", "--quiet", "--output", folder.path]).perform()
        XCTAssertEqual(runs.map(\.label), RegularizersLesson.techniques.map(\.label))
        for setting in runs {
            XCTAssertEqual(setting.runs.count, 2, setting.label)
            for run in setting.runs {
                XCTAssertEqual(run.extras["gap"]!, run.extras["train"]! - run.extras["validation"]!, accuracy: 1e-9)
                XCTAssertGreaterThan(run.extras["test"]!, 30, "\(setting.label) learns")
                XCTAssertLessThanOrEqual(run.extras["epochs"]!, 15)
            }
        }
        // Batch normalization lets this network fit its 500 images far better in 15 epochs:
        // the largest training accuracy of all, on every seed.
        let batchNorm = runs.last!.extra("train")
        for setting in runs.dropLast() { XCTAssertGreaterThan(batchNorm.min, setting.extra("train").max, setting.label) }
        XCTAssertTrue(FileManager.default.fileExists(atPath: folder.file("regularizers-comparison.png")))
    }
}
