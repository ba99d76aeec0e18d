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

final class GradientTests: XCTestCase {
    let tolerance: Float = 2e-3

    func testLinearWithAndWithoutBias() {
        let random = Random(seed: 1)
        for bias in [true, false] {
            let layer = Linear(5, 4, bias: bias, random: random)
            let input = random.normalMatrix(rows: 3, cols: 5)
            XCTAssertLessThan(GradientCheck.maximumError(layer, input: input, random: random), tolerance)
        }
    }

    func testActivations() {
        let random = Random(seed: 2)
        // Inputs kept away from ReLU's kink at 0, where the derivative is undefined.
        var input = random.normalMatrix(rows: 4, cols: 6)
        input.apply { $0 >= 0 ? $0 + 0.1 : $0 - 0.1 }
        for layer in [ReLU(), Sigmoid(), Tanh()] as [Layer] {
            XCTAssertLessThan(GradientCheck.maximumError(layer, input: input, random: random), tolerance, "\(layer)")
        }
    }

    func testDropoutWithAFixedMask() {
        let random = Random(seed: 3)
        let dropout = Dropout(0.5, random: random)
        let input = random.normalMatrix(rows: 4, cols: 8)
        let error = GradientCheck.maximumError(dropout, input: input, random: random,
                                               prepare: { dropout.random = Random(seed: 99) })
        XCTAssertLessThan(error, tolerance)
        // The mask really dropped something, so the check covered both cases.
        let mask = dropout.mask!
        XCTAssertTrue(mask.storage.contains(0) && mask.storage.contains(2))
    }

    func testBatchNormInTrainingMode() {
        let random = Random(seed: 4)
        let layer = BatchNorm1d(3)
        layer.gamma.value = Matrix([[1.5, 0.7, -1.2]])
        layer.beta.value = Matrix([[0.1, -0.3, 0.2]])
        let input = random.normalMatrix(rows: 6, cols: 3, mean: 2, std: 3)
        XCTAssertLessThan(GradientCheck.maximumError(layer, input: input, random: random), tolerance)
    }

    func testBatchNormInEvaluationMode() {
        let random = Random(seed: 5)
        let layer = BatchNorm1d(3)
        layer.runningMean.value = Matrix([[0.5, -1, 2]])
        layer.runningVariance.value = Matrix([[2, 0.5, 4]])
        layer.gamma.value = Matrix([[1.5, 0.7, -1.2]])
        layer.isTraining = false
        let input = random.normalMatrix(rows: 4, cols: 3)
        XCTAssertLessThan(GradientCheck.maximumError(layer, input: input, random: random), tolerance)
    }

    func testWholeNetworkWithBatchNormAndDropout() {
        let random = Random(seed: 6)
        let model = Sequential.mlp([4, 6, 5, 3], activation: .tanh, batchNorm: true, dropout: 0.3, random: random)
        let dropouts = model.layers.compactMap { $0 as? Dropout }
        let input = random.normalMatrix(rows: 5, cols: 4)
        let error = GradientCheck.maximumError(model, input: input, random: random, prepare: {
            for (index, dropout) in dropouts.enumerated() { dropout.random = Random(seed: UInt64(index + 10)) }
        })
        XCTAssertLessThan(error, 5e-3)
    }

    func testLosses() {
        let random = Random(seed: 7)
        let logits = random.normalMatrix(rows: 5, cols: 4, std: 2)
        XCTAssertLessThan(GradientCheck.maximumError(CrossEntropyLoss(), output: logits, target: [0, 3, 1, 1, 2]), tolerance)
        let target = random.normalMatrix(rows: 5, cols: 4)
        XCTAssertLessThan(GradientCheck.maximumError(MSELoss(), output: logits, target: target), tolerance)
        let probabilities = random.uniformMatrix(rows: 5, cols: 4, 0, 1)
        XCTAssertLessThan(GradientCheck.maximumError(BCEWithLogitsLoss(), output: logits, target: probabilities), tolerance)
    }

    func testL2PenaltyGradient() {
        let random = Random(seed: 8)
        let model = Sequential.mlp([3, 4, 2], random: random)
        let penalty = L2Penalty(lambda: 0.7)
        let parameters = model.parameters
        for parameter in parameters { parameter.gradient = Matrix(rows: parameter.value.rows, cols: parameter.value.cols) }
        penalty.addGradient(parameters, batchSize: 5)
        for parameter in parameters {
            for i in 0..<parameter.count {
                let original = parameter.value.storage[i]
                parameter.value.values[i] = original + 1e-2
                let up = penalty.value(parameters, batchSize: 5)
                parameter.value.values[i] = original - 1e-2
                let down = penalty.value(parameters, batchSize: 5)
                parameter.value.values[i] = original
                XCTAssertEqual(parameter.gradient.storage[i], (up - down) / 2e-2, accuracy: 2e-3)
            }
            if parameter.role == .bias { XCTAssertEqual(parameter.gradient.sumOfSquares(), 0, "biases are not penalized") }
        }
    }
}

