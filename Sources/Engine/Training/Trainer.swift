import Foundation

/// What one epoch measured. Losses are mean cross-entropy (or whatever the loss is) without
/// the L2 penalty, so runs with and without regularization compare directly.
public struct EpochRecord: Sendable {
    public var epoch: Int
    public var learningRate: Float
    /// Mean minibatch loss over the epoch, in training mode.
    public var trainLoss: Float
    /// Share of training examples classified right: during the epoch (training mode), or
    /// by an evaluation pass when `evaluateTrainingSet` is on. Nil for non-class targets.
    public var trainAccuracy: Float?
    public var validationLoss: Float?
    public var validationAccuracy: Float?
    public var testLoss: Float?
    public var testAccuracy: Float?
    /// Wall time of the epoch, evaluation passes included.
    public var seconds: Double
}

public struct History: Sendable {
    public var epochs: [EpochRecord] = []
    /// Every minibatch's loss in order, the lecture's `minibatch_loss_list`.
    public var minibatchLosses: [Float] = []
    public var batchesPerEpoch = 0
    /// Set when a callback ended training before the planned epochs.
    public var stoppedAfterEpoch: Int?

    public init() {}

    public var last: EpochRecord? { epochs.last }
    public var totalSeconds: Double { epochs.reduce(0) { $0 + $1.seconds } }
}

public struct TrainingOptions: Sendable {
    public var epochs: Int
    public var batchSize: Int
    /// Drop an incomplete last minibatch (PyTorch's `drop_last`).
    public var dropLast: Bool
    /// λ of the lecture's L2 penalty (λ/n)·Σ‖W‖²_F; 0 for none.
    public var l2: Float
    /// Learning rate per epoch (t = 0 for the first); nil keeps the optimizer's.
    public var schedule: LearningRateSchedule?
    /// Measure training loss and accuracy with an evaluation-mode pass after each epoch
    /// (the lecture's `compute_accuracy`) instead of averaging during the epoch.
    public var evaluateTrainingSet: Bool
    public var evaluationBatchSize: Int

    public init(
        epochs: Int, batchSize: Int, dropLast: Bool = false, l2: Float = 0,
        schedule: LearningRateSchedule? = nil, evaluateTrainingSet: Bool = false,
        evaluationBatchSize: Int = 1000
    ) {
        precondition(epochs >= 0, "epochs must not be negative")
        precondition(batchSize > 0 && evaluationBatchSize > 0, "batch size must be positive")
        self.epochs = epochs
        self.batchSize = batchSize
        self.dropLast = dropLast
        self.l2 = l2
        self.schedule = schedule
        self.evaluateTrainingSet = evaluateTrainingSet
        self.evaluationBatchSize = evaluationBatchSize
    }
}

public enum TrainingError: Error, CustomStringConvertible {
    /// The loss stopped being a number; `history` holds the epochs completed before.
    case diverged(epoch: Int, batch: Int, loss: Float, history: History)
    case emptyTrainingSet

    public var description: String {
        switch self {
        case let .diverged(epoch, batch, loss, _):
            "training diverged: the loss became \(loss.isNaN ? "NaN" : "\(loss)") in epoch \(epoch), minibatch \(batch) (try a smaller learning rate)"
        case .emptyTrainingSet:
            "the training set has no complete minibatch"
        }
    }
}

/// Loss and accuracy of a model on a data set, in evaluation mode.
public struct Evaluation: Sendable {
    public var loss: Float
    public var accuracy: Float?
}

/// The training loop every lesson uses: epochs of shuffled minibatches, each
/// forward → loss (+ L2) → backward → optimizer step; then evaluation passes, callbacks,
/// and a check that the loss is still a number.
public final class Trainer<L: Loss> {
    public let model: any Layer
    public let loss: L
    public let optimizer: Optimizer
    public var callbacks: [TrainingCallback]
    /// The stream that shuffles minibatches (pass the lesson's generator for one seed to
    /// fix everything).
    public let random: Random

    public init(
        model: any Layer, loss: L, optimizer: Optimizer, random: Random,
        callbacks: [TrainingCallback] = []
    ) {
        self.model = model
        self.loss = loss
        self.optimizer = optimizer
        self.random = random
        self.callbacks = callbacks
    }

    /// One optimization step on one minibatch: forward, loss, backward, L2 gradient,
    /// optimizer step. A loss that is not a finite number is returned without touching the
    /// weights, so the model keeps its last good state.
    @discardableResult
    public func step(_ inputs: Matrix, _ targets: L.Target, l2: Float = 0) -> (loss: Float, output: Matrix) {
        model.train()
        let output = model.forward(inputs)
        let (value, gradient) = loss(output, targets)
        guard value.isFinite else { return (value, output) }
        model.backwardParameters(gradient)
        if l2 != 0 { L2Penalty(lambda: l2).addGradient(optimizer.parameters, batchSize: inputs.rows) }
        optimizer.step()
        return (value, output)
    }

