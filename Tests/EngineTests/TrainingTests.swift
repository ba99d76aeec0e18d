@testable import Engine
import EngineData
import Foundation
import TestSupport
import XCTest

final class TrainingTests: XCTestCase {
    /// The patience rule worked by hand: an improvement must beat the best by more than the
    /// minimum delta, a tie does not, and the count that reaches the patience ends it.
    func testPatienceCountsEpochsWithoutImprovement() {
        var rule = Patience<Double>(2, minimumDelta: 0.05)
        XCTAssertEqual(
            [3, 2, 1.96, 2, 1.5, 1.5, 1.6].map { rule.observe($0) },
            [
                .improved, .improved, .waiting, .exhausted, .improved, .waiting, .exhausted,
            ])
        XCTAssertEqual(rule.best, 1.5)
    }

    /// Each column's std over the rows, averaged: [1, 3] has std 1 and [2, 2] none; adding a
    /// constant to a column (a bias) leaves the spread as it was.
    func testMeanColumnSpreadIgnoresWhatEveryRowShares() {
        XCTAssertEqual(TensorStatistics.meanColumnSpread(Matrix(rows: 2, cols: 2, [1, 2, 3, 2])), 0.5)
        XCTAssertEqual(TensorStatistics.meanColumnSpread(Matrix(rows: 2, cols: 2, [101, -5, 103, -5])), 0.5)
        XCTAssertEqual(TensorStatistics.meanColumnSpread(Matrix(rows: 1, cols: 3, [1, 2, 3])), 0, "one row")
    }

    /// Each product adds 2·m·n·k to the count a lesson's results record as `gemm_gflop`, and a
    /// product that is skipped (an empty dimension) adds nothing.
    func testTheProductCountGrowsByTwoOperationsPerMultiplyAdd() {
        let a = Matrix(rows: 3, cols: 5, repeating: 1)
        let b = Matrix(rows: 4, cols: 5, repeating: 2)
        var c = Matrix(rows: 3, cols: 4)
        let before = BLAS.floatingPointOperations
        Matrix.multiply(a, b, transposeB: true, into: &c)
        XCTAssertEqual(BLAS.floatingPointOperations - before, 2 * 3 * 4 * 5)
        XCTAssertEqual(c.values, Array(repeating: 10, count: 12))
        var empty = Matrix(rows: 0, cols: 4)
        Matrix.multiply(Matrix(rows: 0, cols: 5), b, transposeB: true, into: &empty)
        XCTAssertEqual(BLAS.floatingPointOperations - before, 2 * 3 * 4 * 5)
    }

    func makeTrainer(
        seed: UInt64, dropout: Float = 0.2, learningRate: Float = 0.1,
        callbacks: [TrainingCallback] = []
    ) -> Trainer<CrossEntropyLoss> {
        let random = Random(seed: seed)
        let model = Sequential.mlp([2, 16, 16, 3], dropout: dropout, random: random)
        return Trainer(
            model: model, loss: CrossEntropyLoss(),
            optimizer: SGD(model.parameters, learningRate: learningRate, momentum: 0.9),
            random: random, callbacks: callbacks)
    }

    func testLearnsASeparableProblem() throws {
        let data = Synthetic.blobs(count: 300, classes: 3, radius: 3, spread: 0.6, random: Random(seed: 1))
        let trainer = makeTrainer(seed: 2)
        let before = trainer.evaluate(data)
        let history = try trainer.fit(data, validation: data, options: TrainingOptions(epochs: 5, batchSize: 16))
        XCTAssertEqual(history.epochs.count, 5)
        XCTAssertEqual(history.minibatchLosses.count, 5 * 19)
        XCTAssertLessThan(history.last!.validationLoss!, before.loss / 3)
        XCTAssertGreaterThan(history.last!.validationAccuracy!, 0.95)
    }

