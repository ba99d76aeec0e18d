import ArgumentParser
import Engine
import Foundation
import LessonKit
import Plot

struct LearningRateDecayLesson: LessonCommand {
    static let configuration = CommandConfiguration.lesson(
        abstract:
            "Learning-rate decay: large steps early, small steps late, to damp the minibatch noise at the end of training.",
        discussion: """
            Minibatch gradients are noisy estimates, so with a constant learning rate the loss keeps \
            oscillating around the minimum. The same network (784→128→10, SGD, batch 64, 30 epochs \
            on 10,000 Fashion-MNIST images) is trained with constant rates η₀, 0.3·η₀ and 0.1·η₀ (the \
            baseline the lecture recommends trying first, and whether a smaller constant does as well \
            as a decay) and with the lecture's decays: exponential η₀·e^(−kt), multiplicative \
            ηₜ = α·ηₜ₋₁, inverse η₀/(1 + k·t), plus step decay, reduce-on-plateau, and an exponential \
            decay that is too aggressive; every schedule under 10 seeds. Test accuracy (5,000 images \
            of the official test set) is measured every epoch and scored, never used to choose: \
            each schedule is compared with the constant η₀ and each decay with the best constant \
            (chosen on validation) by the mean test accuracy of the last 10 epochs, by test accuracy \
            at each run's best-validation epoch, and by how much validation accuracy still jumps \
            over the last 10 epochs; paired over seeds, Holm-corrected per family. \
            Figures: the rate per epoch; validation accuracy, validation loss and training loss per \
            epoch (mean ± std over seeds); the paired differences (forest plots). \
            --quick: 2,000 images, 1,000 test images, 10 epochs, 2 seeds.
            """, epochs: epochBudget)

    static let epochBudget = EpochBudget(full: 30, quick: 10)

    @OptionGroup var lesson: LessonOptions
    @OptionGroup var training: TrainingRunOptions

    @Option(help: "Initial learning rate η₀ (SGD; finite, > 0).")
    var learningRate = PositiveNumber(0.1)

    @Option(help: "Training images (64 to 54,000).")
    var trainSize = 10000

    mutating func validate() throws {
        guard (64...54_000).contains(trainSize) else {
            throw ValidationError("--train-size must be between 64 (one batch) and 54000")
        }
        guard learningRate.value <= 10 else { throw ValidationError("--learning-rate must be at most 10") }
    }

    /// Epochs of the "mean of the last k epochs" summaries.
    static let lastK = 10

    struct Plan: Sendable {
        let label: String
        let schedule: LearningRateSchedule?
        /// Reduce-on-plateau's patience, for the plan that uses it.
        let plateauPatience: Int?
    }

    /// Constant rates as fractions of η₀: η₀ itself is the lecture's baseline; the smaller two
    /// tell "decay helps" apart from "η₀ is too large late in training".
    static let constantFractions: [Float] = [1, 0.3, 0.1]

    /// The compared schedules, the constants first (η₀'s first of all). Reduce-on-plateau with patience 2 halves the
    /// rate when the validation loss has not improved for a *third* epoch in a row
    /// (PyTorch's rule: more than `patience` bad epochs).
    func plans(epochs: Int) -> [Plan] {
        let rate = learningRate.value, every = max(epochs / 4, 2)
        let constants = Self.constantFractions.map { fraction in
            Plan(
                label: "constant, η = \(String(format: "%g", rate * fraction))",
                schedule: Schedules.constant(rate * fraction), plateauPatience: nil)
        }
        return constants + [
            Plan(
                label: "exponential, k = 0.1", schedule: Schedules.exponential(initial: rate, k: 0.1),
                plateauPatience: nil),
            Plan(
                label: "multiplicative, α = 0.85", schedule: Schedules.multiplicative(initial: rate, factor: 0.85),
                plateauPatience: nil),
            Plan(label: "inverse, k = 0.3", schedule: Schedules.inverse(initial: rate, k: 0.3), plateauPatience: nil),
            Plan(
                label: "step: ×0.5 every \(every) epochs",
                schedule: Schedules.step(initial: rate, every: every, factor: 0.5), plateauPatience: nil),
            Plan(label: "on plateau: ×0.5 after 3 bad epochs", schedule: nil, plateauPatience: 2),
            Plan(
                label: "too aggressive: exponential, k = 1", schedule: Schedules.exponential(initial: rate, k: 1),
                plateauPatience: nil),
        ]
    }

