import Engine
import Foundation
import LessonKit
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
        // The plug-in bias² at the top degree is of the size of its own noise, variance/sets,
        // while the median model's bias² stays an order of magnitude smaller: an estimator
        // artefact, not bias.
        XCTAssertLessThan(last.bias2, 5 * last.bias2NoiseFloor)
        XCTAssertLessThan(last.medianBias2, last.bias2 / 10)
        XCTAssertLessThan(last.medianBias2, 0.01)

        // More data (each size trained to convergence): under every seed the train–test gap
        // closes and test accuracy rises with the size; training accuracy falls.
        let curve = report.learningCurve
        XCTAssertEqual(report.sizes, [100, 1000, 5000])
        for seed in 0..<2 {
            let trainAccuracy = curve.map { $0.estimate(\.trainAccuracy).values[seed] }
            let testAccuracy = curve.map { $0.testAccuracy.values[seed] }
            XCTAssertEqual(trainAccuracy, trainAccuracy.sorted(by: >), "seed \(seed)")
            XCTAssertEqual(testAccuracy, testAccuracy.sorted(), "seed \(seed)")
            XCTAssertGreaterThan(trainAccuracy[0] - testAccuracy[0], 20, "100 images are memorized")
            XCTAssertLessThan(trainAccuracy[2] - testAccuracy[2], 8)
        }
        // Converged end points only, no epoch histories: the runs are in per-run.csv.
        XCTAssertFalse(FileManager.default.fileExists(atPath: folder.file("bias-variance-runs.csv")))
        for file in ["capacity.png", "more-data.png", "results.json", "per-run.csv"] {
            XCTAssertTrue(FileManager.default.fileExists(atPath: folder.file("bias-variance-\(file)")), file)
        }
    }

    func testImpossibleOptionsAreRejected() {
        for bad in [
            ["--points", "1"], ["--points", "100000"], ["--noise", "-1"], ["--noise", "inf"], ["--noise", "nan"],
            ["--noise", "1e38"],
            ["--training-sets", "10"], ["--training-sets", "1000000"], ["--seeds", "0"], ["--epochs", "0"],
            ["--epochs", "100000"],
        ] {
            XCTAssertThrowsError(try BiasVarianceLesson.parse(bad), "\(bad)")
        }
    }
}
