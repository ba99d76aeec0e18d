import Engine
import EngineData
import Foundation
import XCTest

/// What a user writes in their own package, through the public API only (no @testable):
/// optimizers, layers (one with a new kind of parameter) and a container, checked with the
/// public gradient checker, trained by the shipped Trainer and checkpointed.
final class UserExtensionTests: XCTestCase {
    /// signSGD: w ← w − lr·sign(∇). One override.
    final class SignSGD: Optimizer {
        override func update(
            _ w: UnsafeMutableBufferPointer<Float>, gradient g: UnsafeBufferPointer<Float>,
            state: OptimizerState, group: ParameterGroup
        ) {
            let rate = learningRate(for: group)
            for i in w.indices { w[i] -= rate * (g[i] > 0 ? 1 : g[i] < 0 ? -1 : 0) }
        }
    }

    /// Lion (Chen et al. 2023, "Symbolic Discovery of Optimization Algorithms"): the sign of
    /// an interpolation between momentum and gradient, with decoupled weight decay.
    ///
    ///     c ← β₁·m + (1 − β₁)·g,   w ← w·(1 − lr·wd) − lr·sign(c),   m ← β₂·m + (1 − β₂)·g
    ///
    /// Its defaults are stated once, in its one initializer, which takes a parameter list or
    /// parameter groups; its one state slot is read by name.
    final class Lion: Optimizer {
        let beta1: Float, beta2: Float, weightDecay: Float

        init<Element: OptimizerParameters>(
            _ parameters: [Element], learningRate: Float = 1e-4,
            beta1: Float = 0.9, beta2: Float = 0.99, weightDecay: Float = 0
        ) {
            Hyperparameter.check(beta1, "beta1", in: 0...1)
            Hyperparameter.check(beta2, "beta2", in: 0...1)
            Hyperparameter.check(weightDecay, "weight decay")
            (self.beta1, self.beta2, self.weightDecay) = (beta1, beta2, weightDecay)
            super.init(parameters, learningRate: learningRate)
        }

        enum Slot: Int { case momentum }
        override var slotsPerParameter: Int { 1 }

        override func update(
            _ w: UnsafeMutableBufferPointer<Float>, gradient g: UnsafeBufferPointer<Float>,
            state: OptimizerState, group: ParameterGroup
        ) {
            let rate = learningRate(for: group), shrink = 1 - rate * (group.weightDecay ?? weightDecay)
            let m = state[Slot.momentum]
            for i in w.indices {
                let c = beta1 * m[i] + (1 - beta1) * g[i]
                w[i] = w[i] * shrink - rate * (c > 0 ? 1 : c < 0 ? -1 : 0)
                m[i] = beta2 * m[i] + (1 - beta2) * g[i]
            }
        }
    }

    /// PReLU (`torch.nn.PReLU`): max(0, x) + aⱼ·min(0, x) with a learned slope aⱼ per feature.
    /// The slopes are a new kind of parameter: the L2 penalty leaves them alone (decaying them
    /// would pull the layer toward ReLU) and the parameter summary counts them in their own
    /// column. Its training mode and description come from `Module`.
    final class PReLU: Module, Layer {
        static let slopes = Parameter.Category("slopes")
        let slope: Parameter
        private var input = Matrix(rows: 0, cols: 0)

        init(_ features: Int, initialSlope: Float = 0.25) {
            slope = Parameter(
                "weight", value: Matrix(rows: 1, cols: features, repeating: initialSlope),
                decays: false, countedAs: PReLU.slopes)
        }

        var parameters: [Parameter] { [slope] }
        override var description: String { "PReLU(\(slope.count))" }

        func forward(_ input: Matrix) -> Matrix {
            self.input = input
            var output = input
            for r in 0..<input.rows {
                for c in 0..<input.cols where input[r, c] < 0 { output[r, c] = slope.value[0, c] * input[r, c] }
            }
            return output
        }

