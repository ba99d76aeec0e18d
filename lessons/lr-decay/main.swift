// Learning-rate decay, as the lecture teaches it: one network trained under constant rates
// and under the lecture's decays (exponential, multiplicative, inverse) plus step decay,
// reduce-on-plateau and a decay that is too aggressive, over seeds; every schedule compared
// with the constant η₀ and every decay with the best constant. The options are in
// Command.swift, the printed report in Report.swift, the figures in Figures.swift.

import Engine
import Foundation
import LessonKit

extension LearningRateDecayLesson {
    /// Epochs of the "mean of the last k epochs" summaries.
    static let lastK = 10

    func run() throws { _ = try perform() }

    /// Runs the lesson; returns the runs by schedule, in the order of `plans`.
    func perform() throws -> [SettingRuns<ScheduledRun>] {
        let context = try LessonContext(for: self, seeds: 10)
        let epochs = training.epochs(Self.epochBudget, isQuick: lesson.quick)
        let splits = try context.loadSplits(
            training, trainSize: context.budget(trainSize.limit, quick: 2000),
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

    struct Plan: Sendable {
        let label: String
        let schedule: LearningRateSchedule?
        /// Reduce-on-plateau's patience, for the plan that uses it.
        let plateauPatience: Int?
    }

    /// Constant rates as fractions of η₀: η₀ itself is the lecture's baseline; the smaller two
    /// tell "decay helps" apart from "η₀ is too large late in training".
    static let constantFractions: [Float] = [1, 0.3, 0.1]

    /// How many plans are constant rates (they come first).
    static var constantCount: Int { constantFractions.count }

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

    /// How much the validation accuracy still jumps at the end: the standard deviation (in
    /// points) of one run's validation accuracy over its last epochs (up to 10).
    static func lateSpread(_ history: History) -> Double {
        let late = history.epochs.suffix(min(lastK, max(history.epochs.count / 2, 2))).compactMap(\.validationAccuracy)
            .map { 100 * Double($0) }
        return Estimate(late).std
    }
}

LearningRateDecayLesson.main()
