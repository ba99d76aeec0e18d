import XCTest
@testable import Engine

final class LayerBehaviourTests: XCTestCase {
    func testDropoutScalesKeptUnitsAndIsIdentityInEvaluation() {
        let dropout = Dropout(0.25, random: Random(seed: 4))
        let input = Matrix(rows: 200, cols: 100, repeating: 2)
        let output = dropout(input)
        let dropped = Float(output.storage.filter { $0 == 0 }.count) / Float(output.count)
        XCTAssertEqual(dropped, 0.25, accuracy: 0.01)
        XCTAssertTrue(output.storage.allSatisfy { $0 == 0 || $0 == 2 / 0.75 })
        XCTAssertEqual(output.sum() / Float(output.count), 2, accuracy: 0.03, "inverted dropout keeps the mean")
        dropout.train(false)
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
        layer.train(false)
        let single = layer(Matrix([[1, 10]]))
        XCTAssertEqual(single[0, 0], (1 - 0.3) / (0.9 + 0.1 * 14 / 3 + 1e-5).squareRoot(), accuracy: 1e-5)
    }

    func testMLPBuilderFollowsTheLecturesBlock() {
        let model = Sequential.mlp([784, 75, 45, 10], batchNorm: true, dropout: 0.5, random: Random(seed: 1))
        XCTAssertEqual(
            model.layers.map(\.description),
            [
                "Linear(784→75, bias=false)", "BatchNorm1d(75)", "ReLU", "Dropout(p=0.5)",
                "Linear(75→45, bias=false)", "BatchNorm1d(45)", "ReLU", "Dropout(p=0.5)", "Linear(45→10)",
            ])
        model.train(false)
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
        XCTAssertEqual(
            model.parameterSummary().map { [$0.weights, $0.biases] }, [[5000, 100], [10000, 100], [1000, 10]])
        XCTAssertEqual(model.parameterCount, 16210)
    }
}
