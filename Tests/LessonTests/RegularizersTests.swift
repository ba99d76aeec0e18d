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
                XCTAssertGreaterThan(run.testAccuracy, 30, "\(setting.label) learns")
                XCTAssertLessThanOrEqual(run.epochs, 15)
            }
        }
        // Batch normalization lets this network fit its 500 images far better in 15 epochs:
        // the largest training accuracy of all, on every seed.
        let batchNorm = runs.last!.estimate(\.trainAccuracy)
        for setting in runs.dropLast() { XCTAssertGreaterThan(batchNorm.min, setting.estimate(\.trainAccuracy).max, setting.label) }
        XCTAssertTrue(FileManager.default.fileExists(atPath: folder.file("regularizers-comparison.png")))
    }
}
