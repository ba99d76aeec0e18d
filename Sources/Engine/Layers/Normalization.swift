/// Batch normalization over the features of a minibatch (PyTorch's `BatchNorm1d`).
///
/// Training: each feature is normalized with the batch mean and the *biased* batch
/// variance, then scaled by γ and shifted by β; the running estimates move by
/// `running = (1−m)·running + m·batch` with the *unbiased* variance (m = 0.1).
/// Evaluation: the running estimates replace the batch statistics, so a prediction does
/// not depend on the other examples in its batch.
public final class BatchNorm1d: Layer {
    public let features: Int
    public let momentum: Float
    public let epsilon: Float
    public let gamma: Parameter
    public let beta: Parameter
    public let runningMean: Buffer
    public let runningVariance: Buffer
    public var isTraining = true

    // Saved by a training-mode forward pass for backward.
    private var normalized = Matrix(rows: 0, cols: 0)
    private var inverseStd = [Float]()

    public init(_ features: Int, momentum: Float = 0.1, epsilon: Float = 1e-5) {
        precondition(features > 0, "BatchNorm1d needs a positive feature count")
        self.features = features
        self.momentum = momentum
        self.epsilon = epsilon
        gamma = Parameter("weight", role: .scale, value: Matrix(rows: 1, cols: features, repeating: 1))
        beta = Parameter("bias", role: .shift, value: Matrix(rows: 1, cols: features))
        runningMean = Buffer("running_mean", value: Matrix(rows: 1, cols: features))
        runningVariance = Buffer("running_var",
                                 value: Matrix(rows: 1, cols: features, repeating: 1))
    }

    public var description: String { "BatchNorm1d(\(features))" }
    public var parameters: [Parameter] { [gamma, beta] }
    public var buffers: [Buffer] { [runningMean, runningVariance] }

    public func forward(_ input: Matrix) -> Matrix {
        precondition(input.cols == features, "\(self) got \(input.cols) features")
        let n = input.rows
        var mean = [Float](repeating: 0, count: features)
        var variance = [Float](repeating: 0, count: features)
        if isTraining {
            precondition(n > 1, "BatchNorm1d in training mode needs more than one example per batch")
            for r in 0..<n { for c in 0..<features { mean[c] += input[r, c] } }
            for c in 0..<features { mean[c] /= Float(n) }
            for r in 0..<n {
                for c in 0..<features {
                    let d = input[r, c] - mean[c]
                    variance[c] += d * d
                }
            }
            for c in 0..<features {
                let biased = variance[c] / Float(n)
                let unbiased = variance[c] / Float(n - 1)
                variance[c] = biased
                runningMean.value.storage[c] = (1 - momentum) * runningMean.value.storage[c]
                    + momentum * mean[c]
                runningVariance.value.storage[c] = (1 - momentum) * runningVariance.value.storage[c]
                    + momentum * unbiased
            }
        } else {
            mean = runningMean.value.storage
            variance = runningVariance.value.storage
        }
        inverseStd = variance.map { 1 / ($0 + epsilon).squareRoot() }
        normalized = Matrix(rows: n, cols: features)
        var output = Matrix(rows: n, cols: features)
        for r in 0..<n {
            for c in 0..<features {
                let xHat = (input[r, c] - mean[c]) * inverseStd[c]
                normalized[r, c] = xHat
                output[r, c] = gamma.value.storage[c] * xHat + beta.value.storage[c]
            }
        }
        return output
    }

    public func backward(_ outputGradient: Matrix) -> Matrix {
        let n = outputGradient.rows
        var sumGrad = [Float](repeating: 0, count: features)      // Σ dy  = dβ
        var sumGradXHat = [Float](repeating: 0, count: features)  // Σ dy·x̂ = dγ
        for r in 0..<n {
            for c in 0..<features {
                sumGrad[c] += outputGradient[r, c]
                sumGradXHat[c] += outputGradient[r, c] * normalized[r, c]
            }
        }
        gamma.gradient = Matrix(rows: 1, cols: features, sumGradXHat)
        beta.gradient = Matrix(rows: 1, cols: features, sumGrad)
        var inputGradient = Matrix(rows: n, cols: features)
        for r in 0..<n {
            for c in 0..<features {
                let g = gamma.value.storage[c] * inverseStd[c]
                if isTraining {
                    // The batch mean and variance depend on every input of the batch, which
                    // adds the two correction terms: dx = γ/σ·(dy − mean(dy) − x̂·mean(dy·x̂)).
                    inputGradient[r, c] = g * (outputGradient[r, c] - sumGrad[c] / Float(n)
                        - normalized[r, c] * sumGradXHat[c] / Float(n))
                } else {
                    inputGradient[r, c] = g * outputGradient[r, c]
                }
            }
        }
        return inputGradient
    }
}
