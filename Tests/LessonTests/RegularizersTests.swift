import Foundation
import LessonKit
import TestSupport
import XCTest
@testable import lesson_regularizers

final class RegularizersTests: XCTestCase {
    /// The quick run trains every technique under the same two seeds and measures each
    /// final network the same way; the measurements hang together (early stopping never
    /// trains longer than its budget, augmentation trains three budgets), and the figure is
    /// written.
    func testQuickRunComparesEveryTechnique() throws {
        let folder = try TemporaryFolder("regularizers")
        defer { folder.remove() }
        let runs = try RegularizersLesson.parse(["--quick", "--quiet", "--output", folder.path]).perform()
        XCTAssertEqual(runs.map(\.label), RegularizersLesson.techniques.map(\.label))
        for (setting, technique) in zip(runs, RegularizersLesson.techniques) {
            XCTAssertEqual(setting.runs.count, 2, setting.label)
            for run in setting.runs {
                XCTAssertGreaterThan(run.testAccuracy, 30, "\(setting.label) learns")
                if technique.earlyStopping {
                    XCTAssertLessThanOrEqual(run.epochs, 15)
                } else {
                    XCTAssertEqual(run.epochs, Double(technique.epochs(15)))
                }
            }
        }
        XCTAssertEqual(RegularizersLesson.techniques.first { $0.augmentation }?.epochs(15), 45)
        // Batch normalization, alone or with dropout, lets this network fit its 500 images far
        // better in 15 epochs: the largest training accuracies of all, on every seed.
        let (batchNorm, others) = (
            zip(runs, RegularizersLesson.techniques).filter { $0.1.batchNorm }.map(\.0),
            zip(runs, RegularizersLesson.techniques).filter { !$0.1.batchNorm }.map(\.0)
        )
        XCTAssertEqual(batchNorm.count, 2)
        for normalized in batchNorm {
            for setting in others {
                XCTAssertGreaterThan(
                    normalized.estimate(\.trainAccuracy).min, setting.estimate(\.trainAccuracy).max,
                    "\(normalized.label) vs \(setting.label)")
            }
        }
        XCTAssertTrue(FileManager.default.fileExists(atPath: folder.file("regularizers-comparison.png")))
    }
}
