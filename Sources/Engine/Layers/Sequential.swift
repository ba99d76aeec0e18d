/// Layers applied one after another; backward runs them in reverse.
///
/// There is no `Flatten` (PyTorch's `nn.Flatten`, usually the first layer of an MLP on
/// images): every tensor of the engine is a 2-D `Matrix`, one example per row, and images
/// arrive already flattened (`ImageDataset` gathers each 28×28 image as a row of 784
/// columns). A Flatten layer here could only return its input unchanged, forward and
/// backward; it would suggest a 4-D shape that never exists.
public final class Sequential: Module, Container {
    public let layers: [Layer]
    public var children: [Layer] { layers }

    /// When set, every forward pass records each layer's output and every backward pass the
    /// gradient arriving at each layer's output (for `Diagnostics`). Off by default, so
    /// training keeps no extra copies.
    public var tracer: ActivationTracer?

    public init(_ layers: [Layer]) { self.layers = layers }
    public convenience init(_ layers: Layer...) { self.init(layers) }

    public override var description: String {
        "Sequential(\n" + layers.enumerated().map { "  (\($0)) \($1)" }.joined(separator: "\n") + "\n)"
    }

    public func forward(_ input: Matrix) -> Matrix {
        var x = input
        var index = 0
        while index < layers.count {
            if let (linear, relu) = linearAndReLU(at: index) {
                x = linear.forward(x, followedBy: relu)
                index += 2
            } else {
                x = layers[index].forward(x)
                tracer?.recordOutput(x, layer: index)
                index += 1
            }
        }
        return x
    }

    @discardableResult
    public func backward(_ outputGradient: Matrix) -> Matrix {
        backpropagate(outputGradient, toInput: true)
    }

    /// The backward pass of training: parameter gradients only, skipping ∂loss/∂input of the
    /// first layer, which nothing uses.
    public func backwardParameters(_ outputGradient: Matrix) {
        backpropagate(outputGradient, toInput: false)
    }

    /// Runs the layers' backward passes from the last to the first; returns ∂loss/∂input
    /// when `toInput`, else the gradient at the first layer's output.
    @discardableResult
    private func backpropagate(_ outputGradient: Matrix, toInput: Bool) -> Matrix {
        var g = outputGradient
        var index = layers.count - 1
        while index >= 0 {
            if index > 0, let (linear, relu) = linearAndReLU(at: index - 1) {
                g = linear.backwardParameters(g, through: relu)
                index -= 1
                if index > 0 || toInput { g = linear.inputGradient(g) }
            } else {
                tracer?.recordGradient(g, layer: index)
                if index > 0 || toInput {
                    g = layers[index].backward(g)
                } else {
                    layers[index].backwardParameters(g)
                }
            }
            index -= 1
        }
        return g
    }

    /// The Linear layer at `index` and the ReLU right after it, which run as one: the bias
    /// add and the ReLU in one pass forward, the ReLU's mask and the bias gradient in one
    /// pass backward. Not while a tracer records each layer's output and gradient.
    private func linearAndReLU(at index: Int) -> (Linear, ReLU)? {
        guard tracer == nil, index + 1 < layers.count, let linear = layers[index] as? Linear,
            let relu = layers[index + 1] as? ReLU
        else { return nil }
        return (linear, relu)
    }

    /// Predictions in evaluation mode, restoring the previous mode afterwards.
    public func evaluate(_ input: Matrix) -> Matrix {
        let wasTraining = isTraining
        train(false)
        defer { train(wasTraining) }
        return forward(input)
    }
}

/// The activation placed after each hidden layer of `Sequential.mlp`.
public enum Activation: String, CaseIterable, Sendable {
    case relu, sigmoid, tanh

    public func makeLayer() -> Layer {
        switch self {
        case .relu: ReLU()
        case .sigmoid: Sigmoid()
        case .tanh: Tanh()
        }
    }
}

extension Sequential {
    /// A multilayer perceptron with sizes `[input, hidden…, output]`. Each hidden block is
    /// `Linear → [BatchNorm1d] → activation → [Dropout]`, the lecture's order; with batch
    /// norm the hidden Linear layers drop their bias (β takes its place). The output layer
    /// is a plain Linear producing logits.
    ///
    /// Initial weights come from `random`; dropout masks from `masks` if given, else from
    /// `random` too. Pass a separate stream (`Random(seed:purpose: .noise)`) when runs with
    /// and without dropout must start from the same weights and see the same batches.
    public static func mlp(
        _ sizes: [Int], activation: Activation = .relu, bias: Bool = true,
        batchNorm: Bool = false, dropout: Float = 0,
        random: Random, masks: Random? = nil
    ) -> Sequential {
        precondition(sizes.count >= 2, "an MLP needs an input and an output size")
        var layers: [Layer] = []
        for (index, (inputSize, outputSize)) in Swift.zip(sizes, sizes.dropFirst()).enumerated() {
            let isOutput = index == sizes.count - 2
            layers.append(
                Linear(
                    inputSize, outputSize, bias: bias && (isOutput || !batchNorm),
                    random: random))
            if isOutput { break }
            if batchNorm { layers.append(BatchNorm1d(outputSize)) }
            layers.append(activation.makeLayer())
            if dropout > 0 { layers.append(Dropout(dropout, random: masks ?? random)) }
        }
        return Sequential(layers)
    }

    /// One row per layer that has parameters: what the lesson on parameter counting prints.
    public struct LayerSummary: Sendable, Equatable {
        public let index: Int
        public let layer: String
        /// Parameters by the column each is counted in (`Parameter.countedAs`).
        public let counts: [Parameter.Category: Int]
        public var weights: Int { counts[.weights] ?? 0 }
        public var biases: Int { counts[.biases] ?? 0 }
        public var total: Int { counts.values.reduce(0, +) }
    }

    public func parameterSummary() -> [LayerSummary] {
        layers.enumerated().compactMap { index, layer in
            let parameters = layer.parameters
            guard !parameters.isEmpty else { return nil }
            let counts = Dictionary(parameters.map { ($0.countedAs, $0.count) }, uniquingKeysWith: +)
            return LayerSummary(index: index, layer: layer.description, counts: counts)
        }
    }

    /// The weighted layers (Linear), in order: what initializers and L2 act on.
    public var weightedLayers: [WeightedLayer] { layers.compactMap { $0 as? WeightedLayer } }
}