        /// ∂L/∂x = ∂L/∂y where x > 0, else aⱼ·∂L/∂y; ∂L/∂aⱼ = Σ over the batch of x·∂L/∂y where x < 0.
        func backward(_ outputGradient: Matrix) -> Matrix {
            var inputGradient = outputGradient
            var slopeGradient = Matrix(rows: 1, cols: input.cols)
            for r in 0..<input.rows {
                for c in 0..<input.cols where input[r, c] < 0 {
                    inputGradient[r, c] = slope.value[0, c] * outputGradient[r, c]
                    slopeGradient[0, c] += input[r, c] * outputGradient[r, c]
                }
            }
            slope.gradient = slopeGradient
            return inputGradient
        }
    }

    /// Gaussian noise in training mode, the identity in evaluation mode: the mode it reads is
    /// `Module`'s, set by `train(_:)` on whatever model holds the layer.
    final class GaussianNoise: Module, Layer {
        let std: Float, random: Random
        init(std: Float, random: Random) { (self.std, self.random) = (std, random) }
        func forward(_ input: Matrix) -> Matrix {
            isTraining ? input.zip(random.normalMatrix(rows: input.rows, cols: input.cols, std: std), +) : input
        }
        func backward(_ outputGradient: Matrix) -> Matrix { outputGradient }
    }

    /// y = a·x with one learnable scalar a: ∂L/∂a = Σ x·∂L/∂y, ∂L/∂x = a·∂L/∂y.
    final class Scale: Module, Layer {
        let a = Parameter("a", value: Matrix(rows: 1, cols: 1, [1]), decays: false)
        var input = Matrix(rows: 0, cols: 0)
        var parameters: [Parameter] { [a] }
        override var description: String { "Scale(\(a.value[0, 0]))" }
        func forward(_ input: Matrix) -> Matrix {
            self.input = input
            return input.map { [a] in a.value[0, 0] * $0 }
        }
        func backward(_ outputGradient: Matrix) -> Matrix {
            a.gradient = Matrix(rows: 1, cols: 1, [input.zip(outputGradient, *).sum()])
            return outputGradient.map { [a] in a.value[0, 0] * $0 }
        }
    }

    /// A residual block y = x + f(x), f = Linear → tanh → Scale: its parameters, buffers,
    /// mode and checkpoint names come from `Container`.
    final class ResidualBlock: Module, Container {
        let body: Sequential
        var children: [Layer] { [body] }
        init(width: Int, random: Random) { body = Sequential(Linear(width, width, random: random), Tanh(), Scale()) }
        func forward(_ x: Matrix) -> Matrix { x.zip(body(x), +) }
        func backward(_ dy: Matrix) -> Matrix { dy.zip(body.backward(dy), +) }
        override var description: String { "ResidualBlock(\(body))" }
    }

    func makeModel(seed: UInt64) -> Sequential {
        let random = Random(seed: seed)
        return Sequential(
            Linear(2, 8, random: random), Tanh(),
            ResidualBlock(width: 8, random: random),
            Linear(8, 3, random: random))
    }

    func testUserOptimizerLayerAndContainerTrainAndCheckpoint() throws {
        let random = Random(seed: 7)
        let data = Synthetic.blobs(count: 240, classes: 3, radius: 2, spread: 0.7, random: random)
        let model = makeModel(seed: 1)
        let trainer = Trainer(
            model: model, loss: CrossEntropyLoss(),
            optimizer: SignSGD(model.parameters, learningRate: 0.01), random: random)
        let history = try trainer.fit(data, validation: data, options: TrainingOptions(epochs: 12, batchSize: 24))
        let first = history.epochs.first!.trainLoss, last = history.last!.trainLoss
        XCTAssertLessThan(last, 0.6 * first, "training loss \(first) → \(last)")
        XCTAssertGreaterThan(history.last!.validationAccuracy!, 0.85)
        XCTAssertEqual(model.parameters.count, 2 + 2 + 1 + 2, "linear, inner linear, scale, linear")
        let scale = try XCTUnwrap(
            model.state().entries.first { $0.name == "2.0.2.a" }, "the Scale parameter by its hierarchical name")
        XCTAssertNotEqual(scale.value[0, 0], 1, "trained")

        let path = NSTemporaryDirectory() + "user-extension-\(UUID().uuidString).ckpt"
        defer { try? FileManager.default.removeItem(atPath: path) }
        try Checkpoint.save(model.state(), to: path)
        let fresh = makeModel(seed: 2)
        model.train(false)
        fresh.train(false)
        XCTAssertNotEqual(fresh(data.inputs), model(data.inputs))
        try fresh.load(Checkpoint.load(from: path, for: fresh))
        XCTAssertEqual(fresh(data.inputs), model(data.inputs))
        XCTAssertEqual(fresh.state(), model.state())
    }

