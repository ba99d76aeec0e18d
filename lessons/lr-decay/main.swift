import ArgumentParser
import Engine
import Foundation
import LessonKit
import Plot

struct LearningRateDecayLesson: ParsableCommand {
    static let configuration = CommandConfiguration.lesson(
        "lr-decay",
        abstract: "Learning-rate decay: large steps early, small steps late, to damp the minibatch noise at the end of training.",
        discussion: """
        Minibatch gradients are noisy estimates, so with a constant learning rate the loss keeps \
        oscillating around the minimum. The same network (784→128→10, SGD, batch 64, 30 epochs \
        on 10,000 Fashion-MNIST images) is trained with a constant rate (the baseline the lecture \
        recommends trying first) and with the lecture's decays: exponential η₀·e^(−kt), \
        multiplicative ηₜ = α·ηₜ₋₁, inverse η₀/(1 + k·t), plus step decay, reduce-on-plateau, and \
        an exponential decay that is too aggressive; every schedule under 10 seeds. Each schedule \
        is compared with the constant rate by the mean of the last 10 epochs' validation accuracy \
        and by how much that accuracy still jumps over those epochs, with the seeds' noise. \
        Figures: the rate per epoch, and validation accuracy, validation loss and training loss \
        per epoch (mean ± std over seeds). \
        --quick: 2,000 images, 10 epochs, 2 seeds.
        """, epochs: epochBudget)

    static let epochBudget = EpochBudget(full: 30, quick: 10)

    @OptionGroup var lesson: LessonOptions
    @OptionGroup var training: TrainingRunOptions

    @Option(help: "Initial learning rate η₀ (SGD; finite, > 0).")
    var learningRate = PositiveNumber(0.1)

    @Option(help: "Training images (64 to 54,000).")
    var trainSize = 10000