    /// How much the validation accuracy still jumps at the end: the standard deviation (in
    /// points) of one run's validation accuracy over its last epochs (up to 10).
    static func lateSpread(_ history: History) -> Double {
        let late = history.epochs.suffix(min(lastK, max(history.epochs.count / 2, 2))).compactMap(\.validationAccuracy)
            .map { 100 * Double($0) }
        return Estimate(late).std
    }

    func run() throws { _ = try perform() }

    /// Runs the lesson; returns the runs by schedule, in the order of `plans`.
    /// One run with the two numbers the table adds to the history's.
    struct ScheduledRun: RunRecord {
        var history: History
        var lateValidationStd: Double
        var finalLearningRate: Double

        static let columns = [
            RunColumn("late_validation_std_pct", \Self.lateValidationStd),
            RunColumn("final_learning_rate", \Self.finalLearningRate),
        ]
    }

    func perform() throws -> [SettingRuns<ScheduledRun>] {
        let context = try LessonContext(for: self, seeds: 10)
        let epochs = training.epochs(Self.epochBudget, isQuick: lesson.quick)
        let splits = try context.loadSplits(
            training, trainSize: context.budget(trainSize, quick: 2000),
            validationSize: context.budget(5000, quick: 1000), testSize: context.budget(5000, quick: 1000))
        let (train, _, test) = splits.first.sets
        let plans = plans(epochs: epochs)
        let rate = learningRate.value
        let runs = try context.overSeeds(
            plans, label: \.label, columns: { ["schedule": .text($0.label)] }, lastK: Self.lastK
        ) { plan, run in
            let (train, validation, test) = splits(run).sets
            let model = Sequential.mlp([784, 128, 10], random: run.random(.weights))
            let optimizer = SGD(model.parameters, learningRate: rate)
            let callbacks: [TrainingCallback] =
                plan.plateauPatience.map {
                    [PlateauScheduler(ReduceOnPlateau(initial: rate, factor: 0.5, patience: $0), optimizer: optimizer)]
                } ?? []
            let history = try run.fit(
                model: model, loss: CrossEntropyLoss(), optimizer: optimizer, train: train, validation: validation,
                test: test,
                options: TrainingOptions(epochs: epochs, batchSize: 64, schedule: plan.schedule),
                callbacks: callbacks)
            return ScheduledRun(
                history: history, lateValidationStd: Self.lateSpread(history),
                finalLearningRate: Double(history.last?.learningRate ?? .nan))
        }
        try context.write(Self.schedulesFigure(runs))
        try context.write(Self.curvesFigure(runs, learningRate: rate))
        let comparisons = Comparisons(runs)
        try context.write(Self.differencesFigure(comparisons, seeds: context.seeds.count))
        reportSummary(
            context, runs: runs, comparisons: comparisons, epochs: epochs, trainCount: train.count,
            testCount: test.count)
        try context.finish()
        return runs
    }

    /// How many plans are constant rates (they come first).
    static var constantCount: Int { constantFractions.count }

    /// The paired comparisons, one Holm family each: every schedule against the constant η₀
    /// (mean test accuracy of the last k epochs, test at the best-validation checkpoint, the
    /// late validation jumps), and every decay against the constant rate best on validation.
    struct Comparisons {
        let others: [SettingRuns<ScheduledRun>]
        let decays: [SettingRuns<ScheduledRun>]
        let baseline: SettingRuns<ScheduledRun>
        /// The constant rate with the highest mean validation accuracy over the last k epochs.
        let bestConstant: SettingRuns<ScheduledRun>
        let lateTest: Holm
        let checkpointTest: Holm
        let jumps: Holm
        let decaysAgainstBestConstant: Holm