    /// Same seed, same numbers: shuffling, dropout masks and initial weights all come from
    /// the seeded generator, and BLAS runs on one thread.
    func testSeededRunsAreBitIdentical() throws {
        let data = Synthetic.moons(count: 200, random: Random(seed: 3))
        func run(_ seed: UInt64) throws -> (History, ModelState) {
            let trainer = makeTrainer(seed: seed)
            let history = try trainer.fit(data, options: TrainingOptions(epochs: 3, batchSize: 32))
            return (history, trainer.model.state())
        }
        let (first, firstState) = try run(7), (second, secondState) = try run(7), (other, _) = try run(8)
        XCTAssertEqual(first.minibatchLosses, second.minibatchLosses)
        XCTAssertEqual(firstState, secondState)
        XCTAssertNotEqual(first.minibatchLosses, other.minibatchLosses)
    }

    func testRealDataRunIsReproducible() throws {
        let store = try MNISTFormat.load(.test, from: MNISTFormat.directory(explicit: nil))
        let data = ImageDataset(store: store).randomSubset(600, random: Random(seed: 1))
        func run() throws -> [Float] {
            let random = Random(seed: 5)
            let model = Sequential.mlp([784, 32, 10], batchNorm: true, dropout: 0.3, random: random)
            let trainer = Trainer(
                model: model, loss: CrossEntropyLoss(),
                optimizer: Adam(model.parameters), random: random)
            return try trainer.fit(data, options: TrainingOptions(epochs: 2, batchSize: 64, dropLast: true))
                .minibatchLosses
        }
        let losses = try run()
        XCTAssertEqual(losses.count, 2 * 9, "incomplete last batch dropped")
        XCTAssertEqual(losses, try run())
        XCTAssertLessThan(losses.suffix(3).reduce(0, +), losses.prefix(3).reduce(0, +))
    }

    func testDivergenceNamesTheEpoch() {
        let data = Synthetic.noisySine(count: 64, noise: 0.1, random: Random(seed: 1))
        let random = Random(seed: 2)
        let model = Sequential.mlp([1, 32, 1], random: random)
        let trainer = Trainer(
            model: model, loss: MSELoss(), optimizer: SGD(model.parameters, learningRate: 50), random: random)
        XCTAssertThrowsError(try trainer.fit(data, options: TrainingOptions(epochs: 20, batchSize: 16))) { error in
            guard case let TrainingError.diverged(epoch, _, loss, history) = error else { return XCTFail("\(error)") }
            XCTAssertEqual(history.epochs.count, epoch - 1, "the epochs before the divergence are kept")
            XCTAssertFalse(loss.isFinite)
            XCTAssertGreaterThanOrEqual(epoch, 1)
            XCTAssertTrue("\(error)".contains("in epoch \(epoch)"))
        }
    }

    func testScheduleSetsTheRateEachEpoch() throws {
        let data = Synthetic.blobs(count: 50, random: Random(seed: 1))
        let trainer = makeTrainer(seed: 1)
        let schedule = Schedules.multiplicative(initial: 0.1, factor: 0.5)
        let history = try trainer.fit(data, options: TrainingOptions(epochs: 3, batchSize: 10, schedule: schedule))
        XCTAssertEqual(history.epochs.map(\.learningRate), [0.1, 0.05, 0.025])
    }

    /// The lecture's loop: patience 3, best weights saved and loaded back at the end.
    func testEarlyStoppingStopsAndRestoresTheBestWeights() throws {
        let random = Random(seed: 4)
        // Few noisy training points and a wide network: validation loss soon rises.
        let train = Synthetic.blobs(count: 40, classes: 3, radius: 1, spread: 1, random: random)
        let validation = Synthetic.blobs(count: 300, classes: 3, radius: 1, spread: 1, random: random)
        let temporary = try TemporaryFolder("stopping")
        defer { temporary.remove() }
        let path = temporary.file("best.ckpt")
        let stopping = EarlyStopping(patience: 3, checkpointPath: path)
        let model = Sequential.mlp([2, 128, 128, 3], random: random)
        let trainer = Trainer(
            model: model, loss: CrossEntropyLoss(),
            optimizer: Adam(model.parameters, learningRate: 0.01), random: random, callbacks: [stopping])
        let history = try trainer.fit(
            train, validation: validation, options: TrainingOptions(epochs: 200, batchSize: 8))
        let best = try XCTUnwrap(stopping.bestEpoch)
        let stopped = try XCTUnwrap(stopping.stoppedEpoch)
        XCTAssertLessThan(stopped, 200)
        XCTAssertEqual(stopped, best + 3)
        XCTAssertEqual(history.stoppedAfterEpoch, stopped)
        let bestLoss = history.epochs[best - 1].validationLoss!
        XCTAssertEqual(bestLoss, history.epochs.compactMap(\.validationLoss).min())
        XCTAssertEqual(trainer.evaluate(validation).loss, bestLoss, accuracy: 1e-6)
        XCTAssertEqual(try Checkpoint.load(from: path), model.state())
    }

