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
        // x̂ = (x − mean)·(1/σ) and y = γ·x̂ + β, element by element.
        let (xHat, y) = Kernels.batchNormForward(
            input, mean: mean, inverseStd: inverseStd, gamma: gamma.value.values, beta: beta.value.values)
        normalized = xHat
        return y
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
        Kernels.batchStatistics(input)
    }

    public func backward(_ outputGradient: Matrix) -> Matrix {
        let scale = zip(gamma.value.values, inverseStd).map { $0 * $1 }
        // dβ = Σ dy and dγ = Σ dy·x̂ over the batch. The batch mean and variance depend on every
        // input of the batch, which adds two correction terms in training mode:
        // dx = γ/σ·(dy − mean(dy) − x̂·mean(dy·x̂)); in evaluation mode dx = γ/σ·dy.
        let (dx, sumGrad, sumGradXHat) = Kernels.batchNormBackward(
            outputGradient, normalized: normalized, scale: scale, training: isTraining)
        gamma.gradient = Matrix(rows: 1, cols: features, sumGradXHat)
        beta.gradient = Matrix(rows: 1, cols: features, sumGrad)
        return dx
    }
}
