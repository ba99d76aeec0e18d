import Engine
import EngineData
import Foundation
import XCTest

/// What a user writes in their own package, through the public API only (no @testable):
/// an optimizer, a layer and a container, trained by the shipped Trainer and checkpointed.
final class UserExtensionTests: XCTestCase {
    /// signSGD: w ← w − lr·sign(∇). One override.
    final class SignSGD: Optimizer {
        override func update(_ w: UnsafeMutableBufferPointer<Float>, gradient g: UnsafeBufferPointer<Float>,
                             state: OptimizerState, group: ParameterGroup) {
            let rate = learningRate(for: group)
            for i in w.indices { w[i] -= rate * (g[i] > 0 ? 1 : g[i] < 0 ? -1 : 0) }
        }
    }

    /// y = a·x with one learnable scalar a: ∂L/∂a = Σ x·∂L/∂y, ∂L/∂x = a·∂L/∂y.
    final class Scale: Layer {
        let a = Parameter("a", role: .scale, value: Matrix(rows: 1, cols: 1, [1]))
        var input = Matrix(rows: 0, cols: 0)
        var isTraining = true
        var parameters: [Parameter] { [a] }
        var description: String { "Scale(\(a.value[0, 0]))" }
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
    final class ResidualBlock: Container {
        let body: Sequential
        var children: [Layer] { [body] }
        init(width: Int, random: Random) { body = Sequential(Linear(width, width, random: random), Tanh(), Scale()) }
        func forward(_ x: Matrix) -> Matrix { x.zip(body(x), +) }
        func backward(_ dy: Matrix) -> Matrix { dy.zip(body.backward(dy), +) }
        var description: String { "ResidualBlock(\(body))" }
    }

    func makeModel(seed: UInt64) -> Sequential {
        let random = Random(seed: seed)
        return Sequential(Linear(2, 8, random: random), Tanh(),
                          ResidualBlock(width: 8, random: random),
                          Linear(8, 3, random: random))
    }

    func testUserOptimizerLayerAndContainerTrainAndCheckpoint() throws {
        let random = Random(seed: 7)
        let data = Synthetic.blobs(count: 240, classes: 3, radius: 2, spread: 0.7, random: random)
        let model = makeModel(seed: 1)
        let trainer = Trainer(model: model, loss: CrossEntropyLoss(),
                              optimizer: SignSGD(model.parameters, learningRate: 0.01), random: random)
        let history = try trainer.fit(data, validation: data, options: TrainingOptions(epochs: 12, batchSize: 24))
        let first = history.epochs.first!.trainLoss, last = history.last!.trainLoss
        XCTAssertLessThan(last, 0.6 * first, "training loss \(first) → \(last)")
        XCTAssertGreaterThan(history.last!.validationAccuracy!, 0.85)
        XCTAssertEqual(model.parameters.count, 2 + 2 + 1 + 2, "linear, inner linear, scale, linear")
        let scale = try XCTUnwrap(model.state().entries.first { $0.name == "2.0.2.a" }, "the Scale parameter by its hierarchical name")
        XCTAssertNotEqual(scale.value[0, 0], 1, "trained")

        let path = NSTemporaryDirectory() + "user-extension-\(UUID().uuidString).ckpt"
        defer { try? FileManager.default.removeItem(atPath: path) }
        try Checkpoint.save(model.state(), to: path)
        let fresh = makeModel(seed: 2)
        model.isTraining = false
        fresh.isTraining = false
        XCTAssertNotEqual(fresh(data.inputs), model(data.inputs))
        try fresh.load(Checkpoint.load(from: path, for: fresh))
        XCTAssertEqual(fresh(data.inputs), model(data.inputs))
        XCTAssertEqual(fresh.state(), model.state())
    }
}
