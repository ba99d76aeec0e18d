import Foundation

/// A loss averaged over the batch (PyTorch's `reduction='mean'`), with its gradient with
/// respect to the network's output computed in the same pass.
public protocol Loss {
    associatedtype Target
    func callAsFunction(_ output: Matrix, _ target: Target) -> (value: Float, gradient: Matrix)
}

/// How a loss combines its per-example values (PyTorch's `reduction`). For 'none', ask
/// the loss for `perExample` values instead.
public enum Reduction: Sendable { case mean, sum }

/// Softmax cross-entropy from logits and integer class labels.
///
/// Computed as logsumexp(z) − z_y with the row maximum subtracted first, so large logits
/// neither overflow nor lose precision; the gradient is (softmax(z) − onehot(y)) / n for
/// the mean, without the 1/n for the sum.
public struct CrossEntropyLoss: Loss {
    public let reduction: Reduction
    public init(reduction: Reduction = .mean) { self.reduction = reduction }

    /// Each example's loss (PyTorch's `reduction='none'`).
    public func perExample(_ logits: Matrix, _ labels: [Int]) -> [Float] {
        let logProbabilities = Softmax.logProbabilities(logits)
        return labels.enumerated().map { -logProbabilities[$0.offset, $0.element] }
    }

    public func callAsFunction(_ logits: Matrix, _ labels: [Int]) -> (value: Float, gradient: Matrix) {
        precondition(labels.count == logits.rows, "\(labels.count) labels for \(logits.rows) rows")
        let n = logits.rows, k = logits.cols
        let divisor = reduction == .mean ? Float(n) : 1
        var gradient = Matrix(uninitializedRows: n, cols: k)
        var total: Double = 0
        logits.values.withUnsafeBufferPointer { z in
            gradient.values.withUnsafeMutableBufferPointer { g in
                for r in 0..<n {
                    let row = r * k
                    var largest = -Float.infinity
                    for c in 0..<k { largest = max(largest, z[row + c]) }
                    var sum: Float = 0
                    for c in 0..<k {
                        let e = expf(z[row + c] - largest)
                        g[row + c] = e
                        sum += e
                    }
                    let label = labels[r]
                    precondition(label >= 0 && label < k, "label \(label) outside 0..<\(k)")
                    total += Double(logf(sum) + largest - z[row + label])
                    for c in 0..<k { g[row + c] = g[row + c] / sum / divisor }
                    g[row + label] -= 1 / divisor
                }
            }
        }
        return (Float(reduction == .mean ? total / Double(max(n, 1)) : total), gradient)
    }
}

/// Mean squared error over every element.
public struct MSELoss: Loss {
    public init() {}

    public func callAsFunction(_ output: Matrix, _ target: Matrix) -> (value: Float, gradient: Matrix) {
        let difference = output.zip(target, -)
        let n = Float(max(output.count, 1))
        return (difference.sumOfSquares() / n, difference.map { 2 * $0 / n })
    }
}

/// Binary cross-entropy on logits with targets in [0, 1], in the stable form
/// max(x, 0) − x·t + log(1 + e^−|x|); gradient (σ(x) − t) / n.
public struct BCEWithLogitsLoss: Loss {
    public init() {}

    public func callAsFunction(_ logits: Matrix, _ target: Matrix) -> (value: Float, gradient: Matrix) {
        let n = Float(max(logits.count, 1))
        let losses = logits.zip(target) { x, t in max(x, 0) - x * t + log1pf(expf(-abs(x))) }
        return (losses.sum() / n, logits.zip(target) { x, t in (Sigmoid.sigmoid(x) - t) / n })
    }
}

/// The lecture's L2-regularized cost adds (λ/n)·Σ_l ‖W⁽ˡ⁾‖²_F to the mean loss, where n is the
/// number of examples the loss averages over (the minibatch size) and the sum runs over
/// weight matrices only. Its gradient 2λ/n·W is added to each weight's gradient, so the
/// optimizer sees the gradient of the whole cost.
public struct L2Penalty: Sendable {
    public let lambda: Float
    public init(lambda: Float) { self.lambda = lambda }

    public func value(_ parameters: [Parameter], batchSize: Int) -> Float {
        let sum = parameters.filter(\.decays).reduce(Float(0)) { $0 + $1.value.sumOfSquares() }
        return lambda / Float(batchSize) * sum
    }

    /// Adds ∂penalty/∂W to the gradients. It does not compute the penalty's value: a training
    /// step never needs it, and it would be one more pass over every weight (`value` has it).
    public func addGradient(_ parameters: [Parameter], batchSize: Int) {
        guard lambda != 0 else { return }
        for parameter in parameters where parameter.decays {
            parameter.gradient.add(parameter.value, scaledBy: 2 * lambda / Float(batchSize))
        }
    }

    /// The PyTorch `weight_decay` that gives plain SGD the same step: 2λ/n.
    public func equivalentWeightDecay(batchSize: Int) -> Float { 2 * lambda / Float(batchSize) }
}