    /// Trains on `train`. With `evaluateTrainingSet`, the training metrics come from an
    /// evaluation pass over `trainingEvaluation` if given (e.g. the un-augmented images),
    /// else over `train`.
    public func fit<D: Dataset>(
        _ train: D, validation: D? = nil, test: D? = nil, trainingEvaluation: D? = nil,
        options: TrainingOptions
    ) throws -> History where D.Target == L.Target {
        var history = History()
        let plannedBatches =
            options.dropLast
            ? train.count / options.batchSize
            : (train.count + options.batchSize - 1) / options.batchSize
        guard plannedBatches > 0 || options.epochs == 0 else { throw TrainingError.emptyTrainingSet }
        history.batchesPerEpoch = plannedBatches
        for callback in callbacks {
            callback.trainingWillStart(epochs: options.epochs, batchesPerEpoch: plannedBatches)
        }

        for epoch in stride(from: 1, through: options.epochs, by: 1) {
            let start = DispatchTime.now()
            if let schedule = options.schedule { optimizer.learningRate = schedule(epoch - 1) }
            var lossSum: Double = 0, correct = 0, seen = 0, hasAccuracy = false
            let batches = Minibatches.positions(
                count: train.count, batchSize: options.batchSize,
                dropLast: options.dropLast, shuffleWith: random)
            for (index, positions) in batches.enumerated() {
                let (inputs, targets) = train.batch(positions)
                let (value, output) = step(inputs, targets, l2: options.l2)
                guard value.isFinite else {
                    throw TrainingError.diverged(epoch: epoch, batch: index + 1, loss: value, history: history)
                }
                history.minibatchLosses.append(value)
                lossSum += Double(value) * Double(inputs.rows)
                seen += inputs.rows
                if let labels = targets as? [Int] {
                    correct += Evaluation.correctPredictions(output, labels)
                    hasAccuracy = true
                }
                for callback in callbacks { callback.batchDidEnd(epoch: epoch, batch: index + 1, loss: value) }
            }
            var record = EpochRecord(
                epoch: epoch, learningRate: optimizer.learningRate,
                trainLoss: Float(lossSum / Double(seen)),
                trainAccuracy: hasAccuracy ? Float(correct) / Float(seen) : nil,
                seconds: 0)
            if options.evaluateTrainingSet {
                let evaluation = evaluate(trainingEvaluation ?? train, batchSize: options.evaluationBatchSize)
                record.trainLoss = evaluation.loss
                record.trainAccuracy = evaluation.accuracy
            }
            if let validation {
                let evaluation = evaluate(validation, batchSize: options.evaluationBatchSize)
                record.validationLoss = evaluation.loss
                record.validationAccuracy = evaluation.accuracy
            }
            if let test {
                let evaluation = evaluate(test, batchSize: options.evaluationBatchSize)
                record.testLoss = evaluation.loss
                record.testAccuracy = evaluation.accuracy
            }
            // A model whose weights overflowed can still produce a finite minibatch loss for
            // a while; the evaluation losses catch it at the end of the epoch.
            for value in [record.trainLoss, record.validationLoss, record.testLoss].compactMap({ $0 })
            where !value.isFinite {
                throw TrainingError.diverged(epoch: epoch, batch: batches.count, loss: value, history: history)
            }
            record.seconds = Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
            history.epochs.append(record)
            var decision = TrainingDecision.continue
            for callback in callbacks where callback.epochDidEnd(record, model: model) == .stop {
                decision = .stop
            }
            if decision == .stop {
                history.stoppedAfterEpoch = epoch
                break
            }
        }
        for callback in callbacks { try callback.trainingDidEnd(history, model: model) }
        return history
    }

    public func evaluate<D: Dataset>(_ data: D, batchSize: Int = 1000) -> Evaluation where D.Target == L.Target {
        Evaluation(of: model, loss: loss, on: data, batchSize: batchSize)
    }
}

extension Evaluation {
    /// Number of rows whose largest logit is at the label.
    /// (Counted row by row: training counts every minibatch, and `argmaxPerRow`'s array
    /// would be one more allocation per step.)
    public static func correctPredictions(_ logits: Matrix, _ labels: [Int]) -> Int {
        logits.withUnsafeBufferPointer { p in
            zip(0..<logits.rows, labels).reduce(0) { correct, row in
                correct + (Matrix.argmax(row: row.0, of: p, cols: logits.cols) == row.1 ? 1 : 0)
            }
        }
    }

    /// Loss and accuracy in evaluation mode over the whole data set, batch by batch.
    ///
    /// `batchStatistics` reproduces a classic mistake for comparison: layers with running
    /// statistics (BatchNorm) normalize with each evaluation batch's own mean and variance
    /// (training mode) instead of the running estimates, which are left as they were.
    public init<L: Loss, D: Dataset>(
        of model: any Layer, loss: L, on data: D, batchSize: Int = 1000,
        batchStatistics: Bool = false
    ) where D.Target == L.Target {
        let wasTraining = model.isTraining
        model.train(false)
        if batchStatistics { for layer in model.runningStatisticsLayers { layer.train() } }
        defer { model.train(wasTraining) }
        self = model.keepingRunningStatistics {
            var lossSum: Double = 0, correct = 0, hasAccuracy = false
            for positions in Minibatches.positions(count: data.count, batchSize: batchSize) {
                let (inputs, targets) = data.batch(positions)
                let output = model.forward(inputs)
                lossSum += Double(loss(output, targets).value) * Double(inputs.rows)
                if let labels = targets as? [Int] {
                    correct += Evaluation.correctPredictions(output, labels)
                    hasAccuracy = true
                }
            }
            let n = Double(max(data.count, 1))
            return Evaluation(loss: Float(lossSum / n), accuracy: hasAccuracy ? Float(Double(correct) / n) : nil)
        }
    }
}
