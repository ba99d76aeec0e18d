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
        // Cholesky: normal = L·Lᵀ, L lower triangular (stored in place).
        for j in 0..<n {
            var diagonal = normal[j * n + j]
            for k in 0..<j { diagonal -= normal[j * n + k] * normal[j * n + k] }
            precondition(diagonal > 0, "normal equations are singular: add a ridge or use fewer columns")
            let root = diagonal.squareRoot()
            normal[j * n + j] = root
            for i in (j + 1)..<max(n, j + 1) {
                var value = normal[i * n + j]
                for k in 0..<j { value -= normal[i * n + k] * normal[j * n + k] }
                normal[i * n + j] = value / root
            }
        }
        // Forward then back substitution.
        var y = right
        for i in 0..<n {
            for k in 0..<i { y[i] -= normal[i * n + k] * y[k] }
            y[i] /= normal[i * n + i]
        }
        var w = y
        for i in stride(from: n - 1, through: 0, by: -1) {
            for k in (i + 1)..<max(n, i + 1) { w[i] -= normal[k * n + i] * w[k] }
            w[i] /= normal[i * n + i]
        }
        return Matrix(rows: n, cols: 1, w.map(Float.init))
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
