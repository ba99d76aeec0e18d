import ArgumentParser
import Engine
import EngineData
import Foundation
import LessonKit
import Plot

struct AugmentationLesson: ParsableCommand {
    static let configuration = CommandConfiguration.lesson(
        "augmentation",
        abstract: "Data augmentation: small random shifts, rotations and flips make a small training set look bigger.",
        discussion: """
        An MLP (784→256→10, Adam, batch 64) trained for 150 epochs on only 1,000 \
        Fashion-MNIST images memorizes them. The same network, trained on the same images \
        changed afresh every time it sees them (a shift of up to 2 pixels, a rotation of up to \
        10°, a left–right flip half of the time), cannot memorize pixel patterns. Both runs, \
        under 5 seeds each, start from the same weights and see the same batches (the \
        augmentation draws from its own stream). The lesson measures what augmentation \
        changes — the generalization gap, the validation loss, the best validation accuracy — \
        and says which differences are within noise. --quick: 300 images, 40 epochs, 2 seeds.
        """, epochs: epochBudget)

    static let epochBudget = EpochBudget(full: 150, quick: 40)

    @OptionGroup var lesson: LessonOptions
    @OptionGroup var training: TrainingRunOptions

    @Option(help: "Training images (at least 8, the examples figure's; more than the 54,000 of the training split means all of them; --quick uses at most 300).")
    var trainSize = Count(1000)

    @Option(help: "Largest shift in pixels (0…13).")
    var shift = 2

    @Option(help: "Largest rotation in degrees (0…180).")
    var rotation: Float = 10

    @Option(help: "Probability of a horizontal flip (0…1).")
    var flip: Float = 0.5

    mutating func validate() throws {
        guard trainSize.value >= 8 else { throw ValidationError("--train-size must be at least 8: the examples figure shows 8 training images (got \(trainSize.value))") }
        guard (0...13).contains(shift) else { throw ValidationError("--shift must be in 0…13 pixels (got \(shift))") }
        guard rotation.isFinite, (0...180).contains(rotation) else {
            throw ValidationError("--rotation must be in 0…180 degrees (got \(rotation))")
        }
        guard flip.isFinite, (0...1).contains(flip) else { throw ValidationError("--flip must be a probability in [0, 1] (got \(flip))") }
    }

    static let sizes = [784, 256, 10]
    /// Epochs of the "mean of the last k epochs" summaries.
    static let lastK = 20
    static let settings = [false, true]

    func run() throws { _ = try perform() }

    /// Runs the lesson; returns the runs without and with augmentation, in that order.
    func perform() throws -> [SettingRuns<RunResult>] {
        let context = try LessonContext(lesson: "augmentation", options: lesson, seeds: 5)
        let epochs = training.epochs(Self.epochBudget, isQuick: lesson.quick)
        let splits = try context.loadSplits(
            training, trainSize: context.budget(trainSize.value, quick: min(trainSize.value, 300)),
            validationSize: context.budget(5000, quick: 1000), testSize: context.budget(nil, quick: 1000))
        let (train, _, _) = splits.first.sets
        let augmentation = Augmentation(maximumShift: shift, maximumRotation: rotation, flipProbability: flip)
        try context.write(Self.examplesFigure(train, augmentation: augmentation, random: Random(seed: lesson.seed, purpose: .noise)))

        let runs = try context.overSeeds(Self.settings, label: Self.label, columns: { ["augmentation": SettingValue($0)] },
                                         lastK: Self.lastK) { augmented, run in
            let (train, validation, test) = splits(run).sets
            let model = Sequential.mlp(Self.sizes, random: run.random(.weights))
            // The augmentation's draws come from the noise stream: the batch order is the same with and without.
            let data = augmented ? train.augmented(augmentation, random: run.random(.noise)) : train
            let history = try run.fit(model: model, loss: CrossEntropyLoss(), optimizer: Adam(model.parameters, learningRate: 1e-3),
                                      train: data, validation: validation, trainingEvaluation: train,
                                      options: TrainingOptions(epochs: epochs, batchSize: 64, evaluateTrainingSet: true))
            return RunResult(history: history, test: Evaluation(of: model, loss: CrossEntropyLoss(), on: test))
        }
        try context.write(Self.curvesFigure(runs, trainCount: train.count))
        reportSummary(context, runs: runs, epochs: epochs, trainCount: train.count)
        try context.finish()
        return runs
    }

    static func label(_ augmented: Bool) -> String { augmented ? "augmentation" : "no augmentation" }

    /// The summary: what augmentation changes, each difference against its noise.
    func reportSummary(_ context: LessonContext, runs: [SettingRuns<RunResult>], epochs: Int, trainCount: Int) {
        let k = Self.lastK, none = runs[0], augmented = runs[1]
        var table = SummaryTable(title: "\(trainCount) training images, \(epochs) epochs, \(context.seeds.count) seeds (mean ± std); accuracy in %, training accuracy on the original images; last \(k) = mean of the last \(k) epochs",
                                 header: ["training data", "train, last \(k)", "validation, last \(k)", "gap, last \(k)",
                                          "validation loss, last \(k)", "best validation", "at epoch", "test, final", "test loss, final"])
        for setting in runs {
            table.add([setting.label, setting.lastEpochs(k, .trainAccuracy).formatted(), setting.lastEpochs(k, .validationAccuracy).formatted(),
                       setting.lastEpochs(k, .gap).formatted(), setting.lastEpochs(k, .validationLoss).formatted(decimals: 3),
                       setting.atBestValidation(.validationAccuracy).formatted(),
                       Estimate(setting.bestValidationEpochs.compactMap { $0.map(Double.init) }).formatted(decimals: 0),
                       setting.testAccuracy.formatted(), setting.testLoss.formatted(decimals: 3)])
        }
        context.report(table)
        context.report()
        let a = augmented.label, b = none.label
        context.report(Difference(augmented.lastEpochs(k, .gap), none.lastEpochs(k, .gap)).verdict(a, b, quantity: "Gap (last \(k) epochs)"))
        context.report(Difference(augmented.lastEpochs(k, .validationLoss), none.lastEpochs(k, .validationLoss))
            .verdict(a, b, quantity: "Validation loss (last \(k) epochs)", unit: "", decimals: 3))
        context.report(Difference(augmented.lastEpochs(k, .validationAccuracy), none.lastEpochs(k, .validationAccuracy))
            .verdict(a, b, quantity: "Validation accuracy (last \(k) epochs)"))
        context.report(Difference(augmented.atBestValidation(.validationAccuracy), none.atBestValidation(.validationAccuracy))
            .verdict(a, b, quantity: "Best validation accuracy (each run at its own best epoch)"))
        context.report(Difference(augmented.testAccuracy, none.testAccuracy).verdict(a, b, quantity: "Test accuracy after the last epoch"))
        context.report(Difference(augmented.testLoss, none.testLoss)
            .verdict(a, b, quantity: "Test loss after the last epoch", unit: "", decimals: 3))
    }

}

AugmentationLesson.main()
