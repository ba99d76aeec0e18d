/// Fully connected layer `y = x·Wᵀ + b`, with W stored out×in as in PyTorch and the lecture
/// (W⁽¹⁾ of a 50→100 layer is 100×50).
public final class Linear: Module, WeightedLayer {
    public let weight: Parameter
    public let bias: Parameter?
    public let fanIn: Int
    public let fanOut: Int
    private var input = Matrix(rows: 0, cols: 0)

    /// PyTorch's default initialization: W and b uniform on ±1/√fan_in.
    public init(_ inputSize: Int, _ outputSize: Int, bias: Bool = true, random: Random) {
        do { try Linear.checkSize(inputs: inputSize, outputs: outputSize) } catch { preconditionFailure("\(error)") }
        fanIn = inputSize
        fanOut = outputSize
        let initializer = Initializer.pytorchDefault
        weight = Parameter(
            "weight",
            value: initializer.matrix(
                rows: outputSize, cols: inputSize,
                fanIn: inputSize, fanOut: outputSize,
                random: random))
        self.bias =
            bias
            ? Parameter(
                "bias",
                value: initializer.matrix(
                    rows: 1, cols: outputSize, fanIn: inputSize,
                    fanOut: outputSize, random: random),
                decays: false, countedAs: .biases)
            : nil
    }

    /// The most parameters one layer may have: 4 GiB of Float32 weights, as much again for
    /// their gradient, far beyond any network of the lessons.
    public static let maximumParameterCount = 1 << 30

    /// Throws unless Linear(inputs, outputs) can be built: positive sizes, and a parameter
    /// count (weights and bias) that neither overflows nor exceeds `maximumParameterCount`.
    /// Sizes from the command line should pass here first: the initializer can only stop
    /// the program.
    public static func checkSize(inputs: Int, outputs: Int) throws {
        guard inputs > 0, outputs > 0 else {
            throw LayerSizeError(message: "Linear(\(inputs)→\(outputs)) needs positive sizes")
        }
        let (weights, overflow) = inputs.multipliedReportingOverflow(by: outputs)
        guard !overflow, weights <= maximumParameterCount - outputs else {
            throw LayerSizeError(
                message: "Linear(\(inputs)→\(outputs)) would have more than \(maximumParameterCount) parameters")
        }
    }

    /// `checkSize` for each layer of an MLP of these sizes (input, hidden…, output).
    public static func checkSizes(_ sizes: [Int]) throws {
        for (inputs, outputs) in zip(sizes, sizes.dropFirst()) { try checkSize(inputs: inputs, outputs: outputs) }
    }

    public override var description: String {
        "Linear(\(fanIn)→\(fanOut)\(bias == nil ? ", bias=false" : ""))"
    }

    public var parameters: [Parameter] { [weight] + (bias.map { [$0] } ?? []) }

    public func forward(_ input: Matrix) -> Matrix {
        var output = product(input)
        if let bias { output.addToEachRow(bias.value) }
        return output
    }

    /// x·Wᵀ, keeping x for the backward pass.
    private func product(_ input: Matrix) -> Matrix {
        precondition(input.cols == fanIn, "\(self) got \(input.cols) features")
        self.input = input
        return Matrix.product(input, weight.value, transposeB: true)
    }

    /// `forward` and then `relu.forward`, with the bias add and the ReLU in one pass over
    /// the product.
    func forward(_ input: Matrix, followedBy relu: ReLU) -> Matrix {
        guard let bias else { return relu.forward(product(input)) }
        var output = product(input)
        Kernels.addBiasReLU(&output, bias: bias.value)
        relu.output = output
        return output
    }

    public func backward(_ outputGradient: Matrix) -> Matrix {
        backwardParameters(outputGradient)
        return inputGradient(outputGradient)
    }

    /// dx = dY·W.
    func inputGradient(_ outputGradient: Matrix) -> Matrix { Matrix.product(outputGradient, weight.value) }

    /// `relu.backward` and then `backwardParameters`, with the ReLU's mask and the bias
    /// gradient in one pass; returns the gradient at this layer's output, for `inputGradient`.
    func backwardParameters(_ reluOutputGradient: Matrix, through relu: ReLU) -> Matrix {
        guard let bias else {
            let outputGradient = relu.backward(reluOutputGradient)
            backwardParameters(outputGradient)
            return outputGradient
        }
        let (outputGradient, biasGradient) = Kernels.reluBackwardColumnSums(reluOutputGradient, output: relu.output)
        Matrix.multiply(outputGradient, transposeA: true, input, into: &weight.gradient)
        bias.gradient = biasGradient
        return outputGradient
    }

    /// dW = dYᵀ·x and db = Σ_rows dY, without dx: for a first layer that saves the largest
    /// product of the backward pass (batch × inputs × outputs).
    public func backwardParameters(_ outputGradient: Matrix) {
        Matrix.multiply(outputGradient, transposeA: true, input, into: &weight.gradient)
        if let bias { bias.gradient = outputGradient.columnSums() }
    }
}

/// Sizes for which a layer cannot be built.
public struct LayerSizeError: Error, CustomStringConvertible {
    public let message: String
    public var description: String { message }
}
