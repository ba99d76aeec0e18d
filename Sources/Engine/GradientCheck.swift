/// Checks a backward pass against central finite differences, so a layer or a loss written
/// outside the engine can be verified the way the engine's own are.
///
/// The layer's output is reduced to the scalar f = Σ R ⊙ output with R drawn from a normal
/// distribution, so every output element contributes with a different weight; the analytic
/// gradient of f (from `backward`) is compared with (f(x + h) − f(x − h)) / 2h for every
/// input element and every parameter element. Float32 arithmetic with h = 10⁻² leaves errors
/// near 10⁻³ for smooth layers; a wrong backward pass is usually off by far more:
///
///     XCTAssertLessThan(GradientCheck.maximumError(PReLU(4), input: x, random: random), 1e-2)
public enum GradientCheck {
    /// The finite-difference step h.
    public static let step: Float = 1e-2

    /// Largest error between analytic and numeric gradients of the input and of every
    /// parameter, relative to max(1, |analytic|, |numeric|). `prepare` runs before each
    /// forward pass (to replay dropout masks). Runs the layer in its current mode and leaves
    /// every parameter as it was.
    public static func maximumError(
        _ layer: Layer, input: Matrix, random: Random,
        prepare: () -> Void = {}
    ) -> Float {
        prepare()
        let output = layer.forward(input)
        let weights = random.normalMatrix(rows: output.rows, cols: output.cols)
        let analyticInput = layer.backward(weights)
        let analyticParameters = layer.parameters.map(\.gradient)

        func f(_ x: Matrix) -> Double {
            prepare()
            return weightedSum(layer.forward(x), weights)
        }
        var worst: Float = 0
        func compare(_ analytic: Float, _ numeric: Double) {
            let error = abs(Double(analytic) - numeric) / max(1, abs(numeric), abs(Double(analytic)))
            worst = max(worst, Float(error))
        }
        for i in 0..<input.count {
            var plus = input, minus = input
            plus.values[i] += step
            minus.values[i] -= step
            compare(analyticInput.values[i], (f(plus) - f(minus)) / Double(2 * step))
        }
        for (parameter, analytic) in zip(layer.parameters, analyticParameters) {
            for i in 0..<parameter.count {
                let original = parameter.value.values[i]
                parameter.value.values[i] = original + step
                let up = f(input)
                parameter.value.values[i] = original - step
                let down = f(input)
                parameter.value.values[i] = original
                compare(analytic.values[i], (up - down) / Double(2 * step))
            }
        }
        return worst
    }

    /// The same for a loss: the gradient of the loss value with respect to the output,
    /// relative to max(1, |numeric|).
    public static func maximumError<L: Loss>(_ loss: L, output: Matrix, target: L.Target) -> Float {
        let analytic = loss(output, target).gradient
        var worst: Float = 0
        for i in 0..<output.count {
            var plus = output, minus = output
            plus.values[i] += step
            minus.values[i] -= step
            let numeric = (Double(loss(plus, target).value) - Double(loss(minus, target).value)) / Double(2 * step)
            worst = max(worst, Float(abs(Double(analytic.values[i]) - numeric) / max(1, abs(numeric))))
        }
        return worst
    }

    /// Σ R ⊙ output in Double.
    static func weightedSum(_ output: Matrix, _ weights: Matrix) -> Double {
        zip(output.values, weights.values).reduce(0) { $0 + Double($1.0) * Double($1.1) }
    }
}
