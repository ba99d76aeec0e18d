@testable import Engine
import EngineData
import XCTest

/// Each optimizer runs three steps on f(w) = ½‖w − t‖² (gradient w − t) from w = (1, −2, 0.5)
/// with t = (0.5, 0.5, 0.5); the third weight starts at its optimum, so its gradient is 0.
/// Expected values were computed by hand from the `torch.optim` update rules (in double
/// precision, written out step by step), not by this engine.
final class OptimizerTests: XCTestCase {
    let target: [Float] = [0.5, 0.5, 0.5]

    func run(_ make: ([Parameter]) -> Optimizer, steps: Int = 3) -> [Float] {
        let parameter = Parameter("w", value: Matrix(rows: 1, cols: 3, [1, -2, 0.5]))
        let optimizer = make([parameter])
        for _ in 0..<steps {
            parameter.gradient = Matrix(rows: 1, cols: 3, zip(parameter.value.storage, target).map { $0 - $1 })
            optimizer.step()
        }
        XCTAssertEqual(optimizer.steps, steps)
        return parameter.value.storage
    }

    /// Hyperparameters are Float32 here and Python floats in PyTorch; the engine derives
    /// 1 − β from the decimal the caller wrote (`decimal`), so the scalars match PyTorch's and
    /// three steps agree to float rounding (10⁻⁶ relative; Float32 arithmetic in 1 − β gave
    /// 10⁻⁵).
    func check(_ actual: [Float], _ expected: [Float], file: StaticString = #filePath, line: UInt = #line) {
        for (a, e) in zip(actual, expected) {
            XCTAssertEqual(a, e, accuracy: 1e-6 * max(1, abs(e)), file: file, line: line)
        }
    }

    func testSGD() {
        check(run { SGD($0, learningRate: 0.1) }, [0.8645, -1.3225, 0.5])
        check(run { SGD($0, learningRate: 0.1, momentum: 0.9) }, [0.743, -0.715, 0.5])
        check(run { SGD($0, learningRate: 0.1, momentum: 0.9, nesterov: true) }, [0.6636605, -0.3183025, 0.5])
        check(
            run { SGD($0, learningRate: 0.1, momentum: 0.9, dampening: 0.5, weightDecay: 0.01) },
            [0.798784587, -1.00575914, 0.4980273])
    }

    func testAdam() {
        check(run { Adam($0, learningRate: 0.1) }, [0.704871256, -1.70047393, 0.5])
        check(run { Adam($0, learningRate: 0.1, biasCorrection: false) }, [0.096310265, -0.776956324, 0.5])
        check(
            run { Adam($0, learningRate: 0.1, weightDecay: 0.1, amsgrad: true) },
            [0.704173895, -1.70048455, 0.455426137])
        check(run { AdamW($0, learningRate: 0.1) }, [0.702258291, -1.69479096, 0.509350371])
    }

    /// With bias correction, m̂₁ = g and v̂₁ = g², so Adam's first step is lr·g/(|g| + ε):
    /// every weight with a gradient moves by lr, whatever the gradient's size. Without it
    /// the step is lr·(1 − β₁)g/(√(1 − β₂)|g| + ε) ≈ 3.16·lr: too large at first here, and
    /// then shrinking as m catches up faster than v.
    func testAdamFirstStepByHand() {
        check(run({ Adam($0, learningRate: 0.01) }, steps: 1), [1 - 0.01, -2 + 0.01, 0.5])
        let uncorrected = 0.01 * 0.1 / Float(0.001).squareRoot()
        check(
            run({ Adam($0, learningRate: 0.01, biasCorrection: false) }, steps: 1),
            [1 - uncorrected, -2 + uncorrected, 0.5])
    }

    func testNAdam() {
        check(run { NAdam($0, learningRate: 0.1) }, [0.764727046, -1.74652272, 0.5])
        check(run { NAdam($0, learningRate: 0.1, weightDecay: 0.1) }, [0.762577297, -1.7465951, 0.447621162])
    }

    func testRMSprop() {
        check(run { RMSprop($0) }, [0.790433242, -1.77446803, 0.5])
        check(
            run { RMSprop($0, learningRate: 0.01, weightDecay: 0.1, momentum: 0.9, centered: true) },
            [0.567012767, -1.53912648, 0.444023048])
    }

    func testAdagrad() {
        check(run { Adagrad($0, learningRate: 0.1) }, [0.790899177, -1.77493936, 0.5])
        check(
            run { Adagrad($0, learningRate: 0.1, learningRateDecay: 0.1, initialAccumulator: 0.5) },
            [0.869154926, -1.7960512, 0.5])
    }

    func testAdadelta() {
        check(run { Adadelta($0) }, [0.990325867, -1.9902991, 0.5])
        check(run { Adadelta($0, learningRate: 0.5, weightDecay: 0.1) }, [0.995153894, -1.99514793, 0.495249435])
    }

    /// The lecture's cost adds (λ/n)Σ‖W‖²; for plain SGD that is weight decay 2λ/n.
    func testL2PenaltyMatchesSGDWeightDecay() {
        let random = Random(seed: 11)
        let data = Synthetic.blobs(count: 40, classes: 3, random: random)
        let penalized = Sequential.mlp([2, 8, 3], random: Random(seed: 5))
        let decayed = Sequential.mlp([2, 8, 3], random: Random(seed: 5))
        let lambda: Float = 0.2, batch = 10
        let penalty = L2Penalty(lambda: lambda)
        let withPenalty = Trainer(
            model: penalized, loss: CrossEntropyLoss(),
            optimizer: SGD(penalized.parameters, learningRate: 0.1), random: Random(seed: 1))
        // Weight decay applies to every parameter in PyTorch unless grouped, so give the
        // decay optimizer only the weights and a plain one the biases.
        let weights = decayed.parameters.filter { $0.decays }
        let biases = decayed.parameters.filter { !$0.decays }
        let decay = SGD(weights, learningRate: 0.1, weightDecay: penalty.equivalentWeightDecay(batchSize: batch))
        let plain = SGD(biases, learningRate: 0.1)
        for start in stride(from: 0, to: 40, by: batch) {
            let (x, y) = data.batch(Array(start..<(start + batch))[...])
            withPenalty.step(x, y, l2: lambda)
            let (_, gradient) = CrossEntropyLoss()(decayed.forward(x), y)
            decayed.backward(gradient)
            decay.step()
            plain.step()
        }
        for (a, b) in zip(penalized.parameters, decayed.parameters) {
            for (x, y) in zip(a.value.storage, b.value.storage) { XCTAssertEqual(x, y, accuracy: 1e-6) }
        }
        XCTAssertNotEqual(
            penalized.parameters[0].value, Sequential.mlp([2, 8, 3], random: Random(seed: 5)).parameters[0].value)
    }
}
