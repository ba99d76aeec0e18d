import Engine
import EngineData
import Foundation
import LessonKit
import TestSupport
import XCTest

final class EstimateTests: XCTestCase {
    func testMeanStdAndStandardError() {
        let estimate = Estimate([1, 2, 3, 4])
        XCTAssertEqual(estimate.mean, 2.5)
        XCTAssertEqual(estimate.std, (5.0 / 3).squareRoot(), accuracy: 1e-12)
        XCTAssertEqual(estimate.standardError, estimate.std / 2, accuracy: 1e-12)
        XCTAssertEqual(estimate.formatted(), "2.50 ± 1.29")
        XCTAssertEqual(Estimate([7]).formatted(), "7.00", "one seed has no spread to show")
    }

    /// Paired differences: a constant offset under the same seeds is resolved however noisy
    /// each setting is; the same numbers unpaired are within noise.
    func testPairedDifferenceSeesThroughSharedNoise() {
        let a = Estimate([80, 85, 90, 75, 88]), b = Estimate([79, 84, 89, 74, 87])
        let paired = Difference(a, b)
        XCTAssertTrue(paired.paired)
        XCTAssertEqual(paired.mean, 1, accuracy: 1e-12)
        XCTAssertEqual(paired.standardError, 0, accuracy: 1e-12)
        XCTAssertTrue(paired.isResolved)
        XCTAssertTrue(paired.verdict("a", "b", quantity: "x").line.contains("a is higher than b by 1.00"))
        let unpaired = Difference(a, b, paired: false)
        XCTAssertFalse(unpaired.isResolved)
        XCTAssertTrue(unpaired.verdict("a", "b", quantity: "x").line.contains("within noise (cannot exclude"))
    }

    /// The t bound: 4 paired differences with mean 1 and std 1 give t = 2 < 3.1824 (df 3).
    func testStudentBound() {
        let d = Difference(Estimate([1, 2, 3, 2]), Estimate([0, 0, 3, 1]))
        XCTAssertEqual(d.mean, 1)
        XCTAssertEqual(d.margin, 3.1824463 * d.standardError, accuracy: 1e-7)
        XCTAssertFalse(d.isResolved)
        XCTAssertFalse(Difference(Estimate([1]), Estimate([0])).isResolved, "one seed cannot resolve anything")
        XCTAssertFalse(
            Difference(Estimate([1, 2]), Estimate([0, 1])).isResolved, "two equal differences estimate no noise")
    }

    /// Least squares and Spearman's correlation (hyperparameters' report) agree with numpy's
    /// least squares and scipy's `spearmanr` on small data sets (values computed with them):
    /// coefficients, 95 % margins, ρ with a tie, and its p-value.
    func testLeastSquaresAndSpearmanMatchTheReferenceImplementations() throws {
        let x = [1.0, 2, 3, 4, 5, 6, 7, 8], flag = [0.0, 1, 0, 1, 0, 1, 0, 1]
        let y = [1.1, 3.2, 4.8, 7.3, 9.0, 10.9, 13.2, 15.1]
        let fit = try XCTUnwrap(OrdinaryLeastSquares(x.indices.map { [1, x[$0], flag[$0]] }, y))
        for (got, expected) in zip(fit.coefficients, [(-0.955, 0.38661414), (1.995, 0.07582127), (0.105, 0.34745671)]) {
            XCTAssertEqual(got.coefficient, expected.0, accuracy: 1e-9)
            XCTAssertEqual(got.margin, expected.1, accuracy: 1e-7)
        }
        XCTAssertNil(
            OrdinaryLeastSquares([[1, 2], [1, 3]], [1, 2]), "no residual degrees of freedom")
        let correlation = SpearmanCorrelation(x, [2, 1, 4, 3, 3, 6, 8, 7])
        XCTAssertEqual(correlation.rho, 0.8742671711966791, accuracy: 1e-12)
        XCTAssertEqual(correlation.pValue, 0.004512385603651025, accuracy: 1e-9)
        XCTAssertEqual(SpearmanCorrelation.ranks([3, 1, 3, 2]), [3.5, 1, 3.5, 2])
    }
}
