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
        let n = input.rows, features = features
        let mean: [Float], variance: [Float]
        if isTraining {
            precondition(n > 1, "BatchNorm1d in training mode needs more than one example per batch")
            (mean, variance) = Self.batchStatistics(input)
            let momentum = momentum
            for c in 0..<features {
                let unbiased = variance[c] * Float(n) / Float(n - 1)
                runningMean.value.storage[c] = (1 - momentum) * runningMean.value.storage[c] + momentum * mean[c]
                runningVariance.value.storage[c] = (1 - momentum) * runningVariance.value.storage[c] + momentum * unbiased
            }
        } else {
            mean = runningMean.value.storage
            variance = runningVariance.value.storage
        }
        let epsilon = epsilon
        inverseStd = variance.map { 1 / ($0 + epsilon).squareRoot() }
        normalized = Matrix(uninitializedRows: n, cols: features)
        var output = Matrix(uninitializedRows: n, cols: features)
        input.storage.withUnsafeBufferPointer { x in
            normalized.storage.withUnsafeMutableBufferPointer { xHat in
                output.storage.withUnsafeMutableBufferPointer { y in
                    inverseStd.withUnsafeBufferPointer { inverse in
                        gamma.value.storage.withUnsafeBufferPointer { g in
                            beta.value.storage.withUnsafeBufferPointer { b in
                                for r in 0..<n {
                                    let row = r * features
                                    for c in 0..<features {
                                        xHat[row + c] = (x[row + c] - mean[c]) * inverse[c]
                                        y[row + c] = g[c] * xHat[row + c] + b[c]
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        return output
    }

    /// Per-feature mean and biased variance of a batch (two passes, for accuracy).
    public static func batchStatistics(_ input: Matrix) -> (mean: [Float], variance: [Float]) {
        let n = input.rows, features = input.cols
        var mean = [Float](repeating: 0, count: features)
        var variance = [Float](repeating: 0, count: features)
        input.storage.withUnsafeBufferPointer { x in
            mean.withUnsafeMutableBufferPointer { m in
                variance.withUnsafeMutableBufferPointer { v in
                    for r in 0..<n { for c in 0..<features { m[c] += x[r * features + c] } }
                    for c in 0..<features { m[c] /= Float(n) }
                    for r in 0..<n {
                        for c in 0..<features {
                            let d = x[r * features + c] - m[c]
                            v[c] += d * d
                        }
                    }
                    for c in 0..<features { v[c] /= Float(n) }
                }
            }
        }
        return (mean, variance)
    }

    public func backward(_ outputGradient: Matrix) -> Matrix {
        let n = outputGradient.rows, features = features
        var sumGrad = [Float](repeating: 0, count: features)      // Σ dy   = dβ
        var sumGradXHat = [Float](repeating: 0, count: features)  // Σ dy·x̂ = dγ
        var inputGradient = Matrix(uninitializedRows: n, cols: features)
        let isTraining = isTraining
        outputGradient.storage.withUnsafeBufferPointer { dy in
            normalized.storage.withUnsafeBufferPointer { xHat in
                sumGrad.withUnsafeMutableBufferPointer { sum in
                    sumGradXHat.withUnsafeMutableBufferPointer { sumX in
                        for r in 0..<n {
                            for c in 0..<features {
                                sum[c] += dy[r * features + c]
                                sumX[c] += dy[r * features + c] * xHat[r * features + c]
                            }
                        }
                        let scale = zip(gamma.value.storage, inverseStd).map { $0 * $1 }
                        inputGradient.storage.withUnsafeMutableBufferPointer { dx in
                            for r in 0..<n {
                                for c in 0..<features {
                                    let i = r * features + c
                                    // The batch mean and variance depend on every input of the
                                    // batch, which adds two correction terms in training mode:
                                    // dx = γ/σ·(dy − mean(dy) − x̂·mean(dy·x̂)).
                                    dx[i] = isTraining
                                        ? scale[c] * (dy[i] - sum[c] / Float(n) - xHat[i] * sumX[c] / Float(n))
                                        : scale[c] * dy[i]
                                }
                            }
                        }
                    }
                }
            }
        }
        gamma.gradient = Matrix(rows: 1, cols: features, sumGradXHat)
        beta.gradient = Matrix(rows: 1, cols: features, sumGrad)
        return inputGradient
    }
}
