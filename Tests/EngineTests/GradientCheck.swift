import XCTest
@testable import Engine

/// Central finite differences in Float32 with a weighted-sum objective f = Σ R ⊙ output, so
/// every output element contributes with a different weight.
enum GradientCheck {
    static let step: Float = 1e-2

    static func objective(_ output: Matrix, _ weights: Matrix) -> Double {
        var total: Double = 0
        for i in 0..<output.count { total += Double(output.storage[i]) * Double(weights.storage[i]) }
        return total
    }

    /// Largest relative error between analytic and numeric gradients of the input and of
    /// every parameter. `prepare` runs before each forward pass (to replay dropout masks).
    static func maximumError(_ layer: Layer, input: Matrix, random: Random,
                             prepare: () -> Void = {}, file: StaticString = #filePath, line: UInt = #line) -> Float {
        prepare()
        let output = layer.forward(input)
        let weights = random.normalMatrix(rows: output.rows, cols: output.cols)
        let analyticInput = layer.backward(weights)
        let analyticParameters = layer.parameters.map(\.gradient)

        func f(_ x: Matrix) -> Double {
            prepare()
            return objective(layer.forward(x), weights)
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
            compare(analyticInput.storage[i], (f(plus) - f(minus)) / Double(2 * step))
        }
        for (parameter, analytic) in zip(layer.parameters, analyticParameters) {
            for i in 0..<parameter.count {
                let original = parameter.value.storage[i]
                parameter.value.values[i] = original + step
                let up = f(input)
                parameter.value.values[i] = original - step
                let down = f(input)
                parameter.value.values[i] = original
                compare(analytic.storage[i], (up - down) / Double(2 * step))
            }
        }
        return worst
    }

    /// The same for a loss: gradient of the loss value with respect to the output.
    static func maximumError<L: Loss>(_ loss: L, output: Matrix, target: L.Target) -> Float {
        let analytic = loss(output, target).gradient
        var worst: Float = 0
        for i in 0..<output.count {
            var plus = output, minus = output
            plus.values[i] += step
            minus.values[i] -= step
            let numeric = (Double(loss(plus, target).value) - Double(loss(minus, target).value)) / Double(2 * step)
            worst = max(worst, Float(abs(Double(analytic.storage[i]) - numeric) / max(1, abs(numeric))))
        }
        return worst
    }
}
