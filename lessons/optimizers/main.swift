import ArgumentParser
import Engine
import EngineData
import Foundation
import LabMath
import LessonKit
import Plot

struct OptimizersLesson: ParsableCommand {
    static let configuration = CommandConfiguration.lesson(
        "optimizers",
        abstract: "Nine optimizers side by side: SGD, momentum, Nesterov, AdaGrad, RMSprop, Adam, NAdam, AdamW, AdaDelta.",
        discussion: """
        Each optimizer, with its usual learning rate (stated in the table), trains the same \
        network (784→128→10, batch 64, 10 epochs on 10,000 Fashion-MNIST images) under 10 seeds; \
        under one seed every optimizer starts from the same weights and sees the same batches. \
        The optimizers are ranked by the mean validation accuracy of the last 3 epochs, and each \
        is compared with the best, paired over seeds: the lesson says which differences are \
        within noise. Then each walks Rosenbrock's valley from (−1.2, 1.2) (deterministic: no \
        seeds). \
        --quick: 1,000 images, 2 epochs, 2 seeds, 300 steps on the valley.
        """, epochs: epochBudget)

    static let epochBudget = EpochBudget(full: 10, quick: 2)

    @OptionGroup var lesson: LessonOptions
    @OptionGroup var training: TrainingRunOptions

    @Option(help: "Steps on Rosenbrock's valley (1 to 100,000; 300 with --quick unless given).")
    var surfaceSteps: Int?

    static let maximumSurfaceSteps = 100_000

    mutating func validate() throws {
        if let surfaceSteps, !(1...Self.maximumSurfaceSteps).contains(surfaceSteps) {
            throw ValidationError("--surface-steps must be between 1 and \(Self.maximumSurfaceSteps) (got \(surfaceSteps))")
        }
    }

    struct Entry: Sendable {
        let name: String
        /// The name in panel titles.
        let short: String
        let knownFor: String
        let networkRate: Float
        let surfaceRate: Float
        /// Palette index: the optimizer's color in every figure of the lesson.
        let color: Int
        let make: @Sendable ([Parameter], Float) -> Optimizer
    }

    /// Palette colors 0–8 and 10 (brown), not the pale yellow (7), which a thin path hides on
    /// white; 9 is the grey of the context curves and contours.
    static let entries: [Entry] = [
        Entry(name: "SGD", short: "SGD", knownFor: "the baseline", networkRate: 0.05, surfaceRate: 0.001, color: 6) { SGD($0, learningRate: $1) },
        Entry(name: "SGD + momentum 0.9", short: "momentum 0.9", knownFor: "damps oscillations", networkRate: 0.01, surfaceRate: 0.001, color: 0) {
            SGD($0, learningRate: $1, momentum: 0.9)
        },
        Entry(name: "Nesterov 0.9", short: "Nesterov 0.9", knownFor: "look-ahead momentum", networkRate: 0.01, surfaceRate: 0.001, color: 5) {
            SGD($0, learningRate: $1, momentum: 0.9, nesterov: true)
        },
        Entry(name: "AdaGrad", short: "AdaGrad", knownFor: "sparse data (NLP, recommendation)", networkRate: 0.01, surfaceRate: 0.5, color: 2) {
            Adagrad($0, learningRate: $1)
        },
        Entry(name: "RMSprop", short: "RMSprop", knownFor: "deep networks, especially RNNs", networkRate: 0.001, surfaceRate: 0.01, color: 4) {
            RMSprop($0, learningRate: $1)
        },
        Entry(name: "Adam", short: "Adam", knownFor: "a wide range of tasks", networkRate: 0.001, surfaceRate: 0.05, color: 1) { Adam($0, learningRate: $1) },
        Entry(name: "NAdam", short: "NAdam", knownFor: "faster convergence on complex models", networkRate: 0.002, surfaceRate: 0.05, color: 3) {
            NAdam($0, learningRate: $1)
        },
        Entry(name: "AdamW (weight decay 0.01)", short: "AdamW (decay 0.01)", knownFor: "large models such as transformers", networkRate: 0.001, surfaceRate: 0.05, color: 8) {
            AdamW($0, learningRate: $1)
        },
        Entry(name: "AdaDelta", short: "AdaDelta", knownFor: "no learning rate to choose", networkRate: 1, surfaceRate: 1, color: 10) { Adadelta($0, learningRate: $1) },
    ]

    /// Epochs of the "mean of the last k epochs" summaries.
    static let lastK = 3
    static let start: (Float, Float) = (-1.2, 1.2)

    struct Outcome {
        let entry: Entry
        /// The network runs, one per seed.
        let runs: SettingRuns<TimedRun>
        /// The walk on Rosenbrock's valley (deterministic).
        let path: [(x: Float, y: Float)]
        var surfaceDistance: Float { Self.distance(path.last!) }
        static func distance(_ p: (x: Float, y: Float)) -> Float { ((p.x - 1) * (p.x - 1) + (p.y - 1) * (p.y - 1)).squareRoot() }
    }

    func run() throws { _ = try perform() }