        init(_ runs: [SettingRuns<ScheduledRun>]) {
            let k = LearningRateDecayLesson.lastK
            baseline = runs[0]
            others = Array(runs.dropFirst())
            decays = Array(runs.dropFirst(LearningRateDecayLesson.constantCount))
            let constants = runs.prefix(LearningRateDecayLesson.constantCount)
            bestConstant = constants.max {
                $0.lastEpochs(k, .validationAccuracy).mean < $1.lastEpochs(k, .validationAccuracy).mean
            }!
            let (baseline, bestConstant) = (baseline, bestConstant)
            lateTest = Holm(others, against: baseline) { $0.lastEpochs(k, .testAccuracy) }
            checkpointTest = Holm(others, against: baseline) { $0.atBestValidation(.testAccuracy) }
            jumps = Holm(others, against: baseline) { $0.estimate(\.lateValidationStd) }
            decaysAgainstBestConstant = Holm(decays, against: bestConstant) { $0.lastEpochs(k, .testAccuracy) }
        }
    }

    /// The table over schedules, then the four families of paired verdicts.
    func reportSummary(
        _ context: LessonContext, runs: [SettingRuns<ScheduledRun>], comparisons: Comparisons, epochs: Int,
        trainCount: Int, testCount: Int
    ) {
        let k = Self.lastK
        var table = SummaryTable(
            title:
                "784→128→10, SGD, \(epochs) epochs on \(trainCount) images, test on \(testCount); accuracy in %, mean ± std over \(context.seeds.count) seeds; last \(k) = mean of the last \(k) epochs; checkpoint = each run's best-validation epoch",
            header: [
                "schedule", "final rate", "train loss, last \(k)", "validation, last \(k)", "test, last \(k)",
                "test at checkpoint",
                "validation jumps (std, last \(k))", "best validation in last 10 %",
            ])
        for setting in runs {
            table.add([
                setting.label, String(format: "%.3g", setting.estimate(\.finalLearningRate).mean),
                setting.lastEpochs(k, .trainLoss).formatted(decimals: 4),
                setting.lastEpochs(k, .validationAccuracy).formatted(),
                setting.lastEpochs(k, .testAccuracy).formatted(), setting.atBestValidation(.testAccuracy).formatted(),
                setting.estimate(\.lateValidationStd).formatted(),
                Convergence(setting.runs.map(\.history), budget: epochs).summary,
            ])
        }
        context.report(table)
        context.report()
        let baseline = comparisons.baseline.label
        func budgetNote(_ setting: SettingRuns<ScheduledRun>) -> [String] {
            [Convergence(setting.runs.map(\.history), budget: epochs).note].compactMap { $0 }
        }
        for (index, setting) in comparisons.others.enumerated() {
            context.report(
                comparisons.lateTest.verdict(
                    index, setting.label, baseline, quantity: "Test (last \(k))",
                    caveats: budgetNote(setting)))
        }
        context.report()
        if comparisons.bestConstant.label == baseline {
            context.report(
                "The constant rate best on validation (last \(k)) is \(baseline) itself: the lines above compare each decay with the best constant."
            )
        } else {
            context.report("The constant rate best on validation (last \(k)): \(comparisons.bestConstant.label).")
            for (index, setting) in comparisons.decays.enumerated() {
                context.report(
                    comparisons.decaysAgainstBestConstant.verdict(
                        index, setting.label, comparisons.bestConstant.label,
                        quantity: "Test (last \(k))", caveats: budgetNote(setting)))
            }
        }
        context.report()
        for (index, setting) in comparisons.others.enumerated() {
            context.report(
                comparisons.checkpointTest.verdict(
                    index, setting.label, baseline, quantity: "Test at the best-validation checkpoint"))
        }
        context.report()
        for (index, setting) in comparisons.others.enumerated() {
            context.report(comparisons.jumps.verdict(index, setting.label, baseline, quantity: "Validation jumps"))
        }
    }
}

LearningRateDecayLesson.main()
