import XCTest
@testable import Engine

final class InitializerTests: XCTestCase {
    let fanIn = 300, fanOut = 200

    func statistics(_ initializer: Initializer, seed: UInt64 = 1) -> TensorStatistics {
        TensorStatistics(initializer.matrix(rows: fanOut, cols: fanIn, fanIn: fanIn, fanOut: fanOut,
                                            random: Random(seed: seed)))
    }

    /// Empirical mean and std of 60,000 draws against the formula; uniform draws also
    /// stay inside (and reach near) their bound √3·std.
    func testVarianceScalingFormulas() {
        let cases: [(Initializer, Float, Bool)] = [
            (.xavierUniform(), (2 / Float(fanIn + fanOut)).squareRoot(), true),
            (.xavierNormal(), (2 / Float(fanIn + fanOut)).squareRoot(), false),
            (.xavierUniform(gain: 5.0 / 3), 5.0 / 3 * (2 / Float(fanIn + fanOut)).squareRoot(), true),
            (.kaimingUniform(nonlinearity: .relu), (2 / Float(fanIn)).squareRoot(), true),
            (.kaimingNormal(nonlinearity: .relu), (2 / Float(fanIn)).squareRoot(), false),
            (.kaimingNormal(nonlinearity: .relu, mode: .fanOut), (2 / Float(fanOut)).squareRoot(), false),
            (.kaimingNormal(nonlinearity: .tanh), 5.0 / 3 / Float(fanIn).squareRoot(), false),
            (.kaimingUniform(nonlinearity: .sigmoid), 1 / Float(fanIn).squareRoot(), true),
            (.pytorchDefault, 1 / (Float(fanIn) * 3).squareRoot(), true),
            (.normal(mean: 0, std: 0.001), 0.001, false),
            (.uniform(low: -0.5, high: 0.5), 1 / Float(12).squareRoot(), true),
        ]
        for (initializer, std, isUniform) in cases {
            let s = statistics(initializer)
            XCTAssertEqual(initializer.standardDeviation(fanIn: fanIn, fanOut: fanOut)!, std, accuracy: std * 1e-5, "\(initializer)")
            XCTAssertEqual(s.std, std, accuracy: std * 0.02, "\(initializer)")
            XCTAssertEqual(s.mean, 0, accuracy: std * 0.02, "\(initializer)")
            if isUniform {
                let bound = Float(3).squareRoot() * std
                XCTAssertLessThanOrEqual(max(-s.minimum, s.maximum), bound, "\(initializer)")
                XCTAssertGreaterThan(min(-s.minimum, s.maximum), 0.99 * bound, "\(initializer)")
            }
        }
    }

    func testPyTorchDefaultBoundIsOneOverRootFanIn() {
        let layer = Linear(400, 30, random: Random(seed: 2))
        let bound = 1 / Float(400).squareRoot()
        for parameter in layer.parameters {
            let s = TensorStatistics(parameter.value)
            XCTAssertLessThanOrEqual(max(-s.minimum, s.maximum), bound)
        }
        XCTAssertGreaterThan(TensorStatistics(layer.weight.value).maximum, 0.99 * bound)
    }

    func testConstantsAndGains() {
        XCTAssertEqual(statistics(.zeros).norm, 0)
        let constant = statistics(.constant(0.25))
        XCTAssertEqual(constant.minimum, 0.25)
        XCTAssertEqual(constant.maximum, 0.25)
        // PyTorch's default is kaiming_uniform with a = √5, gain √(2/(1 + 5)) = √(1/3).
        XCTAssertEqual(Initializer.Nonlinearity.leakyReLU(slope: Float(5).squareRoot()).gain,
                       Float(1.0 / 3).squareRoot(), accuracy: 1e-6)
        XCTAssertEqual(Initializer.Nonlinearity.relu.gain, Float(2).squareRoot(), accuracy: 1e-6)
        XCTAssertEqual(Initializer.Nonlinearity.tanh.gain, 5.0 / 3, accuracy: 1e-6)
    }

    func testInitializeLayerInPlace() {
        let random = Random(seed: 3)
        let layer = Linear(50, 20, random: random)
        layer.initialize(weight: .kaimingNormal(nonlinearity: .relu), bias: .zeros, random: random)
        XCTAssertEqual(layer.bias!.value.sumOfSquares(), 0)
        XCTAssertEqual(TensorStatistics(layer.weight.value).std, (2 / Float(50)).squareRoot(), accuracy: 0.02)
    }
}