    func perform() throws -> [Outcome] {
        let context = try LessonContext(lesson: "optimizers", options: lesson, seeds: 10)
        let epochs = training.epochs(Self.epochBudget, isQuick: lesson.quick)
        let steps = surfaceSteps ?? context.budget(2000, quick: 300)
        let splits = try context.loadSplits(training, trainSize: context.budget(10000, quick: 1000),
                                            validationSize: context.budget(5000, quick: 1000), testSize: 0)
        let (train, validation, _) = splits.first.sets
        let runs = try trainOnFashionMNIST(context, splits: splits, epochs: epochs)
        let paths = Self.rosenbrockPaths(steps: steps)
        let outcomes = Self.entries.indices.map { Outcome(entry: Self.entries[$0], runs: runs[$0], path: paths[$0]) }

        try context.write(Self.curvesFigure(outcomes, metric: .trainLoss, name: "fashion-mnist",
                                            title: "Training loss (mean over each epoch's batches), \(train.count) images: mean ± std over \(context.seeds.count) seeds; grey: the others"))
        try context.write(Self.curvesFigure(outcomes, metric: .validationAccuracy, name: "validation",
                                            title: "Validation accuracy, \(validation.count) images: mean ± std over \(context.seeds.count) seeds; grey: the others"))
        try context.write(Self.rosenbrockFigure(outcomes, steps: steps))
        try context.write(Self.rosenbrockLossFigure(outcomes, steps: steps))
        reportSummary(context, outcomes: outcomes, epochs: epochs, steps: steps)
        try context.finish()
        return outcomes
    }

    /// Step 1: every optimizer trains the same network under every seed.
    /// One run with its time per epoch (it depends on the machine and the load: the only
    /// per-run value of the lessons that does).
    struct TimedRun: RunRecord {
        var history: History
        var secondsPerEpoch: Double

        static let columns = [RunColumn("seconds_per_epoch", \Self.secondsPerEpoch)]
    }

    func trainOnFashionMNIST(_ context: LessonContext, splits: SeededSplits, epochs: Int) throws -> [SettingRuns<TimedRun>] {
        try context.overSeeds(Self.entries, label: \.name, columns: { ["optimizer": .text($0.name), "learning_rate": SettingValue($0.networkRate)] },
                              lastK: Self.lastK) { entry, run in
            let (train, validation) = (splits(run).train, splits(run).validation)
            let model = Sequential.mlp([784, 128, 10], random: run.random(.weights))
            let history = try run.fit(model: model, loss: CrossEntropyLoss(), optimizer: entry.make(model.parameters, entry.networkRate),
                                      train: train, validation: validation,
                                      options: TrainingOptions(epochs: epochs, batchSize: 64))
            return TimedRun(history: history, secondsPerEpoch: history.totalSeconds / Double(max(history.epochs.count, 1)))
        }
    }

    /// Step 2: every optimizer on Rosenbrock's valley from the same start; no randomness.
    static func rosenbrockPaths(steps: Int) -> [[(x: Float, y: Float)]] {
        entries.map { entry in Surface.rosenbrock.trajectory(from: start, steps: steps) { entry.make($0, entry.surfaceRate) } }
    }

    /// The optimizers ordered by mean validation accuracy over the last k epochs, the best first.
    static func ranking(_ outcomes: [Outcome]) -> [Outcome] {
        outcomes.sorted { $0.runs.lastEpochs(lastK, .validationAccuracy).mean > $1.runs.lastEpochs(lastK, .validationAccuracy).mean }
    }

    /// Those whose difference from the best is within noise (the best included).
    static func topGroup(_ outcomes: [Outcome]) -> [Outcome] {
        let ranked = ranking(outcomes), best = ranked[0].runs.lastEpochs(lastK, .validationAccuracy)
        return ranked.filter { !Difference(best, $0.runs.lastEpochs(lastK, .validationAccuracy)).isResolved }
    }

    /// Step 3: the table, and each optimizer against the best, against the noise.
    func reportSummary(_ context: LessonContext, outcomes: [Outcome], epochs: Int, steps: Int) {
        let k = Self.lastK
        let ranked = Self.ranking(outcomes)
        var table = SummaryTable(title: "Fashion-MNIST over \(context.seeds.count) seeds (mean ± std), ranked by validation accuracy (%, mean of the last \(k) of \(epochs) epochs); time per epoch with \(min(lesson.workerThreads, context.seeds.count * outcomes.count)) runs training side by side",
                                 header: ["optimizer", "lr", "train loss, final", "validation, last \(k)", "best validation", "s / epoch"])
        for outcome in ranked {
            let runs = outcome.runs
            table.add([outcome.entry.name, String(format: "%g", outcome.entry.networkRate), runs.final(.trainLoss).formatted(decimals: 3),
                       runs.lastEpochs(k, .validationAccuracy).formatted(), runs.atBestValidation(.validationAccuracy).formatted(),
                       runs.estimate(\.secondsPerEpoch).formatted(decimals: 2)])
        }
        context.report(table)
        context.report()
        let best = ranked[0]
        let top = Self.topGroup(outcomes)
        context.report("Within noise of the best (\(best.entry.name)) on validation accuracy, last \(k) epochs: "
                       + (top.count > 1 ? top.dropFirst().map(\.entry.name).joined(separator: ", ") : "none"))
        for other in ranked.dropFirst() {
            context.report(Difference(other.runs.lastEpochs(k, .validationAccuracy), best.runs.lastEpochs(k, .validationAccuracy))
                .verdict(other.entry.name, best.entry.name, quantity: "Validation, last \(k)"))
        }
        context.report()
        var surface = SummaryTable(title: "Rosenbrock's valley from (−1.2, 1.2), \(steps) steps (deterministic: no seeds)",
                                   header: ["optimizer", "lr", "distance to (1, 1)", "f at the end", "known for (lecture)"])
        for outcome in outcomes {
            let end = outcome.path.last!
            surface.add([outcome.entry.name, String(format: "%g", outcome.entry.surfaceRate), String(format: "%.3g", outcome.surfaceDistance),
                         String(format: "%.3g", Surface.rosenbrock.value(end.x, end.y)), outcome.entry.knownFor])
        }
        context.report(surface)
    }
}

OptimizersLesson.main()
