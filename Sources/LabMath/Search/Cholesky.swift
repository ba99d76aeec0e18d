import Engine
/// Cholesky factorization A = L·Lᵀ of a symmetric positive definite matrix (row-major, in
/// Double) and the triangular solves that go with it: the linear algebra behind least
/// squares and Gaussian processes.
public enum Cholesky {
    /// L (lower triangle, row-major n×n), or nil if A is not positive definite.
    public static func factor(_ a: [Double], size n: Int) -> [Double]? {
        var l = [Double](repeating: 0, count: n * n)
        for j in 0..<n {
            var diagonal = a[j * n + j]
            for k in 0..<j { diagonal -= l[j * n + k] * l[j * n + k] }
            guard diagonal > 0 else { return nil }
            let root = diagonal.squareRoot()
            l[j * n + j] = root
            for i in (j + 1)..<max(n, j + 1) {
                var value = a[i * n + j]
                for k in 0..<j { value -= l[i * n + k] * l[j * n + k] }
                l[i * n + j] = value / root
            }
        }
        return l
    }

    /// Solves L·y = b.
    public static func forward(_ l: [Double], size n: Int, _ b: [Double]) -> [Double] {
        var y = b
        for i in 0..<n {
            for k in 0..<i { y[i] -= l[i * n + k] * y[k] }
            y[i] /= l[i * n + i]
        }
        return y
    }

    /// Solves A·x = b given A's factor L (forward, then backward through Lᵀ).
    public static func solve(_ l: [Double], size n: Int, _ b: [Double]) -> [Double] {
        var x = forward(l, size: n, b)
        for i in stride(from: n - 1, through: 0, by: -1) {
            for k in (i + 1)..<max(n, i + 1) { x[i] -= l[k * n + i] * x[k] }
            x[i] /= l[i * n + i]
        }
        return x
    }
}
