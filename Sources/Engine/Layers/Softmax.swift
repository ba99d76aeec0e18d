import Foundation

/// Row-wise softmax family, each computed with the row maximum subtracted first so that
/// large logits neither overflow nor lose precision.
public enum Softmax {
    /// log Σⱼ e^{zⱼ} of each row, as a column (rows × 1).
    public static func logSumExp(_ z: Matrix) -> Matrix {
        var result = Matrix(rows: z.rows, cols: 1)
        for r in 0..<z.rows {
            let (largest, logSum) = shiftedLogSum(z, row: r)
            result[r, 0] = largest + logSum
        }
        return result
    }

    /// e^{zᵢ} / Σⱼ e^{zⱼ} per row.
    public static func probabilities(_ z: Matrix) -> Matrix { logProbabilities(z).map { expf($0) } }

    /// zᵢ − log Σⱼ e^{zⱼ} per row, as (zᵢ − max) − log Σⱼ e^{zⱼ − max}: subtracting the
    /// maximum first keeps the digits that z − logsumexp(z) would cancel away.
    public static func logProbabilities(_ z: Matrix) -> Matrix {
        var result = z
        for r in 0..<z.rows {
            let (largest, logSum) = shiftedLogSum(z, row: r)
            for c in 0..<z.cols { result[r, c] = (z[r, c] - largest) - logSum }
        }
        return result
    }

    /// The row's maximum m and log Σⱼ e^{zⱼ − m}.
    private static func shiftedLogSum(_ z: Matrix, row r: Int) -> (largest: Float, logSum: Float) {
        var largest = -Float.infinity
        for c in 0..<z.cols { largest = max(largest, z[r, c]) }
        var sum: Float = 0
        for c in 0..<z.cols { sum += expf(z[r, c] - largest) }
        return (largest, logf(sum))
    }
}

/// Softmax as a layer (`torch.nn.Softmax(dim=1)`): ∂L/∂z = s ⊙ (g − Σ g ⊙ s) per row.
public final class SoftmaxLayer: Module, Layer {
    private var output = Matrix(rows: 0, cols: 0)
    public override var description: String { "Softmax" }

    public func forward(_ input: Matrix) -> Matrix {
        output = Softmax.probabilities(input)
        return output
    }

    public func backward(_ outputGradient: Matrix) -> Matrix {
        var result = outputGradient
        for r in 0..<output.rows {
            var dot: Float = 0
            for c in 0..<output.cols { dot += outputGradient[r, c] * output[r, c] }
            for c in 0..<output.cols { result[r, c] = output[r, c] * (outputGradient[r, c] - dot) }
        }
        return result
    }
}

/// Log-softmax as a layer (`torch.nn.LogSoftmax(dim=1)`): ∂L/∂z = g − softmax(z)·Σ g per row.
public final class LogSoftmax: Module, Layer {
    private var output = Matrix(rows: 0, cols: 0)

    public func forward(_ input: Matrix) -> Matrix {
        output = Softmax.logProbabilities(input)
        return output
    }

    public func backward(_ outputGradient: Matrix) -> Matrix {
        var result = outputGradient
        for r in 0..<output.rows {
            var sum: Float = 0
            for c in 0..<output.cols { sum += outputGradient[r, c] }
            for c in 0..<output.cols { result[r, c] = outputGradient[r, c] - expf(output[r, c]) * sum }
        }
        return result
    }
}
