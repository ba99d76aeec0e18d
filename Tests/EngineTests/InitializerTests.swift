import XCTest
@testable import Engine

final class InitializerTests: XCTestCase {
    let fanIn = 300, fanOut = 200

    func statistics(_ initializer: Initializer, seed: UInt64 = 1) -> TensorStatistics {
        TensorStatistics(
            initializer.matrix(
                rows: fanOut, cols: fanIn, fanIn: fanIn, fanOut: fanOut,
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
            XCTAssertEqual(
                initializer.standardDeviation(fanIn: fanIn, fanOut: fanOut)!, std, accuracy: std * 1e-5,
                "\(initializer)")
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
        XCTAssertEqual(
            Initializer.Nonlinearity.leakyReLU(slope: Float(5).squareRoot()).gain,
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
