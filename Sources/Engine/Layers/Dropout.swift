/// Inverted dropout: in training each activation is kept with probability 1−p and scaled by
/// 1/(1−p), so evaluation needs no rescaling and is the identity.
public final class Dropout: Module, Layer {
    public let probability: Float
    /// The stream masks are drawn from; replace it to replay the same masks.
    public var random: Random
    /// The last mask: 0 for dropped units, 1/(1−p) for kept ones; nil when the last
    /// forward pass was the identity (evaluation mode or p = 0).
    public private(set) var mask: Matrix?

    public init(_ probability: Float, random: Random) {
        precondition(probability >= 0 && probability < 1, "dropout p must be in [0, 1)")
        self.probability = probability
        self.random = random
    }

    public override var description: String { "Dropout(p=\(probability))" }

    public func forward(_ input: Matrix) -> Matrix {
        guard isTraining, probability > 0 else {
            mask = nil
            return input
        }
        let keep = 1 - probability
        let scale = 1 / keep
        var newMask = Matrix(uninitializedRows: input.rows, cols: input.cols)
        newMask.values.withUnsafeMutableBufferPointer { random.fillUniform($0) }
        let output = Kernels.dropout(input, mask: &newMask, keep: keep, scale: scale)
        mask = newMask
        return output
    }

    public func backward(_ outputGradient: Matrix) -> Matrix {
        guard let mask else { return outputGradient }
        return Kernels.multiply(outputGradient, mask)
    }
}
