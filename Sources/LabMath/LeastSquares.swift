import Engine
/// Linear least squares for the toy regression lessons: the weights w minimizing
/// ‖A·w − b‖² + ridge·‖w‖², solved through the normal equations (AᵀA + ridge·I)·w = Aᵀb by a
/// Cholesky factorization in Double. Fine for the few dozen columns of a polynomial fit
/// with a well-conditioned basis; not a general solver.
public enum LeastSquares {
    public static func solve(_ a: Matrix, _ b: Matrix, ridge: Double = 0) -> Matrix {
        precondition(a.rows == b.rows && b.cols == 1, "A is \(a.rows)×\(a.cols), b must be \(a.rows)×1")
        let n = a.cols
        var normal = [Double](repeating: 0, count: n * n)
        var right = [Double](repeating: 0, count: n)
        for r in 0..<a.rows {
            for i in 0..<n {
                let ai = Double(a[r, i])
                right[i] += ai * Double(b[r, 0])
                for j in 0...i { normal[i * n + j] += ai * Double(a[r, j]) }
            }
        }
        for i in 0..<n {
            normal[i * n + i] += ridge
            for j in 0..<i { normal[j * n + i] = normal[i * n + j] }
        }
        guard let factor = Cholesky.factor(normal, size: n) else {
            preconditionFailure("normal equations are singular: add a ridge or use fewer columns")
        }
        return Matrix(rows: n, cols: 1, Cholesky.solve(factor, size: n, right).map(Float.init))
    }

    /// Legendre polynomials P₀ … P_degree of t = 2x − 1 for x in [0, 1]: a polynomial basis
    /// whose columns stay nearly orthogonal, so fits of degree 15 remain well conditioned
    /// where plain powers xᵏ would not.
    public static func legendreFeatures(_ x: Matrix, degree: Int) -> Matrix {
        precondition(x.cols == 1 && degree >= 0, "one input column and a non-negative degree")
        var features = Matrix(rows: x.rows, cols: degree + 1)
        for r in 0..<x.rows {
            let t = 2 * Double(x[r, 0]) - 1
            var previous = 1.0, current = t
            features[r, 0] = 1
            if degree >= 1 { features[r, 1] = Float(t) }
            if degree >= 2 {
                for k in 2...degree {
                    // (k)·P_k = (2k − 1)·t·P_{k−1} − (k − 1)·P_{k−2}
                    let next = (Double(2 * k - 1) * t * current - Double(k - 1) * previous) / Double(k)
                    previous = current
                    current = next
                    features[r, k] = Float(next)
                }
            }
        }
        return features
    }
}
