import Foundation

/// Summary numbers of one matrix: what the initialization and vanishing-gradient lessons
/// plot per layer.
public struct TensorStatistics: Sendable {
    public var mean: Float
    public var std: Float
    public var minimum: Float
    public var maximum: Float
    /// Share of exact zeros (dead ReLU units).
    public var fractionZero: Float
    /// Share of entries the `saturated` test accepts (|x| > 0.97 by default, tanh's flat tails).
    public var fractionSaturated: Float
    /// √(Σx²), the Frobenius norm.
    public var norm: Float

    public init(_ matrix: Matrix, saturated: (Float) -> Bool = { abs($0) > 0.97 }) {
        var sum: Double = 0, sumOfSquares: Double = 0, zeros = 0, saturatedCount = 0
        var low = Float.infinity, high = -Float.infinity
        matrix.values.withUnsafeBufferPointer { p in
            for x in p {
                sum += Double(x)
                sumOfSquares += Double(x) * Double(x)
                if x == 0 { zeros += 1 }
                if saturated(x) { saturatedCount += 1 }
                low = min(low, x)
                high = max(high, x)
            }
        }
        let n = Double(max(matrix.count, 1))
        let mean = sum / n
        self.mean = Float(mean)
        std = Float(max(sumOfSquares / n - mean * mean, 0).squareRoot())
        minimum = low
        maximum = high
        fractionZero = Float(Double(zeros) / n)
        fractionSaturated = Float(Double(saturatedCount) / n)
        norm = Float(sumOfSquares.squareRoot())
    }
}

/// Records, per layer index of a `Sequential`, the last output of the forward pass and the
/// last gradient that reached that output in the backward pass.
public final class ActivationTracer {
    public private(set) var outputs: [Int: Matrix] = [:]
    public private(set) var gradients: [Int: Matrix] = [:]

    public init() {}

    func recordOutput(_ output: Matrix, layer: Int) { outputs[layer] = output }
    func recordGradient(_ gradient: Matrix, layer: Int) { gradients[layer] = gradient }
}

/// Per-layer statistics of one traced forward/backward pass.
public struct LayerDiagnostics: Sendable {
    public var index: Int
    public var layer: String
    public var activation: TensorStatistics
    public var outputGradient: TensorStatistics?
    /// The layer's output itself (batch × units), for histograms.
    public var output: Matrix
}

public enum Diagnostics {
    /// Runs one forward and backward pass on a batch with tracing on and returns the
    /// statistics of the layers `include` selects (by default the activation layers).
    /// Parameter gradients are left as this pass wrote them.
    public static func trace<L: Loss>(
        _ model: Sequential, loss: L, inputs: Matrix, targets: L.Target,
        include: (Layer) -> Bool = { $0 is ReLU || $0 is Tanh || $0 is Sigmoid },
        saturated: (Float) -> Bool = { abs($0) > 0.97 }
    ) -> [LayerDiagnostics] {
        let tracer = ActivationTracer()
        model.tracer = tracer
        defer { model.tracer = nil }
        let output = model.forward(inputs)
        model.backward(loss(output, targets).gradient)
        return model.layers.enumerated().compactMap { index, layer in
            guard include(layer), let activation = tracer.outputs[index] else { return nil }
            return LayerDiagnostics(
                index: index, layer: layer.description,
                activation: TensorStatistics(activation, saturated: saturated),
                outputGradient: tracer.gradients[index].map { TensorStatistics($0) },
                output: activation)
        }
    }

    /// ‖∂L/∂W‖ of each weight matrix (the parameters that decay: not biases or BatchNorm's γ,
    /// β), in layer order, from the gradients last written.
    public static func weightGradientNorms(_ model: Sequential) -> [Float] {
        model.parameters.filter(\.decays).map { $0.gradient.sumOfSquares().squareRoot() }
    }

    /// The update-to-data ratio std(Δw)/std(w) of each weight matrix for one optimizer step
    /// (Karpathy's rule of thumb: around 10⁻³). Takes the step itself.
    public static func updateToDataRatios(_ optimizer: Optimizer) -> [Float] {
        let weights = optimizer.parameters.filter(\.decays)
        let before = weights.map(\.value)
        optimizer.step()
        return zip(weights, before).map { parameter, old in
            let update = parameter.value.zip(old, -)
            return TensorStatistics(update).std / max(TensorStatistics(old).std, .leastNormalMagnitude)
        }
    }

    /// Trains for `steps` minibatches and records, at every step, the update-to-data ratio of
    /// each weight matrix: how fast each layer is actually learning during the first steps.
    public static func updateToDataHistory<L: Loss, D: Dataset>(
        _ model: Sequential, loss: L, optimizer: Optimizer, data: D,
        steps: Int, batchSize: Int, random: Random
    ) -> [[Float]]
    where D.Target == L.Target {
        precondition(data.count >= batchSize, "fewer examples than one minibatch")
        var history: [[Float]] = []
        model.train()
        while history.count < steps {
            for positions in Minibatches.positions(
                count: data.count, batchSize: batchSize, dropLast: true, shuffleWith: random)
            where history.count < steps {
                let (inputs, targets) = data.batch(positions)
                model.backward(loss(model.forward(inputs), targets).gradient)
                history.append(updateToDataRatios(optimizer))
            }
        }
        return history
    }
}

extension TensorStatistics {
    /// The input-dependent part of a layer's activations (one row per example): per column,
    /// the standard deviation over the rows (mean first, then the mean squared deviation, in
    /// Double), averaged over the columns. A bias shifts a column by the same amount for every
    /// input, so it adds to the activations' overall std but not to this spread.
    public static func meanColumnSpread(_ matrix: Matrix) -> Double {
        guard matrix.rows > 1, matrix.cols > 0 else { return 0 }
        let (rows, cols) = (matrix.rows, matrix.cols)
        return matrix.values.withUnsafeBufferPointer { p in
            var total: Double = 0
            for column in 0..<cols {
                var sum: Double = 0
                for row in 0..<rows { sum += Double(p[row * cols + column]) }
                let mean = sum / Double(rows)
                var squares: Double = 0
                for row in 0..<rows {
                    let deviation = Double(p[row * cols + column]) - mean
                    squares += deviation * deviation
                }
                total += (squares / Double(rows)).squareRoot()
            }
            return total / Double(cols)
        }
    }
}