    mutating func validate() throws {
        guard (64...54_000).contains(trainSize) else { throw ValidationError("--train-size must be between 64 (one batch) and 54000") }
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

    /// The compared schedules, constant first. Reduce-on-plateau with patience 2 halves the
    /// rate when the validation loss has not improved for a *third* epoch in a row
    /// (PyTorch's rule: more than `patience` bad epochs).
    func plans(epochs: Int) -> [Plan] {
        let rate = learningRate.value, every = max(epochs / 4, 2)
        return [
            Plan(label: "constant (no decay)", schedule: Schedules.constant(rate), plateauPatience: nil),
            Plan(label: "exponential, k = 0.1", schedule: Schedules.exponential(initial: rate, k: 0.1), plateauPatience: nil),
            Plan(label: "multiplicative, α = 0.85", schedule: Schedules.multiplicative(initial: rate, factor: 0.85), plateauPatience: nil),
            Plan(label: "inverse, k = 0.3", schedule: Schedules.inverse(initial: rate, k: 0.3), plateauPatience: nil),
            Plan(label: "step: ×0.5 every \(every) epochs", schedule: Schedules.step(initial: rate, every: every, factor: 0.5), plateauPatience: nil),
            Plan(label: "on plateau: ×0.5 after 3 bad epochs", schedule: nil, plateauPatience: 2),
            Plan(label: "too aggressive: exponential, k = 1", schedule: Schedules.exponential(initial: rate, k: 1), plateauPatience: nil),
        ]
    }

    /// How much the validation accuracy still jumps at the end: the standard deviation (in
    /// points) of one run's validation accuracy over its last epochs (up to 10).
    static func lateSpread(_ history: History) -> Double {
        let late = history.epochs.suffix(min(lastK, max(history.epochs.count / 2, 2))).compactMap(\.validationAccuracy).map { 100 * Double($0) }
        return Estimate(late).std
    }

    func run() throws { _ = try perform() }

    /// Runs the lesson; returns the runs by schedule, in the order of `plans`.
    /// One run with the two numbers the table adds to the history's.
    struct ScheduledRun: RunRecord {
        var history: History
        var lateValidationStd: Double
        var finalLearningRate: Double

        static let columns = [RunColumn("late_validation_std_pct", \Self.lateValidationStd),
                              RunColumn("final_learning_rate", \Self.finalLearningRate)]
    }

    func perform() throws -> [SettingRuns<ScheduledRun>] {
        let context = try LessonContext(lesson: "lr-decay", options: lesson, seeds: 10)
        let epochs = training.epochs(Self.epochBudget, isQuick: lesson.quick)
        let splits = try context.loadSplits(training, trainSize: context.budget(trainSize, quick: 2000),
                                            validationSize: context.budget(5000, quick: 1000), testSize: 0)
        let train = splits.first.train
        let plans = plans(epochs: epochs)
        let rate = learningRate.value
        let runs = try context.overSeeds(plans, label: \.label, columns: { ["schedule": .text($0.label)] }, lastK: Self.lastK) { plan, run in
            let (train, validation, _) = splits(run).sets
            let model = Sequential.mlp([784, 128, 10], random: run.random(.weights))
            let optimizer = SGD(model.parameters, learningRate: rate)
            let callbacks: [TrainingCallback] = plan.plateauPatience.map {
                [PlateauScheduler(ReduceOnPlateau(initial: rate, factor: 0.5, patience: $0), optimizer: optimizer)]
            } ?? []
            let history = try run.fit(model: model, loss: CrossEntropyLoss(), optimizer: optimizer, train: train, validation: validation,
                                      options: TrainingOptions(epochs: epochs, batchSize: 64, schedule: plan.schedule),
                                      callbacks: callbacks)
            return ScheduledRun(history: history, lateValidationStd: Self.lateSpread(history),
                                finalLearningRate: Double(history.last?.learningRate ?? .nan))
        }
        try context.write(Self.schedulesFigure(runs))
        try context.write(Self.curvesFigure(runs, learningRate: rate))
        reportSummary(context, runs: runs, epochs: epochs, trainCount: train.count)
        try context.finish()
        return runs
    }

    /// The table over schedules, then each decay against the constant rate and the best two
    /// against each other, each judged against the seeds' noise.
    func reportSummary(_ context: LessonContext, runs: [SettingRuns<ScheduledRun>], epochs: Int, trainCount: Int) {
        let k = Self.lastK
        var table = SummaryTable(
            title: "784→128→10, SGD from η₀ = \(learningRate.value), \(epochs) epochs on \(trainCount) images; accuracy in %, mean ± std over \(context.seeds.count) seeds; last \(k) = mean of the last \(k) epochs",
            header: ["schedule", "final rate", "train loss, last \(k)", "validation, last \(k)", "best validation", "validation jumps (std, last \(k))"])
        for setting in runs {
            table.add([setting.label, String(format: "%.3g", setting.estimate(\.finalLearningRate).mean),
                       setting.lastEpochs(k, .trainLoss).formatted(decimals: 4), setting.lastEpochs(k, .validationAccuracy).formatted(),
                       setting.atBestValidation(.validationAccuracy).formatted(), setting.estimate(\.lateValidationStd).formatted()])
        }
        context.report(table)
        context.report()
        let constant = runs[0]
        for setting in runs.dropFirst() {
            context.report(Difference(setting.lastEpochs(k, .validationAccuracy), constant.lastEpochs(k, .validationAccuracy))
                .verdict(setting.label, "constant", quantity: "Validation (last \(k))"))
            context.report(Difference(setting.estimate(\.lateValidationStd), constant.estimate(\.lateValidationStd))
                .verdict(setting.label, "constant", quantity: "Validation jumps"))
        }
        if let plateau = runs.first(where: { $0.label.hasPrefix("on plateau") }) {
            context.report(Difference(plateau.atBestValidation(.validationAccuracy), constant.atBestValidation(.validationAccuracy))
                .verdict(plateau.label, "constant", quantity: "Best validation (each run at its own best epoch)"))
        }
        let ranked = runs.sorted { $0.lastEpochs(k, .validationAccuracy).mean > $1.lastEpochs(k, .validationAccuracy).mean }
        if ranked.count > 1 {
            context.report(Difference(ranked[0].lastEpochs(k, .validationAccuracy), ranked[1].lastEpochs(k, .validationAccuracy))
                .verdict(ranked[0].label, ranked[1].label, quantity: "Highest two by mean validation (last \(k))"))
        }
    }
}

LearningRateDecayLesson.main()
