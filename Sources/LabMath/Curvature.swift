import Engine
import Foundation

/// The curvature of a least-squares loss, which decides how fast gradient descent can go.
/// For the mean squared error of a linear model with a bias, L(w) = (1/n)·‖X̃w − y‖², the
/// Hessian is the constant matrix H = (2/n)·X̃ᵀX̃ (X̃ is X with a column of ones): the loss is
/// an exact quadratic bowl whose axes are H's eigenvectors and whose steepness along each is
/// its eigenvalue.
public struct QuadraticCurvature: Sendable {
    /// H's eigenvalues, largest first.
    public let eigenvalues: [Double]

    /// The Hessian of the mean squared error of a linear model with a bias on `inputs`.
    public init(meanSquaredErrorOf inputs: Matrix) {
        let n = inputs.cols + 1
        var hessian = [Double](repeating: 0, count: n * n)
        for r in 0..<inputs.rows {
            let row = (0..<inputs.cols).map { Double(inputs[r, $0]) } + [1]
            for i in 0..<n { for j in 0..<n { hessian[i * n + j] += 2 * row[i] * row[j] / Double(inputs.rows) } }
        }
        eigenvalues = SymmetricEigenvalues.of(hessian, size: n)
    }

    /// κ = λ_max/λ_min: how much narrower the valley is than it is long.
    public var conditionNumber: Double { eigenvalues.first! / eigenvalues.last! }

    /// Gradient descent on the bowl is stable for learning rates below 2/λ_max.
    public var largestStableRate: Double { 2 / eigenvalues.first! }

    /// Steps gradient descent needs to shrink the distance to the minimum by `factor` along
    /// every direction at learning rate η: the slowest direction shrinks by |1 − ηλ| per step.
    /// Nil where η is unstable or some direction does not move.
    public func steps(toShrinkBy factor: Double, learningRate η: Double) -> Double? {
        let slowest = eigenvalues.map { abs(1 - η * $0) }.max()!
        guard slowest < 1, slowest > 0 else { return slowest == 0 ? 1 : nil }
        return log(factor) / log(slowest)
    }

    /// The same at the best single rate, η = 2/(λ_max + λ_min), where the per-step factor is
    /// (κ − 1)/(κ + 1): about (κ/2)·ln(1/factor) steps for large κ.
    public func stepsAtBestRate(toShrinkBy factor: Double) -> Double {
        let kappa = conditionNumber
        guard kappa > 1 + 1e-12 else { return 1 }
        return log(factor) / log((kappa - 1) / (kappa + 1))
    }
}

/// Eigenvalues of a small symmetric matrix by the cyclic Jacobi method (rotations that zero
/// one off-diagonal entry at a time), in Double: exact to rounding for the few-by-few
/// matrices of the toy problems.
public enum SymmetricEigenvalues {
    /// Eigenvalues of the symmetric `size`×`size` matrix `a` (row-major), largest first.
    public static func of(_ a: [Double], size n: Int) -> [Double] {
        precondition(a.count == n * n, "a \(n)×\(n) matrix has \(n * n) entries")
        var m = a
        for _ in 0..<100 {
            var offDiagonal = 0.0, diagonal = 0.0
            for i in 0..<n {
                diagonal += m[i * n + i] * m[i * n + i]
                for j in 0..<n where j != i { offDiagonal += m[i * n + j] * m[i * n + j] }
            }
            if offDiagonal <= 1e-30 * max(diagonal, 1e-300) { break }
            for p in 0..<n {
                for q in (p + 1)..<n where abs(m[p * n + q]) > 0 {
                    // The rotation angle that zeroes m[p][q] (Golub and Van Loan, §8.5).
                    let theta = (m[q * n + q] - m[p * n + p]) / (2 * m[p * n + q])
                    let t = (theta >= 0 ? 1 : -1) / (abs(theta) + (theta * theta + 1).squareRoot())
                    let c = 1 / (t * t + 1).squareRoot(), s = t * c
                    for k in 0..<n {
                        let kp = m[k * n + p], kq = m[k * n + q]
                        m[k * n + p] = c * kp - s * kq
                        m[k * n + q] = s * kp + c * kq
                    }
                    for k in 0..<n {
                        let pk = m[p * n + k], qk = m[q * n + k]
                        m[p * n + k] = c * pk - s * qk
                        m[q * n + k] = s * pk + c * qk
                    }
                }
            }
        }
        return (0..<n).map { m[$0 * n + $0] }.sorted(by: >)
    }
}
