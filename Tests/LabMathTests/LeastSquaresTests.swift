import Engine
@testable import LabMath
import XCTest

final class LeastSquaresTests: XCTestCase {
    func testRecoversAnExactLinearRelation() {
        let a = Matrix([[1, 0], [1, 1], [1, 2], [1, 3]])
        let b = Matrix([[1], [3], [5], [7]])  // b = 1 + 2x
        let w = LeastSquares.solve(a, b)
        XCTAssertEqual(w[0, 0], 1, accuracy: 1e-5)
        XCTAssertEqual(w[1, 0], 2, accuracy: 1e-5)
    }

    /// Least squares of noisy data: the residual is orthogonal to every column.
    func testResidualIsOrthogonalToTheColumns() {
        let random = Random(seed: 1)
        let x = random.uniformMatrix(rows: 40, cols: 1, 0, 1)
        let a = LeastSquares.legendreFeatures(x, degree: 9)
        let b = random.normalMatrix(rows: 40, cols: 1)
        let residual = Matrix.product(a, LeastSquares.solve(a, b)).zip(b, -)
        let projections = Matrix.product(a, transposeA: true, residual)
        XCTAssertLessThan(projections.storage.map(abs).max()!, 1e-4)
    }

    func testLegendreBasis() {
        let x = Matrix([[0], [0.5], [1]])  // t = −1, 0, 1
        let p = LeastSquares.legendreFeatures(x, degree: 3)
        // P₂(t) = (3t² − 1)/2, P₃(t) = (5t³ − 3t)/2
        XCTAssertEqual(p.row(0).map { $0 }, [1, -1, 1, -1])
        XCTAssertEqual(p.row(1).map { $0 }, [1, 0, -0.5, 0])
        XCTAssertEqual(p.row(2).map { $0 }, [1, 1, 1, 1])
    }
}