    /// The user's layers pass the public gradient checker, and a deliberately wrong backward
    /// pass (the slope gradient with its sign flipped) does not: the check can fail.
    func testUserLayersPassThePublicGradientCheck() {
        let random = Random(seed: 11)
        // Inputs away from the kink at 0, where a finite difference straddles two slopes.
        let input = random.normalMatrix(rows: 6, cols: 4).map { $0 < 0 ? $0 - 0.1 : $0 + 0.1 }
        let prelu = PReLU(4, initialSlope: 0.3)
        XCTAssertLessThan(GradientCheck.maximumError(prelu, input: input, random: random), 1e-2)
        XCTAssertLessThan(GradientCheck.maximumError(Scale(), input: input, random: random), 1e-2)
        let block = ResidualBlock(width: 4, random: random)
        XCTAssertLessThan(GradientCheck.maximumError(block, input: input, random: random), 1e-2)

        final class WrongPReLU: Module, Layer {
            let inner = PReLU(4, initialSlope: 0.3)
            var parameters: [Parameter] { inner.parameters }
            func forward(_ input: Matrix) -> Matrix { inner.forward(input) }
            func backward(_ outputGradient: Matrix) -> Matrix {
                let inputGradient = inner.backward(outputGradient)
                inner.slope.gradient = inner.slope.gradient.map { -$0 }
                return inputGradient
            }
        }
        XCTAssertGreaterThan(GradientCheck.maximumError(WrongPReLU(), input: input, random: random), 0.1)
    }

    /// A user layer that reads the training mode follows `train(_:)` through the containers
    /// around it, without declaring the mode itself.
    func testUserLayerFollowsTheTrainingMode() {
        let random = Random(seed: 9)
        let noise = GaussianNoise(std: 1, random: random)
        let linear = Linear(2, 2, random: random)
        let model = Sequential(linear, Sequential(noise))
        let input = Matrix(rows: 3, cols: 2, [1, 2, 3, 4, 5, 6])
        XCTAssertNotEqual(model(input), linear(input), "training mode: noise added")
        model.train(false)
        XCTAssertFalse(noise.isTraining)
        XCTAssertEqual(model(input), linear(input), "evaluation mode: the noise layer is the identity")
        model.train()
        XCTAssertTrue(noise.isTraining)
    }

    /// The slopes' own properties act where the engine decides from them: the L2 penalty
    /// skips them and the parameter summary counts them in their own column.
    func testANewKindOfParameterIsNotDecayedAndCountedApart() {
        let random = Random(seed: 3)
        let model = Sequential(Linear(3, 5, random: random), PReLU(5), Linear(5, 2, random: random))
        XCTAssertEqual(
            model.parameterSummary().map(\.counts),
            [
                [.weights: 15, .biases: 5], [PReLU.slopes: 5], [.weights: 10, .biases: 2],
            ])
        XCTAssertEqual(model.parameterSummary().map(\.total), [20, 5, 12])
        for parameter in model.parameters {
            parameter.gradient = Matrix(rows: parameter.value.rows, cols: parameter.value.cols)
        }
        L2Penalty(lambda: 1).addGradient(model.parameters, batchSize: 1)
        let penalized = model.parameters.filter { $0.gradient.sumOfSquares() > 0 }.map(\.name)
        XCTAssertEqual(penalized, ["weight", "weight"], "the two Linear weights only, not the slopes")
    }

