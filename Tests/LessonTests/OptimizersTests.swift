import Engine
import Foundation
import TestSupport
import XCTest
@testable import lesson_optimizers

final class OptimizersTests: XCTestCase {
    func testQuickRunTrainsEveryOptimizer() throws {
        let folder = try TemporaryFolder("optimizers")
        defer { folder.remove() }
        let outcomes = try OptimizersLesson.parse(["--quick", "--quiet", "--output", folder.path]).perform()
        XCTAssertEqual(outcomes.map(\.entry.name), OptimizersLesson.entries.map(\.name))
        for outcome in outcomes {
            let epochs = outcome.history.epochs
            // Every optimizer learns: the loss falls and accuracy is far above chance.
            XCTAssertLessThan(epochs.last!.trainLoss, epochs.first!.trainLoss, outcome.entry.name)
            XCTAssertGreaterThan(epochs.last!.validationAccuracy!, 0.4, outcome.entry.name)
            // And makes progress on Rosenbrock from (−1.2, 1.2), which is 2.2 from the minimum.
            XCTAssertLessThan(outcome.surfaceDistance, 2.2, outcome.entry.name)
        }
        for figure in ["fashion-mnist", "rosenbrock"] {
            XCTAssertTrue(FileManager.default.fileExists(atPath: folder.file("optimizers-\(figure).png")), figure)
        }
    }
}