    func testCheckpointRoundTripAndArchitectureMismatch() throws {
        let temporary = try TemporaryFolder("checkpoint")
        defer { temporary.remove() }
        let path = temporary.file("model.ckpt")
        let model = Sequential.mlp([4, 5, 3], batchNorm: true, random: Random(seed: 1))
        _ = model(Random(seed: 2).normalMatrix(rows: 8, cols: 4))  // moves the running statistics
        try Checkpoint.save(model.state(), to: path)
        let copy = Sequential.mlp([4, 5, 3], batchNorm: true, random: Random(seed: 9))
        XCTAssertNotEqual(copy.state(), model.state())
        try copy.load(Checkpoint.load(from: path))
        XCTAssertEqual(copy.state(), model.state())
        XCTAssertTrue(copy.state().entries.map(\.name).contains("1.running_var"))

        let other = Sequential.mlp([4, 6, 3], batchNorm: true, random: Random(seed: 1))
        XCTAssertThrowsError(try other.load(Checkpoint.load(from: path))) { error in
            XCTAssertTrue("\(error)".contains("different architecture"), "\(error)")
        }
        let bytes = FileManager.default.contents(atPath: path)!
        XCTAssertTrue(FileManager.default.createFile(atPath: path, contents: bytes.prefix(bytes.count - 3)))
        XCTAssertThrowsError(try Checkpoint.load(from: path)) { XCTAssertTrue("\($0)".contains("truncated"), "\($0)") }
        XCTAssertTrue(FileManager.default.createFile(atPath: path, contents: Data("not a checkpoint".utf8)))
        XCTAssertThrowsError(try Checkpoint.load(from: path)) {
            XCTAssertTrue("\($0)".contains("not a checkpoint"), "\($0)")
        }
    }

    func testDiagnostics() {
        let random = Random(seed: 3)
        let model = Sequential.mlp([10, 20, 20, 3], activation: .tanh, random: random)
        for layer in model.weightedLayers { layer.initialize(weight: .normal(mean: 0, std: 1), random: random) }
        let inputs = random.normalMatrix(rows: 64, cols: 10)
        let labels = (0..<64).map { $0 % 3 }
        let layers = Diagnostics.trace(model, loss: CrossEntropyLoss(), inputs: inputs, targets: labels)
        XCTAssertEqual(layers.map(\.layer), ["Tanh", "Tanh"])
        // Weights of std 1 on 10–20 inputs push tanh into its flat tails.
        XCTAssertGreaterThan(layers[1].activation.fractionSaturated, 0.5)
        XCTAssertNotNil(layers[0].outputGradient)
        XCTAssertNil(model.tracer)
        XCTAssertEqual(Diagnostics.weightGradientNorms(model).count, 3)
        let ratios = Diagnostics.updateToDataRatios(SGD(model.parameters, learningRate: 0.01))
        XCTAssertEqual(ratios.count, 3)
        XCTAssertTrue(ratios.allSatisfy { $0 > 0 && $0 < 0.1 })
    }

    /// A row counts when its first largest logit is at the label, as `argmaxPerRow` picks.
    func testCorrectPredictionsCountTheRowsWhoseFirstLargestLogitIsTheLabel() {
        let logits = Matrix(rows: 4, cols: 3, [0.1, 0.7, 0.2, 0.5, 0.5, -1, -3, -2, -1, 2, 2, 2])
        XCTAssertEqual(logits.argmaxPerRow(), [1, 0, 2, 0])
        XCTAssertEqual(Evaluation.correctPredictions(logits, [1, 0, 2, 0]), 4)
        XCTAssertEqual(Evaluation.correctPredictions(logits, [1, 1, 2, 2]), 2)
        XCTAssertEqual(Evaluation.correctPredictions(logits, [0, 1, 0, 1]), 0)
    }
}
