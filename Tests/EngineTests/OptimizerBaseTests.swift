import XCTest
@testable import Engine

/// The optimizer base: a user's optimizer is one override, parameter groups carry their own
/// weight decay, and the lecture's momentum form follows PyTorch's.
final class OptimizerBaseTests: XCTestCase {
    /// signSGD, written the way a user would in their own package.
    final class SignSGD: Optimizer {
        override func update(
            _ w: UnsafeMutableBufferPointer<Float>, gradient g: UnsafeBufferPointer<Float>,
            state: OptimizerState, group: ParameterGroup
        ) {
            for i in w.indices { w[i] -= learningRate * (g[i] > 0 ? 1 : g[i] < 0 ? -1 : 0) }
        }
    }

    /// Momentum written by a user with one state slot: matches the built-in SGD.
    final class HeavyBall: Optimizer {
        enum Slot: Int { case velocity }
        override var slotsPerParameter: Int { 1 }
        override func update(
            _ w: UnsafeMutableBufferPointer<Float>, gradient g: UnsafeBufferPointer<Float>,
            state: OptimizerState, group: ParameterGroup
        ) {
            let b = state[Slot.velocity]
            for i in w.indices {
                b[i] = steps == 1 ? g[i] : 0.9 * b[i] + g[i]
                w[i] -= learningRate * b[i]
            }
        }
    }

    func quadratic(_ parameter: Parameter) {
        parameter.gradient = parameter.value.map { $0 - 0.5 }
    }

    func testAUserOptimizerIsOneOverride() {
        let parameter = Parameter("w", value: Matrix(rows: 1, cols: 3, [1, -2, 0.5]))
        let optimizer = SignSGD([parameter], learningRate: 0.125)
        for _ in 0..<3 { quadratic(parameter); optimizer.step() }
        XCTAssertEqual(parameter.value.storage, [0.625, -1.625, 0.5])
        XCTAssertEqual(optimizer.steps, 3)

        let a = Parameter("a", value: Matrix(rows: 1, cols: 3, [1, -2, 0.5]))
        let b = Parameter("b", value: Matrix(rows: 1, cols: 3, [1, -2, 0.5]))
        let mine = HeavyBall([a], learningRate: 0.1), builtIn = SGD([b], learningRate: 0.1, momentum: 0.9)
        for _ in 0..<5 {
            quadratic(a); mine.step()
            quadratic(b); builtIn.step()
        }
        XCTAssertEqual(a.value.storage, b.value.storage)
    }

    /// The lecture's L2 pattern in one optimizer: weight decay on the weights, none on the
    /// biases (torch's two param groups), equal to two separate optimizers.
    func testParameterGroupsCarryTheirWeightDecay() {
        func parameters() -> (Parameter, Parameter) {
            (
                Parameter("w", value: Matrix(rows: 1, cols: 2, [1, -1])),
                Parameter("b", value: Matrix(rows: 1, cols: 2, [2, 3]), decays: false, countedAs: .biases)
            )
        }
        let (w1, b1) = parameters(), (w2, b2) = parameters()
        let grouped = SGD(
            [ParameterGroup([w1], weightDecay: 0.1), ParameterGroup([b1], weightDecay: 0)],
            learningRate: 0.1, momentum: 0.9)
        let weights = SGD([w2], learningRate: 0.1, momentum: 0.9, weightDecay: 0.1)
        let biases = SGD([b2], learningRate: 0.1, momentum: 0.9)
        for _ in 0..<4 {
            for p in [w1, b1, w2, b2] { quadratic(p) }
            grouped.step(); weights.step(); biases.step()
        }
        XCTAssertEqual(w1.value.storage, w2.value.storage)
        XCTAssertEqual(b1.value.storage, b2.value.storage)
        XCTAssertEqual(grouped.parameters.map(\.name), ["w", "b"])
    }

    /// torch.optim's `param_groups[i]["lr"]`: the weights at their own rate 0.5, the biases at
    /// the optimizer's 0.1; a schedule that halves the optimizer's rate halves both.
    func testParameterGroupsCarryTheirLearningRateAndFollowTheSchedule() {
        let w = Parameter("w", value: Matrix(rows: 1, cols: 2, [1, -1]))
        let b = Parameter("b", value: Matrix(rows: 1, cols: 2, [2, 3]), decays: false, countedAs: .biases)
        let optimizer = SGD([ParameterGroup([w], learningRate: 0.5), ParameterGroup([b])], learningRate: 0.1)
        /// One step on the gradient of ½‖x − 0.5‖² at the given group rates.
        func step(rates: [Float], weights: [Float], biases: [Float]) {
            XCTAssertEqual(optimizer.groups.map { optimizer.learningRate(for: $0) }, rates)
            for p in [w, b] { quadratic(p) }
            optimizer.step()
            XCTAssertEqual(w.value.storage, weights)
            for (x, y) in zip(b.value.storage, biases) { XCTAssertEqual(x, y, accuracy: 1e-6) }
        }
        // w − 0.5·(w − 0.5): 1 − 0.5·0.5, −1 − 0.5·(−1.5); b − 0.1·(b − 0.5): 2 − 0.1·1.5, 3 − 0.1·2.5.
        step(rates: [0.5, 0.1], weights: [0.75, -0.25], biases: [1.85, 2.75])
        // A schedule halves the optimizer's rate: the weights' own rate halves with it.
        // 0.75 − 0.25·0.25, −0.25 − 0.25·(−0.75); 1.85 − 0.05·1.35, 2.75 − 0.05·2.25.
        optimizer.learningRate = 0.05
        step(rates: [0.25, 0.05], weights: [0.6875, -0.0625], biases: [1.7825, 2.6375])
    }

    /// v = αv + η∇L(w), w ← w − v follows SGD(momentum: α) with v = η·b; with Nesterov the
    /// lecture's look-ahead gradient ∇L(w − αv) gives the same iterates as PyTorch's form at
    /// the look-ahead point.
    func testLectureMomentumMatchesPyTorchForm() {
        for nesterov in [false, true] {
            let lecture = Parameter("w", value: Matrix(rows: 1, cols: 2, [1, -2]))
            let torch = Parameter("w", value: Matrix(rows: 1, cols: 2, [1, -2]))
            let lectureOptimizer = LectureMomentum([lecture], learningRate: 0.1, alpha: 0.9, nesterov: nesterov)
            let torchOptimizer = SGD([torch], learningRate: 0.1, momentum: 0.9, nesterov: nesterov)
            for _ in 0..<20 {
                lectureOptimizer.lookAhead()
                quadratic(lecture)
                lectureOptimizer.step()
                quadratic(torch)
                torchOptimizer.step()
            }
            // PyTorch's Nesterov iterate is the lecture's look-ahead point w − α·v.
            lectureOptimizer.lookAhead()
            for (a, b) in zip(lecture.value.storage, torch.value.storage) {
                XCTAssertEqual(a, b, accuracy: 1e-5, "nesterov \(nesterov)")
            }
        }
    }

    func testDecimalHyperparameters() {
        XCTAssertEqual(Float(1 - Hyperparameter.decimal(0.999)), 0.001)
        XCTAssertNotEqual(1 - Float(0.999), 0.001, "the rounding Hyperparameter.decimal() avoids")
    }
}
