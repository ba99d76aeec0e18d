import XCTest
import Engine

/// The layers and losses PyTorch has that the lessons do not use yet.
final class MorePyTorchPiecesTests: XCTestCase {
    let tolerance: Float = 2e-3

    func testActivationAndSoftmaxLayersGradients() {
        let random = Random(seed: 4)
        // Inputs kept away from the kink of LeakyReLU, where central differences straddle it.
        let input = random.normalMatrix(rows: 4, cols: 5).map { $0 + ($0 >= 0 ? 0.1 : -0.1) }
        for layer: Layer in [LeakyReLU(negativeSlope: 0.1), GELU(), SoftmaxLayer(), LogSoftmax()] {
            XCTAssertLessThan(
                GradientCheck.maximumError(layer, input: input, random: random), tolerance, layer.description)
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
        XCTAssertLessThan(
            GradientCheck.maximumError(CrossEntropyLoss(reduction: .sum), output: logits, target: labels), tolerance)
    }
}
