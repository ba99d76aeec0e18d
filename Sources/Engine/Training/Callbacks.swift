import Foundation

public enum TrainingDecision: Sendable { case `continue`, stop }

/// Hooks into the training loop: progress displays, early stopping, logging.
public protocol TrainingCallback: AnyObject {
    func trainingWillStart(epochs: Int, batchesPerEpoch: Int)
    func batchDidEnd(epoch: Int, batch: Int, loss: Float)
    /// Return `.stop` to end training after this epoch.
    func epochDidEnd(_ record: EpochRecord, model: any Layer) -> TrainingDecision
    func trainingDidEnd(_ history: History, model: any Layer) throws
}

extension TrainingCallback {
    public func trainingWillStart(epochs: Int, batchesPerEpoch: Int) {}
    public func batchDidEnd(epoch: Int, batch: Int, loss: Float) {}
    public func epochDidEnd(_ record: EpochRecord, model: any Layer) -> TrainingDecision { .continue }
    public func trainingDidEnd(_ history: History, model: any Layer) throws {}
}

/// Early stopping's patience rule, apart from any model: a value improves when it is lower than
/// the best so far by more than `minimumDelta`; the rule runs out once `patience` values in a
/// row have not improved. `EarlyStopping` applies it to the validation loss as training goes;
/// a lesson can replay it on a recorded curve.
public struct Patience<Value: FloatingPoint & Sendable>: Sendable {
    public enum Outcome: Sendable { case improved, waiting, exhausted }

    public let patience: Int
    public let minimumDelta: Value
    public private(set) var best = Value.infinity
    private var sinceBest = 0

    public init(_ patience: Int, minimumDelta: Value = 0) {
        precondition(patience >= 1, "patience must be at least 1")
        self.patience = patience
        self.minimumDelta = minimumDelta
    }

    /// One epoch's value (lower is better).
    public mutating func observe(_ value: Value) -> Outcome {
        if value < best - minimumDelta {
            best = value
            sinceBest = 0
            return .improved
        }
        sinceBest += 1
        return sinceBest >= patience ? .exhausted : .waiting
    }
}

/// The lecture's early stopping: after each epoch compare the validation loss with the best
/// so far; on improvement remember the weights (and write them to `checkpointPath`, if
/// given, atomically) and reset the counter; otherwise count, and stop once the counter
/// reaches `patience`. At the end the best weights are loaded back.
public final class EarlyStopping: TrainingCallback {
    public let patience: Int
    /// An improvement must beat the best loss by more than this.
    public let minimumDelta: Float
    public let restoreBestWeights: Bool
    public let checkpointPath: String?

    public var bestLoss: Float { rule.best }
    public private(set) var bestEpoch: Int?
    public private(set) var stoppedEpoch: Int?
    private var rule: Patience<Float>
    private var bestState: ModelState?

    public init(
        patience: Int = 3, minimumDelta: Float = 0, restoreBestWeights: Bool = true,
        checkpointPath: String? = nil
    ) {
        self.patience = patience
        self.minimumDelta = minimumDelta
        rule = Patience(patience, minimumDelta: minimumDelta)
        self.restoreBestWeights = restoreBestWeights
        self.checkpointPath = checkpointPath
    }

    public func trainingWillStart(epochs: Int, batchesPerEpoch: Int) {
        rule = Patience(patience, minimumDelta: minimumDelta)
        bestEpoch = nil
        stoppedEpoch = nil
        bestState = nil
    }

    public func epochDidEnd(_ record: EpochRecord, model: any Layer) -> TrainingDecision {
        guard let loss = record.validationLoss else {
            preconditionFailure("early stopping needs a validation set")
        }
        switch rule.observe(loss) {
        case .improved:
            bestEpoch = record.epoch
            bestState = model.state()
            if let checkpointPath {
                do { try Checkpoint.save(bestState!, to: checkpointPath) } catch { checkpointError = error }
            }
            return .continue
        case .waiting:
            return .continue
        case .exhausted:
            stoppedEpoch = record.epoch
            return .stop
        }
    }

    private var checkpointError: Error?

    public func trainingDidEnd(_ history: History, model: any Layer) throws {
        if let checkpointError { throw checkpointError }
        guard restoreBestWeights else { return }
        if let checkpointPath, bestState != nil {
            try model.load(Checkpoint.load(from: checkpointPath))
        } else if let bestState {
            try model.load(bestState)
        }
    }
}

/// Reduce-on-plateau as a training callback: after each epoch the validation loss (or,
/// without a validation set, the training loss) goes to the schedule, and the optimizer
/// takes the rate it returns for the next epoch.
public final class PlateauScheduler: TrainingCallback {
    public let schedule: ReduceOnPlateau
    private let optimizer: Optimizer

    public init(_ schedule: ReduceOnPlateau, optimizer: Optimizer) {
        self.schedule = schedule
        self.optimizer = optimizer
        optimizer.learningRate = schedule.learningRate
    }

    public func epochDidEnd(_ record: EpochRecord, model: any Layer) -> TrainingDecision {
        optimizer.learningRate = schedule.step(record.validationLoss ?? record.trainLoss)
        return .continue
    }
}
