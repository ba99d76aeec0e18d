// Data augmentation, as the lecture teaches it: an MLP (784→256→10, Adam) that memorizes
// 1,000 Fashion-MNIST images, trained on them as they are and on them changed afresh every
// epoch by shifts and rotations, with and without left–right flips, from the same weights and
// batches under every seed (step 1, after a look at which way the test images face); each
// augmentation compared with none, and flips with shifts and rotations alone, by the test
// accuracy at the best-validation epoch, the validation loss and the gap, Holm-corrected
// (step 2). The options are in Command.swift, the printed report in Report.swift, the
// figures in Figures.swift.

import Engine
import EngineData
import Foundation
import LessonKit

extension AugmentationLesson {
    static let sizes = [784, 256, 10]
    /// Epochs of the "mean of the last k epochs" summaries.
    static let lastK = 20

    /// One way of changing the training images: none, or an augmentation.
    struct Arm: Sendable {
        var label: String
        var augmentation: Augmentation?
    }

    /// No augmentation, then shifts and rotations alone, then the same with flips: the
    /// ablation that separates what flips add from what the other changes do.
    func arms() -> [Arm] {
        [
            Arm(label: "none", augmentation: nil),
            Arm(
                label: "shift + rotate",
                augmentation: Augmentation(maximumShift: shift, maximumRotation: rotation, flipProbability: 0)),
            Arm(
                label: "shift + rotate + flip",
                augmentation: Augmentation(maximumShift: shift, maximumRotation: rotation, flipProbability: flip)),
        ]
    }

    /// One run: its epoch history, the test evaluation after the last epoch, and the test
    /// accuracy of the weights of its best-validation epoch (the checkpoint early stopping
    /// would keep, scored on images the choice never saw).
    struct AugmentationRun: RunRecord {
        var history: History
        var test: Evaluation?
        var testAtBestValidation: Double
        var bestValidationEpoch: Double

        static let columns = [
            RunColumn("best_validation_epoch", \Self.bestValidationEpoch),
            RunColumn("test_accuracy_at_best_validation_pct", \Self.testAtBestValidation),
        ]
    }

    func run() throws { _ = try perform() }

    /// Runs the lesson; returns the runs of `arms()`, in that order.
    func perform() throws -> [SettingRuns<AugmentationRun>] {
        let context = try LessonContext(for: self, seeds: 10)
        let epochs = training.epochs(Self.epochBudget, isQuick: lesson.quick)
        let splits = try context.loadSplits(
            training, trainSize: context.budget(trainSize.limit, quick: min(trainSize.limit ?? 300, 300)),
            validationSize: context.budget(5000, quick: 1000), testSize: context.budget(nil, quick: 1000))
        let (train, _, test) = splits.first.sets
        let arms = arms()
        let augmentation = arms[2].augmentation!
        try context.write(
            Self.examplesFigure(train, augmentation: augmentation, random: Random(seed: lesson.seed, purpose: .noise)))
        Self.reportFacing(context, test)

        let runs = try context.overSeeds(
            arms, label: \.label,
            columns: {
                [
                    "augmentation": SettingValue($0.augmentation != nil),
                    "flip_probability": SettingValue($0.augmentation?.flipProbability ?? 0),
                ]
            },
            lastK: Self.lastK
        ) { arm, run in
            let (train, validation, test) = splits(run).sets
            let model = Sequential.mlp(Self.sizes, random: run.random(.weights))
            // The augmentation's draws come from the noise stream: the batch order is the same with and without.
            let data = arm.augmentation.map { train.augmented($0, random: run.random(.noise)) } ?? train
            let best = BestValidationWeights()
            let history = try run.fit(
                model: model, loss: CrossEntropyLoss(), optimizer: Adam(model.parameters, learningRate: 1e-3),
                train: data, validation: validation, trainingEvaluation: train,
                options: TrainingOptions(epochs: epochs, batchSize: 64, evaluateTrainingSet: true),
                callbacks: [best])
            let final = Evaluation(of: model, loss: CrossEntropyLoss(), on: test)
            try model.load(best.state!)
            return AugmentationRun(
                history: history, test: final,
                testAtBestValidation: 100 * Double(Evaluation(of: model, loss: CrossEntropyLoss(), on: test).accuracy!),
                bestValidationEpoch: Double(best.epoch))
        }
        try context.write(Self.curvesFigure(runs, trainCount: train.count))
        let comparisons = Comparisons(runs)
        try context.write(
            Self.comparisonFigure(comparisons, seeds: context.seeds.count, trainCount: train.count, epochs: epochs))
        reportSummary(context, runs: runs, comparisons: comparisons, epochs: epochs, trainCount: train.count)
        try context.finish()
        return runs
    }

    /// How much each class of the test set faces one way. `asymmetry`: how far the class's
    /// mean image is from its own mirror image, relative to its size (0 for a left–right
    /// symmetric mean). `nearerShare`: the share of its images nearer that mean than to the
    /// mirrored mean; for a class whose images all face the same way it is 100 %, and a flip
    /// turns each of them into an image the test set does not contain.
    static func facing(_ data: ImageDataset) -> [(name: String, asymmetry: Double, nearerShare: Double)] {
        let width = data.store.width, pixels = data.features
        let (inputs, labels) = data.batch(Array(0..<data.count)[...])
        func squaredDistance<A: Collection<Float>>(_ a: A, _ b: [Float]) -> Double {
            zip(a, b).reduce(0) { $0 + Double(($1.0 - $1.1) * ($1.0 - $1.1)) }
        }
        return data.store.classNames.indices.compactMap { label in
            let members = labels.indices.filter { labels[$0] == label }
            guard !members.isEmpty else { return nil }
            var mean = [Float](repeating: 0, count: pixels)
            for row in members {
                for (pixel, value) in inputs.row(row).enumerated() { mean[pixel] += value / Float(members.count) }
            }
            let mirror = (0..<pixels).map { mean[($0 / width) * width + width - 1 - $0 % width] }
            let nearer = members.filter {
                squaredDistance(inputs.row($0), mean) < squaredDistance(inputs.row($0), mirror)
            }.count
            let asymmetry =
                (squaredDistance(mean, mirror) / squaredDistance(mean, [Float](repeating: 0, count: pixels)))
                .squareRoot()
            return (data.store.classNames[label], 100 * asymmetry, 100 * Double(nearer) / Double(members.count))
        }
    }
}

/// Keeps the weights of the epoch with the highest validation accuracy (the first, on ties,
/// as `Convergence.bestEpoch` counts), so that the test set is scored once on that checkpoint
/// instead of after every epoch.
final class BestValidationWeights: TrainingCallback {
    private(set) var state: ModelState?
    private(set) var epoch = 0
    private var bestAccuracy = -Float.infinity

    func epochDidEnd(_ record: EpochRecord, model: any Layer) -> TrainingDecision {
        if let accuracy = record.validationAccuracy, accuracy > bestAccuracy {
            bestAccuracy = accuracy
            epoch = record.epoch
            state = model.state()
        }
        return .continue
    }
}

AugmentationLesson.main()
