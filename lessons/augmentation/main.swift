import ArgumentParser
import Engine
import EngineData
import Foundation
import LessonKit
import Plot

struct AugmentationLesson: LessonCommand {
    static let configuration = CommandConfiguration.lesson(
        abstract: "Data augmentation: small random shifts, rotations and flips make a small training set look bigger.",
        discussion: """
            An MLP (784→256→10, Adam, batch 64) trained for 150 epochs on only 1,000 \
            Fashion-MNIST images memorizes them. The same network, trained on the same images \
            changed afresh every time it sees them (a shift of up to 2 pixels, a rotation of up to \
            10°, a left–right flip half of the time), cannot memorize pixel patterns. All runs, \
            under 10 seeds each, start from the same weights and see the same batches (the \
            augmentation draws from its own stream). Shifts and rotations alone are run too: \
            Fashion-MNIST's shoes all face one way, so a flip makes shoes the test set never shows. \
            The lesson measures what each augmentation changes — the generalization gap, the \
            validation loss, the test accuracy of the best-validation epoch's weights — with \
            paired verdicts corrected by Holm. --quick: 300 images, 40 epochs, 2 seeds.
            """, epochs: epochBudget)

    static let epochBudget = EpochBudget(full: 150, quick: 40)

    @OptionGroup var lesson: LessonOptions
    @OptionGroup var training: TrainingRunOptions

    @Option(
        help:
            "Training images (at least 8, the examples figure's; more than the 54,000 of the training split means all of them; --quick uses at most 300)."
    )
    var trainSize = Count(1000)

    @Option(help: "Largest shift in pixels (0…13).")
    var shift = 2

    @Option(help: "Largest rotation in degrees (0…180).")
    var rotation: Float = 10

    @Option(help: "Probability of a horizontal flip (0…1).")
    var flip: Float = 0.5

    mutating func validate() throws {
        guard trainSize.value >= 8 else {
            throw ValidationError(
                "--train-size must be at least 8: the examples figure shows 8 training images (got \(trainSize.value))")
        }
        guard (0...13).contains(shift) else { throw ValidationError("--shift must be in 0…13 pixels (got \(shift))") }
        guard rotation.isFinite, (0...180).contains(rotation) else {
            throw ValidationError("--rotation must be in 0…180 degrees (got \(rotation))")
        }
        guard flip.isFinite, (0...1).contains(flip) else {
            throw ValidationError("--flip must be a probability in [0, 1] (got \(flip))")
        }
    }

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
            training, trainSize: context.budget(trainSize.value, quick: min(trainSize.value, 300)),
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

    static func reportFacing(_ context: LessonContext, _ test: ImageDataset) {
        var table = SummaryTable(
            title:
                "Which way the \(test.count) test images face: ‖mean − mirrored mean‖ / ‖mean‖ of each class, and the share of its images nearer its mean image than to the mirrored mean",
            header: ["class", "mean's asymmetry %", "nearer the mean %"])
        for row in facing(test) {
            table.add([row.name, String(format: "%.1f", row.asymmetry), String(format: "%.1f", row.nearerShare)])
        }
        context.report(table)
        context.report()
    }

    /// The three arms against each other, one Holm family per measure: each augmentation
    /// against none, and flips against shifts and rotations alone.
    struct Comparisons {
        static let pairs = [(1, 0), (2, 0), (2, 1)]
        let labels: [String]
        let runs: [SettingRuns<AugmentationRun>]

        init(_ runs: [SettingRuns<AugmentationRun>]) {
            self.runs = runs
            labels = Self.pairs.map { "\(runs[$0.0].label) − \(runs[$0.1].label)" }
        }

        func holm(_ estimate: (SettingRuns<AugmentationRun>) -> Estimate) -> Holm {
            Holm(Self.pairs.map { Difference(estimate(runs[$0.0]), estimate(runs[$0.1])) })
        }

        var testAtBestValidation: Holm { holm { $0.estimate(\.testAtBestValidation) } }
        var validationLoss: Holm { holm { $0.lastEpochs(lastK, .validationLoss) } }
    }

    /// The summary: what each augmentation changes, each difference against its noise and
    /// corrected over the three comparisons of its measure.
    func reportSummary(
        _ context: LessonContext, runs: [SettingRuns<AugmentationRun>], comparisons: Comparisons, epochs: Int,
        trainCount: Int
    ) {
        let k = Self.lastK
        var table = SummaryTable(
            title:
                "\(trainCount) training images, \(epochs) epochs, \(context.seeds.count) seeds (mean ± std); accuracy in %, training accuracy on the original images; last \(k) = mean of the last \(k) epochs; test at the best-validation epoch and after the last",
            header: [
                "augmentation", "train, last \(k)", "validation, last \(k)", "gap, last \(k)",
                "validation loss, last \(k)", "best validation at epoch", "best in last 10 %",
                "test at best validation", "test, final", "test loss, final",
            ])
        let convergence = runs.map { Convergence($0.runs.map(\.history), budget: epochs) }
        for (setting, converged) in zip(runs, convergence) {
            table.add([
                setting.label, setting.lastEpochs(k, .trainAccuracy).formatted(),
                setting.lastEpochs(k, .validationAccuracy).formatted(),
                setting.lastEpochs(k, .gap).formatted(), setting.lastEpochs(k, .validationLoss).formatted(decimals: 3),
                setting.estimate(\.bestValidationEpoch).formatted(decimals: 0),
                "\(converged.lateRuns)/\(converged.runs)",
                setting.estimate(\.testAtBestValidation).formatted(), setting.testAccuracy.formatted(),
                setting.testLoss.formatted(decimals: 3),
            ])
        }
        context.report(table)
        context.report()
        let families: [(quantity: String, holm: Holm, unit: String, decimals: Int, convergenceNote: Bool)] = [
            ("Test accuracy at the best-validation epoch", comparisons.testAtBestValidation, " points", 2, true),
            ("Validation loss (last \(k) epochs)", comparisons.validationLoss, "", 3, false),
            ("Gap (last \(k) epochs)", comparisons.holm { $0.lastEpochs(k, .gap) }, " points", 2, false),
            ("Test accuracy after the last epoch", comparisons.holm(\.testAccuracy), " points", 2, true),
            ("Test loss after the last epoch", comparisons.holm(\.testLoss), "", 3, false),
        ]
        for family in families {
            for (index, (a, b)) in Comparisons.pairs.enumerated() {
                let caveats =
                    family.convergenceNote
                    ? [a, b].compactMap { arm in convergence[arm].note.map { "\(runs[arm].label) \($0)" } } : []
                context.report(
                    family.holm.verdict(
                        index, runs[a].label, runs[b].label, quantity: family.quantity, unit: family.unit,
                        decimals: family.decimals, caveats: caveats))
            }
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
