import Engine
import Foundation
@testable import LabMath
import XCTest

final class CurvatureTests: XCTestCase {
    /// Against eigenvalues known in closed form: [[2, 1], [1, 2]] has 3 and 1, and a
    /// diagonal matrix its diagonal; and the trace and determinant of a random symmetric 4×4.
    func testJacobiEigenvaluesMatchClosedForms() {
        let two = SymmetricEigenvalues.of([2, 1, 1, 2], size: 2)
        XCTAssertEqual(two[0], 3, accuracy: 1e-12)
        XCTAssertEqual(two[1], 1, accuracy: 1e-12)
        XCTAssertEqual(SymmetricEigenvalues.of([1, 0, 0, 0, 5, 0, 0, 0, 3], size: 3), [5, 3, 1])
        let random = Random(seed: 4)
        var a = [Double](repeating: 0, count: 16)
        for i in 0..<4 { for j in 0...i { a[i * 4 + j] = Double(random.normal()); a[j * 4 + i] = a[i * 4 + j] } }
        let values = SymmetricEigenvalues.of(a, size: 4)
        XCTAssertEqual(values.reduce(0, +), (0..<4).reduce(0) { $0 + a[$1 * 5] }, accuracy: 1e-10)
        // Each eigenvalue makes A − λI singular: its smallest singular value is ~0, checked by
        // the determinant of the 4×4 (Laplace expansion is fine at this size).
        for lambda in values {
            var shifted = a
            for i in 0..<4 { shifted[i * 5] -= lambda }
            XCTAssertEqual(Self.determinant(shifted, size: 4), 0, accuracy: 1e-9)
        }
    }

    /// The Hessian of the mean squared error: for inputs x with mean 0 and variance v (with
    /// the bias column) the Hessian is diag(2v, 2), so κ = v for v > 1; measured gradient
    /// descent needs the predicted number of steps at the best rate.
    func testCurvatureOfStandardizedAndScaledInputs() {
        var x = Matrix(rows: 4, cols: 1)
        for (r, value) in [-3.0, -1.0, 1.0, 3.0].enumerated() { x[r, 0] = Float(value) }  // mean 0, variance 5
        let curvature = QuadraticCurvature(meanSquaredErrorOf: x)
        XCTAssertEqual(curvature.eigenvalues[0], 10, accuracy: 1e-9)
        XCTAssertEqual(curvature.eigenvalues[1], 2, accuracy: 1e-9)
        XCTAssertEqual(curvature.conditionNumber, 5, accuracy: 1e-9)
        XCTAssertEqual(curvature.largestStableRate, 0.2, accuracy: 1e-12)
        // At η = 2/(10 + 2) both directions shrink by 2/3 per step: ln(1e-6)/ln(2/3) ≈ 34.07.
        XCTAssertEqual(curvature.stepsAtBestRate(toShrinkBy: 1e-6), log(1e-6) / log(2.0 / 3), accuracy: 1e-9)
        XCTAssertEqual(
            curvature.steps(toShrinkBy: 1e-6, learningRate: 1.0 / 6)!, log(1e-6) / log(2.0 / 3), accuracy: 1e-9)
        XCTAssertNil(curvature.steps(toShrinkBy: 1e-6, learningRate: 0.25), "above 2/λ_max = 0.2")
    }

    static func determinant(_ m: [Double], size n: Int) -> Double {
        guard n > 1 else { return m[0] }
        return (0..<n).reduce(0.0) { sum, column in
            let minor = (1..<n).flatMap { r in (0..<n).filter { $0 != column }.map { m[r * n + $0] } }
            return sum + (column % 2 == 0 ? 1 : -1) * m[column] * determinant(minor, size: n - 1)
        }
    }
}
