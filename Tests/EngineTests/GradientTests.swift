import XCTest
@testable import Engine

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
        let error = GradientCheck.maximumError(
            dropout, input: input, random: random,
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
        layer.train(false)
        let input = random.normalMatrix(rows: 4, cols: 3)
        XCTAssertLessThan(GradientCheck.maximumError(layer, input: input, random: random), tolerance)
    }

    func testWholeNetworkWithBatchNormAndDropout() {
        let random = Random(seed: 6)
        let model = Sequential.mlp([4, 6, 5, 3], activation: .tanh, batchNorm: true, dropout: 0.3, random: random)
        let dropouts = model.layers.compactMap { $0 as? Dropout }
        let input = random.normalMatrix(rows: 5, cols: 4)
        let error = GradientCheck.maximumError(
            model, input: input, random: random,
            prepare: {
                for (index, dropout) in dropouts.enumerated() { dropout.random = Random(seed: UInt64(index + 10)) }
            })
        XCTAssertLessThan(error, 5e-3)
    }

    func testLosses() {
        let random = Random(seed: 7)
        let logits = random.normalMatrix(rows: 5, cols: 4, std: 2)
        XCTAssertLessThan(
            GradientCheck.maximumError(CrossEntropyLoss(), output: logits, target: [0, 3, 1, 1, 2]), tolerance)
        let target = random.normalMatrix(rows: 5, cols: 4)
        XCTAssertLessThan(GradientCheck.maximumError(MSELoss(), output: logits, target: target), tolerance)
        let probabilities = random.uniformMatrix(rows: 5, cols: 4, 0, 1)
        XCTAssertLessThan(
            GradientCheck.maximumError(BCEWithLogitsLoss(), output: logits, target: probabilities), tolerance)
    }

    func testL2PenaltyGradient() {
        let random = Random(seed: 8)
        let model = Sequential.mlp([3, 4, 2], random: random)
        let penalty = L2Penalty(lambda: 0.7)
        let parameters = model.parameters
        for parameter in parameters {
            parameter.gradient = Matrix(rows: parameter.value.rows, cols: parameter.value.cols)
        }
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
            if parameter.countedAs == .biases {
                XCTAssertEqual(parameter.gradient.sumOfSquares(), 0, "biases are not penalized")
            }
        }
    }
}