final class BackwardShortcutTests: XCTestCase {
    /// Training's backward pass skips the first layer's input gradient; the parameter
    /// gradients must be exactly those of the full backward pass.
    func testParameterGradientsMatchTheFullBackwardPass() {
        let random = Random(seed: 12)
        let model = Sequential.mlp([6, 8, 5, 3], batchNorm: true, dropout: 0.3, random: random)
        let dropouts = model.layers.compactMap { $0 as? Dropout }
        let input = random.normalMatrix(rows: 7, cols: 6)
        let outputGradient = random.normalMatrix(rows: 7, cols: 3)
        func gradients(_ backward: () -> Void) -> [Matrix] {
            for (index, dropout) in dropouts.enumerated() { dropout.random = Random(seed: UInt64(index)) }
            _ = model(input)
            backward()
            return model.parameters.map(\.gradient)
        }
        let full = gradients { model.backward(outputGradient) }
        let shortcut = gradients { model.backwardParameters(outputGradient) }
        XCTAssertEqual(full, shortcut)
        XCTAssertTrue(full.allSatisfy { $0.sumOfSquares() > 0 })
    }

    /// Products write into storage that is not zeroed first: an empty inner dimension must
    /// still give zeros.
    func testProductWithAnEmptyInnerDimensionIsZero() {
        let product = Matrix.product(Matrix(rows: 3, cols: 0), Matrix(rows: 0, cols: 4))
        XCTAssertEqual(product, Matrix(rows: 3, cols: 4))
    }
}

/// The layers and losses PyTorch has that the lessons do not use yet.
final class MorePyTorchPiecesTests: XCTestCase {
    let tolerance: Float = 2e-3

    func testActivationAndSoftmaxLayersGradients() {
        let random = Random(seed: 4)
        // Inputs kept away from the kink of LeakyReLU, where central differences straddle it.
        let input = random.normalMatrix(rows: 4, cols: 5).map { $0 + ($0 >= 0 ? 0.1 : -0.1) }
        for layer: Layer in [LeakyReLU(negativeSlope: 0.1), GELU(), SoftmaxLayer(), LogSoftmax()] {
            XCTAssertLessThan(GradientCheck.maximumError(layer, input: input, random: random), tolerance, layer.description)
        }
    }

    func testValuesMatchPyTorch() {
        // torch.nn.functional.gelu(torch.tensor([-1., 0.5, 2.])) = [-0.1587, 0.3457, 1.9545]
        let gelu = GELU()(Matrix(rows: 1, cols: 3, [-1, 0.5, 2])).storage
        for (a, e) in zip(gelu, [-0.158655, 0.345731, 1.954500] as [Float]) { XCTAssertEqual(a, e, accuracy: 1e-5) }
        XCTAssertEqual(LeakyReLU()(Matrix(rows: 1, cols: 2, [-2, 3])).storage, [-0.02, 3])
        let z = Matrix(rows: 2, cols: 3, [1, 2, 3, 1000, 1000, 1000])
        let p = Softmax.probabilities(z)
        XCTAssertEqual(p[0, 2], 0.665241, accuracy: 1e-6)
        XCTAssertEqual(p[1, 0], 1.0 / 3, accuracy: 1e-6, "large logits do not overflow")
        XCTAssertEqual(Softmax.logSumExp(z)[1, 0], 1000 + logf(3), accuracy: 1e-3)
    }

    /// Sum = n × mean, for the value and the gradient; per-example values average to the mean.
    func testCrossEntropyReductions() {
        let random = Random(seed: 5)
        let logits = random.normalMatrix(rows: 6, cols: 4), labels = [0, 3, 1, 2, 2, 0]
        let mean = CrossEntropyLoss()(logits, labels), sum = CrossEntropyLoss(reduction: .sum)(logits, labels)
        XCTAssertEqual(sum.value, 6 * mean.value, accuracy: 1e-5)
        for (s, m) in zip(sum.gradient.storage, mean.gradient.storage) { XCTAssertEqual(s, 6 * m, accuracy: 1e-6) }
        let each = CrossEntropyLoss().perExample(logits, labels)
        XCTAssertEqual(each.reduce(0, +) / 6, mean.value, accuracy: 1e-6)
        XCTAssertLessThan(GradientCheck.maximumError(CrossEntropyLoss(reduction: .sum), output: logits, target: labels), tolerance)
    }
}