    /// Lion's first steps by hand: with m = 0 the first update is −lr·sign(g) (plus the
    /// decoupled decay); the momentum then carries the sign when the gradient flips. Groups
    /// take their own rate and decay through the same initializer.
    func testUserOptimizerStepsByHand() {
        let w = Parameter("w", value: Matrix(rows: 1, cols: 3, [1, -2, 0.5]))
        let b = Parameter("b", value: Matrix(rows: 1, cols: 1, [4]), decays: false, countedAs: .biases)
        let lion = Lion(
            [ParameterGroup([w], weightDecay: 0.5), ParameterGroup([b], learningRate: 0.25)],
            learningRate: 0.1, beta1: 0.5, beta2: 0.75)
        w.gradient = Matrix(rows: 1, cols: 3, [2, -4, 0])
        b.gradient = Matrix(rows: 1, cols: 1, [-1])
        lion.step()
        // w·(1 − 0.1·0.5) − 0.1·sign(0.5·g); b has no decay and its own rate 0.25.
        assertClose(w.value.storage, [0.95 - 0.1, -1.9 + 0.1, 0.475], "first step")
        assertClose(b.value.storage, [4.25])
        // m = 0.25·g = [0.5, −1, 0]; a flipped gradient [−1, 1, 0] gives c = 0.5·m + 0.5·g = [−0.25, 0, 0].
        w.gradient = Matrix(rows: 1, cols: 3, [-1, 1, 0])
        b.gradient = Matrix(rows: 1, cols: 1, [0])
        lion.step()
        let afterFirst: [Float] = [0.85, -1.8, 0.475]
        assertClose(
            w.value.storage, [afterFirst[0] * 0.95 + 0.1, afterFirst[1] * 0.95, afterFirst[2] * 0.95], "second step")
        assertClose(b.value.storage, [4.25 + 0.25], "b's momentum −0.25 still sets the sign when its gradient is 0")
    }

    func assertClose(_ got: [Float], _ want: [Float], _ message: String = "", line: UInt = #line) {
        XCTAssertEqual(got.count, want.count, message, line: line)
        for (g, w) in zip(got, want) { XCTAssertEqual(g, w, accuracy: 1e-6, message, line: line) }
    }

    /// A network with PReLU trained by Lion through the shipped Trainer learns the blobs.
    func testUserLayerAndOptimizerTrain() throws {
        let random = Random(seed: 5)
        let data = Synthetic.blobs(count: 240, classes: 3, radius: 2, spread: 0.7, random: random)
        let model = Sequential(Linear(2, 8, random: random), PReLU(8), Linear(8, 3, random: random))
        let trainer = Trainer(
            model: model, loss: CrossEntropyLoss(),
            optimizer: Lion(model.parameters, learningRate: 3e-3), random: random)
        let history = try trainer.fit(data, validation: data, options: TrainingOptions(epochs: 15, batchSize: 24))
        XCTAssertLessThan(history.last!.trainLoss, 0.6 * history.epochs.first!.trainLoss)
        XCTAssertGreaterThan(history.last!.validationAccuracy!, 0.85)
        XCTAssertNotEqual(
            model.layers[1].parameters[0].value.storage, [Float](repeating: 0.25, count: 8), "slopes trained")
    }

    /// The guide's optimizer and layer are this file's, line for line (indentation aside):
    /// the code a reader copies from docs/write-your-own-experiment.md compiles and passes
    /// the tests above.
    func testTheGuideQuotesThisFile() throws {
        let tests = URL(fileURLWithPath: #filePath)
        let guide = tests.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("docs/write-your-own-experiment.md")
        let source = Set(try String(contentsOf: tests, encoding: .utf8).split(separator: "\n").map(Self.trimmed))
        let text = try String(contentsOf: guide, encoding: .utf8)
        let section = try XCTUnwrap(text.range(of: "## Your own optimizer and layer")).upperBound
        let blocks = text[section...].components(separatedBy: "```swift\n").dropFirst()
            .map { $0.components(separatedBy: "```")[0] }
        let quoted = blocks.filter { $0.contains("final class") }
        XCTAssertEqual(quoted.count, 2, "the optimizer and the layer")
        for block in quoted {
            for line in block.split(separator: "\n").map(Self.trimmed) where !line.hasPrefix("//") {
                XCTAssertTrue(source.contains(line), "the guide's line is not in this file: \(line)")
            }
        }
    }

    static func trimmed(_ line: Substring) -> String { line.trimmingCharacters(in: .whitespaces) }
}