final class LayerBehaviourTests: XCTestCase {
    func testDropoutScalesKeptUnitsAndIsIdentityInEvaluation() {
        let dropout = Dropout(0.25, random: Random(seed: 4))
        let input = Matrix(rows: 200, cols: 100, repeating: 2)
        let output = dropout(input)
        let dropped = Float(output.storage.filter { $0 == 0 }.count) / Float(output.count)
        XCTAssertEqual(dropped, 0.25, accuracy: 0.01)
        XCTAssertTrue(output.storage.allSatisfy { $0 == 0 || $0 == 2 / 0.75 })
        XCTAssertEqual(output.sum() / Float(output.count), 2, accuracy: 0.03, "inverted dropout keeps the mean")
        dropout.isTraining = false
        XCTAssertEqual(dropout(input), input)
        XCTAssertEqual(dropout.backward(input), input)
    }

    /// PyTorch's convention: running = 0.9·running + 0.1·batch, with the unbiased variance,
    /// while the batch itself is normalized with the biased one.
    func testBatchNormRunningStatistics() {
        let layer = BatchNorm1d(2)
        let input = Matrix([[1, 10], [2, 20], [3, 30], [6, 40]])
        let output = layer(input)
        // mean (3, 25); biased variances (3.5, 125); unbiased (14/3, 500/3)
        XCTAssertEqual(layer.runningMean.value.storage[0], 0.3, accuracy: 1e-6)
        XCTAssertEqual(layer.runningMean.value.storage[1], 2.5, accuracy: 1e-6)
        XCTAssertEqual(layer.runningVariance.value.storage[0], 0.9 + 0.1 * 14 / 3, accuracy: 1e-5)
        XCTAssertEqual(layer.runningVariance.value.storage[1], 0.9 + 0.1 * 500 / 3, accuracy: 1e-4)
        XCTAssertEqual(output[0, 0], (1 - 3) / (3.5 + 1e-5).squareRoot(), accuracy: 1e-5)
        XCTAssertEqual(TensorStatistics(output).mean, 0, accuracy: 1e-6)
        // Evaluation uses the running estimates, so one example alone is fine.
        layer.isTraining = false
        let single = layer(Matrix([[1, 10]]))
        XCTAssertEqual(single[0, 0], (1 - 0.3) / (0.9 + 0.1 * 14 / 3 + 1e-5).squareRoot(), accuracy: 1e-5)
    }

    func testMLPBuilderFollowsTheLecturesBlock() {
        let model = Sequential.mlp([784, 75, 45, 10], batchNorm: true, dropout: 0.5, random: Random(seed: 1))
        XCTAssertEqual(model.layers.map(\.description), [
            "Linear(784→75, bias=false)", "BatchNorm1d(75)", "ReLU", "Dropout(p=0.5)",
            "Linear(75→45, bias=false)", "BatchNorm1d(45)", "ReLU", "Dropout(p=0.5)", "Linear(45→10)",
        ])
        model.isTraining = false
        XCTAssertFalse(model.layers.contains { $0.isTraining })
    }

    func testMatrixProductsMatchNaiveLoops() {
        let random = Random(seed: 9)
        let a = random.normalMatrix(rows: 3, cols: 4), b = random.normalMatrix(rows: 4, cols: 5)
        var naive = Matrix(rows: 3, cols: 5)
        for i in 0..<3 { for j in 0..<5 { for k in 0..<4 { naive[i, j] += a[i, k] * b[k, j] } } }
        let variants = [
            Matrix.product(a, b),
            Matrix.product(a.transposed(), transposeA: true, b),
            Matrix.product(a, b.transposed(), transposeB: true),
            Matrix.product(a.transposed(), transposeA: true, b.transposed(), transposeB: true),
        ]
        for product in variants {
            for (x, y) in zip(product.storage, naive.storage) { XCTAssertEqual(x, y, accuracy: 1e-5) }
        }
    }

    func testParameterSummaryOfTheLecturesNetwork() {
        let model = Sequential.mlp([50, 100, 100, 10], random: Random(seed: 1))
        XCTAssertEqual(model.parameterSummary().map { [$0.weights, $0.biases] }, [[5000, 100], [10000, 100], [1000, 10]])
        XCTAssertEqual(model.parameterCount, 16210)
    }
}
