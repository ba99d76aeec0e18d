import Engine
import Foundation
import TestSupport
import XCTest
@testable import lesson_bias_variance

final class BiasVarianceTests: XCTestCase {
    func testQuickRunShowsTheTradeOffAndTheDataEffect() throws {
        let folder = try TemporaryFolder("bias-variance")
        defer { folder.remove() }
        let report = try BiasVarianceLesson.parse(["--quick", "--quiet", "--output", folder.path]).perform()

        // Nested least-squares models: the training error can only fall as the degree grows.
        let train = report.single.map(\.train)
        for (a, b) in zip(train, train.dropFirst()) { XCTAssertLessThanOrEqual(b, a + 1e-6) }
        // The decomposition adds up to the measured expected error.
        for d in report.decompositions {
            XCTAssertEqual(d.sum, d.expectedError, accuracy: 0.05 * d.expectedError, "degree \(d.degree)")
        }
        // Underfitting at degree 0 (bias dominates), overfitting at the top (variance dominates),
        // the sweet spot in between.
        let first = report.decompositions.first!, last = report.decompositions.last!
        XCTAssertGreaterThan(first.bias2, 10 * first.variance)
        XCTAssertGreaterThan(last.variance, 10 * last.bias2)
        let best = report.decompositions.min { $0.expectedError < $1.expectedError }!
        XCTAssertTrue((2...6).contains(best.degree), "best degree \(best.degree)")

        // More data: the train–test gap closes and test accuracy rises.
        let small = report.learningCurve.first!, large = report.learningCurve.last!
        XCTAssertGreaterThan(mean(small.train) - mean(small.test), 0.2)
        XCTAssertLessThan(mean(large.train) - mean(large.test), 0.1)
        XCTAssertGreaterThan(mean(large.test), mean(small.test))
        for figure in ["capacity", "more-data"] {
            XCTAssertTrue(FileManager.default.fileExists(atPath: folder.file("bias-variance-\(figure).png")), figure)
        }
    }

    func testImpossibleOptionsAreRejected() {
        for bad in [["--points", "1"], ["--noise", "-1"], ["--training-sets", "10"], ["--seeds", "1"]] {
            XCTAssertThrowsError(try BiasVarianceLesson.parse(bad), "\(bad)")
        }
    }
}
