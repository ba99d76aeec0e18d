/// Batch normalization over the features of a minibatch (PyTorch's `BatchNorm1d`).
///
/// Training: each feature is normalized with the batch mean and the *biased* batch
/// variance, then scaled by γ and shifted by β; the running estimates move by
/// `running = (1−m)·running + m·batch` with the *unbiased* variance (m = 0.1; with
/// `momentum` nil, m = 1/t for the t-th batch: a plain average of every batch so far).
/// Evaluation: the running estimates replace the batch statistics, so a prediction does
/// not depend on the other examples in its batch.
public final class BatchNorm1d: Module, RunningStatisticsLayer {
    public let features: Int
    /// Weight of the newest batch in the running estimates; nil for the cumulative average.
    public let momentum: Float?
    public let epsilon: Float
    public let gamma: Parameter
    public let beta: Parameter
    public let runningMean: Buffer
    public let runningVariance: Buffer
    /// Training batches that updated the running estimates (PyTorch's `num_batches_tracked`).
    public private(set) var batchesTracked = 0
    /// Off: training-mode passes use batch statistics but leave the running estimates alone
    /// (for probes that must not disturb a trained model; see `Layer.keepingRunningStatistics`).
    public var updatesRunningStatistics = true

    // Saved by a forward pass for backward.
    private var normalized = Matrix(rows: 0, cols: 0)
    private var inverseStd = [Float]()

    public init(_ features: Int, momentum: Float? = 0.1, epsilon: Float = 1e-5) {
        precondition(features > 0, "BatchNorm1d needs a positive feature count")
        precondition(momentum.map { $0 > 0 && $0 <= 1 } ?? true, "BatchNorm1d momentum must be in (0, 1]")
        self.features = features
        self.momentum = momentum
        self.epsilon = epsilon
        gamma = Parameter("weight", value: Matrix(rows: 1, cols: features, repeating: 1), decays: false)
        beta = Parameter("bias", value: Matrix(rows: 1, cols: features), decays: false, countedAs: .biases)
        runningMean = Buffer("running_mean", value: Matrix(rows: 1, cols: features))
        runningVariance = Buffer("running_var", value: Matrix(rows: 1, cols: features, repeating: 1))
    }

    public override var description: String { "BatchNorm1d(\(features))" }
    public var parameters: [Parameter] { [gamma, beta] }
    public var buffers: [Buffer] { [runningMean, runningVariance] }

    public func forward(_ input: Matrix) -> Matrix {
        precondition(input.cols == features, "\(self) got \(input.cols) features")
        let n = input.rows
        let mean: [Float], variance: [Float]
        if isTraining {
            precondition(n > 1, "BatchNorm1d in training mode needs more than one example per batch")
            (mean, variance) = Self.batchStatistics(input)
            if updatesRunningStatistics { track(mean: mean, variance: variance, batchSize: n) }
        } else {
            mean = runningMean.value.values
            variance = runningVariance.value.values
        }
        inverseStd = variance.map { 1 / ($0 + epsilon).squareRoot() }
        // Loops over local arrays: no exclusivity checks on the layer's stored properties.
        let x = input.values, g = gamma.value.values, b = beta.value.values, inverse = inverseStd
        var xHat = [Float](repeating: 0, count: n * features), y = xHat
        for r in 0..<n {
            let row = r * features
            for c in 0..<features {
                xHat[row + c] = (x[row + c] - mean[c]) * inverse[c]
                y[row + c] = g[c] * xHat[row + c] + b[c]
            }
        }
        normalized = Matrix(rows: n, cols: features, xHat)
        return Matrix(rows: n, cols: features, y)
    }

    private func track(mean: [Float], variance: [Float], batchSize n: Int) {
        batchesTracked += 1
        let m = momentum ?? 1 / Float(batchesTracked)
        for c in 0..<features {
            let unbiased = variance[c] * Float(n) / Float(n - 1)
            runningMean.value.values[c] = (1 - m) * runningMean.value.values[c] + m * mean[c]
            runningVariance.value.values[c] = (1 - m) * runningVariance.value.values[c] + m * unbiased
        }
    }

    /// Per-feature mean and biased variance of a batch (two passes, for accuracy).
    public static func batchStatistics(_ input: Matrix) -> (mean: [Float], variance: [Float]) {
        let n = input.rows, features = input.cols, x = input.values
        var mean = [Float](repeating: 0, count: features)
        var variance = [Float](repeating: 0, count: features)
        for r in 0..<n { for c in 0..<features { mean[c] += x[r * features + c] } }
        for c in 0..<features { mean[c] /= Float(n) }
        for r in 0..<n {
            for c in 0..<features {
                let d = x[r * features + c] - mean[c]
                variance[c] += d * d
            }
        }
        for c in 0..<features { variance[c] /= Float(n) }
        return (mean, variance)
    }

    public func backward(_ outputGradient: Matrix) -> Matrix {
        let n = outputGradient.rows, features = features
        let dy = outputGradient.values, xHat = normalized.values
        var sumGrad = [Float](repeating: 0, count: features)  // Σ dy   = dβ
        var sumGradXHat = [Float](repeating: 0, count: features)  // Σ dy·x̂ = dγ
        for r in 0..<n {
            for c in 0..<features {
                sumGrad[c] += dy[r * features + c]
                sumGradXHat[c] += dy[r * features + c] * xHat[r * features + c]
            }
        }
        let scale = zip(gamma.value.values, inverseStd).map { $0 * $1 }
        let training = isTraining
        var dx = [Float](repeating: 0, count: n * features)
        for r in 0..<n {
            for c in 0..<features {
                let i = r * features + c
                // The batch mean and variance depend on every input of the batch, which adds
                // two correction terms in training mode: dx = γ/σ·(dy − mean(dy) − x̂·mean(dy·x̂)).
                dx[i] =
                    training
                    ? scale[c] * (dy[i] - sumGrad[c] / Float(n) - xHat[i] * sumGradXHat[c] / Float(n))
                    : scale[c] * dy[i]
            }
        }
        gamma.gradient = Matrix(rows: 1, cols: features, sumGradXHat)
        beta.gradient = Matrix(rows: 1, cols: features, sumGrad)
        return Matrix(rows: n, cols: features, dx)
    }
}
