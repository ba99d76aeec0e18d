@testable import Engine
import EngineData
import XCTest

/// Training mode set from one place, through any container, and BatchNorm's running
/// estimates as PyTorch keeps them.
final class ModeTests: XCTestCase {
    /// A residual block a user might write: y = x + f(x). Its mode, parameters and buffers
    /// come from `Container`; it trains inside a Sequential with the shipped Trainer.
    final class Residual: Module, Container {
        let inner: Sequential
        init(_ inner: Sequential) { self.inner = inner }
        var children: [Layer] { [inner] }
        override var description: String { "Residual(\(inner))" }
        func forward(_ input: Matrix) -> Matrix { input.zip(inner.forward(input), +) }
        func backward(_ outputGradient: Matrix) -> Matrix { outputGradient.zip(inner.backward(outputGradient), +) }
    }

    func testModeRecursesThroughNestedContainers() throws {
        let random = Random(seed: 1)
        let dropout = Dropout(0.5, random: random), norm = BatchNorm1d(8)
        let model = Sequential(
            Linear(2, 8, random: random), ReLU(),
            Residual(Sequential(norm, Linear(8, 8, random: random), dropout)), Linear(8, 3, random: random))
        model.train(false)
        XCTAssertFalse(dropout.isTraining || norm.isTraining)
        model.train()
        XCTAssertTrue(dropout.isTraining && norm.isTraining)
        XCTAssertEqual(model.parameters.count, 2 + 2 + 2 + 2, "linear, batch norm γ β, linear, linear")
        XCTAssertEqual(model.buffers.count, 2)

        let data = Synthetic.blobs(count: 300, classes: 3, random: random)
        let trainer = Trainer(
            model: model, loss: CrossEntropyLoss(), optimizer: SGD(model.parameters, learningRate: 0.1), random: random)
        let history = try trainer.fit(data, validation: data, options: TrainingOptions(epochs: 15, batchSize: 32))
        XCTAssertGreaterThan(history.last!.validationAccuracy!, 0.8)
    }

    /// A nested model checkpoints under hierarchical names (no collisions), round-trips
    /// through a checkpoint file, and a bare container trains with the shipped Trainer.
    func testNestedModelsCheckpointAndTrain() throws {
        let random = Random(seed: 2)
        func make() -> Sequential {
            Sequential(
                Linear(2, 4, random: random), Residual(Sequential(BatchNorm1d(4), Linear(4, 4, random: random))),
                Linear(4, 3, random: random))
        }
        let model = make()
        XCTAssertEqual(
            model.state().entries.map(\.name),
            [
                "0.weight", "0.bias", "1.0.0.weight", "1.0.0.bias", "1.0.0.running_mean", "1.0.0.running_var",
                "1.0.1.weight", "1.0.1.bias", "2.weight", "2.bias",
            ])
        let path = NSTemporaryDirectory() + "nested-\(UUID().uuidString).ckpt"
        defer { try? FileManager.default.removeItem(atPath: path) }
        try Checkpoint.save(model.state(), to: path)
        let copy = make()
        XCTAssertNotEqual(copy.state(), model.state())
        try copy.load(Checkpoint.load(from: path, for: copy))
        XCTAssertEqual(copy.state(), model.state())

        let block = Residual(Sequential(Linear(2, 2, random: random), Tanh()))
        let data = Synthetic.blobs(count: 200, classes: 2, random: random)
        let history = try Trainer(
            model: block, loss: CrossEntropyLoss(), optimizer: SGD(block.parameters, learningRate: 0.1), random: random
        )
        .fit(data, validation: data, options: TrainingOptions(epochs: 10, batchSize: 20))
        XCTAssertGreaterThan(history.last!.validationAccuracy!, 0.9)
    }

    /// With momentum nil the running mean is the plain average of the batch means.
    func testCumulativeRunningAverage() {
        let norm = BatchNorm1d(1, momentum: nil)
        let batches: [[Float]] = [[1, 3], [5, 7], [0, 2]]
        for batch in batches { _ = norm(Matrix(rows: 2, cols: 1, batch)) }
        XCTAssertEqual(norm.batchesTracked, 3)
        XCTAssertEqual(norm.runningMean.value[0, 0], (2 + 6 + 1) / 3, accuracy: 1e-6)
        XCTAssertEqual(norm.runningVariance.value[0, 0], 2, accuracy: 1e-6, "unbiased variance of each pair is 2")
    }

    /// A probe in training mode inside `keepingRunningStatistics` uses batch statistics and
    /// leaves the running estimates alone.
    func testKeepingRunningStatistics() {
        let norm = BatchNorm1d(2)
        let model = Sequential(norm)
        _ = model(Matrix(rows: 2, cols: 2, [1, 2, 3, 4]))
        let before = norm.runningMean.value
        let probe = model.keepingRunningStatistics { model(Matrix(rows: 2, cols: 2, [10, 20, 30, 40])) }
        XCTAssertEqual(norm.runningMean.value, before)
        XCTAssertEqual(norm.batchesTracked, 1)
        XCTAssertEqual(probe[0, 0], -1, accuracy: 1e-3, "normalized with the probe batch's own statistics")
        XCTAssertTrue(norm.updatesRunningStatistics)
    }

    /// A user's layer with running statistics: the mean of every training batch it sees.
    final class RunningMean: Module, RunningStatisticsLayer {
        var updatesRunningStatistics = true
        private(set) var batchMeans: [Float] = []
        private(set) var trainingPasses = 0
        func forward(_ input: Matrix) -> Matrix {
            if isTraining {
                trainingPasses += 1
                if updatesRunningStatistics { batchMeans.append(input.sum() / Float(input.count)) }
            }
            return input
        }
        func backward(_ outputGradient: Matrix) -> Matrix { outputGradient }
    }

    /// The evaluation that reproduces the batch-statistics mistake reaches layers through the
    /// `RunningStatisticsLayer` hook, not by type: a user's layer inside a container runs in
    /// training mode there while its statistics are left alone, and the model's mode is
    /// restored afterwards.
    func testBatchStatisticsEvaluationUsesTheRunningStatisticsHook() {
        let layer = RunningMean()
        let model = Sequential(Residual(Sequential(layer)))
        let data = Synthetic.blobs(count: 100, random: Random(seed: 4))
        _ = Evaluation(of: model, loss: CrossEntropyLoss(), on: data, batchSize: 25)
        XCTAssertEqual(layer.trainingPasses, 0, "plain evaluation: evaluation mode")
        _ = Evaluation(of: model, loss: CrossEntropyLoss(), on: data, batchSize: 25, batchStatistics: true)
        XCTAssertEqual(layer.trainingPasses, 4, "one training-mode pass per evaluation batch")
        XCTAssertEqual(layer.batchMeans, [], "statistics left alone")
        XCTAssertTrue(layer.updatesRunningStatistics && layer.isTraining && model.isTraining)
        _ = model(data.inputs)
        XCTAssertEqual(layer.batchMeans.count, 1, "training again updates them")
    }
}
