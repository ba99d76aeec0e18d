// Optimizers, as the lecture lists them: nine optimizers train the same network on
// Fashion-MNIST at five learning rates each, over seeds; each one's rate is chosen on
// validation and scored on test, and every optimizer is compared with the one best on
// validation (step 1); then each walks Rosenbrock's valley from the same start (step 2). The
// options are in Command.swift, the printed report in Report.swift, the figures in
// Figures.swift.

import Engine
import EngineData
import Foundation
import LabMath
import LessonKit

extension OptimizersLesson {
    /// Epochs of the "mean of the last k epochs" summaries.
    static let lastK = 3
    static let start: (Float, Float) = (-1.2, 1.2)

    /// The swept rates as multiples of each optimizer's usual rate: five points a decade
    /// apart end to end, evenly spaced on a log scale.
    static let rateFactors: [Float] = [0.1, 0.316, 1, 3.16, 10]

    func run() throws { _ = try perform() }

    func perform() throws -> [Outcome] {
        let context = try LessonContext(for: self, seeds: 10)
        let epochs = training.epochs(Self.epochBudget, isQuick: lesson.quick)
        let steps = surfaceSteps ?? context.budget(2000, quick: 300)
        let splits = try context.loadSplits(
            training, trainSize: context.budget(10000, quick: 1000),
            validationSize: context.budget(5000, quick: 1000), testSize: context.budget(5000, quick: 1000))
        let (train, validation, test) = splits.first.sets
        let sweeps = try trainOnFashionMNIST(context, splits: splits, epochs: epochs)
        let paths = Self.rosenbrockPaths(steps: steps)
        let outcomes = Self.entries.indices.map { index in
            let sweep = sweeps[index]
            return Outcome(
                entry: Self.entries[index], sweep: sweep,
                choice: ChosenOnValidation(
                    validation: sweep.map { $0.lastEpochs(Self.lastK, .validationAccuracy) },
                    test: sweep.map(\.testAccuracy)),
                path: paths[index])
        }

        try context.write(
            Self.curvesFigure(
                outcomes, metric: .trainLoss, name: "fashion-mnist",
                title:
                    "Training loss (epoch mean of the minibatch losses) at each chosen rate: mean ± std over \(context.seeds.count) seeds; grey: the others"
            ))
        try context.write(
            Self.curvesFigure(
                outcomes, metric: .validationAccuracy, name: "validation",
                title:
                    "Validation accuracy (\(validation.count) images) at each chosen rate: mean ± std over \(context.seeds.count) seeds; grey: the others"
            ))
        try context.write(Self.sensitivityFigure(outcomes, epochs: epochs, trainCount: train.count))
        let comparison = Comparison(outcomes)
        try context.write(
            Self.differencesFigure(
                comparison, choices: RateChoices(Self.ranking(outcomes)), seeds: context.seeds.count,
                testCount: test.count))
        try context.write(Self.rosenbrockFigure(outcomes, steps: steps))
        try context.write(Self.rosenbrockLossFigure(outcomes, steps: steps))
        reportSummary(
            context, outcomes: outcomes, comparison: comparison, epochs: epochs, steps: steps, testCount: test.count)
        try context.finish()
        return outcomes
    }

    /// Step 1: every optimizer trains the same network at every swept rate under every seed;
    /// test is evaluated once, at the end, for scoring the chosen rate. Returns one sweep per
    /// optimizer, in `entries` order.
    func trainOnFashionMNIST(_ context: LessonContext, splits: SeededSplits, epochs: Int) throws -> [[SettingRuns<
        RunResult
    >]] {
        let points = Self.entries.flatMap { entry in
            Self.rateFactors.map { SweepPoint(entry: entry, learningRate: entry.networkRate * $0) }
        }
        let runs = try context.overSeeds(
            points, label: \.label,
            columns: { ["optimizer": .text($0.entry.name), "learning_rate": SettingValue($0.learningRate)] },
            lastK: Self.lastK
        ) { point, run in
            let (train, validation, test) = splits(run).sets
            let model = Sequential.mlp([784, 128, 10], random: run.random(.weights))
            let history = try run.fit(
                model: model, loss: CrossEntropyLoss(),
                optimizer: point.entry.make(model.parameters, point.learningRate),
                train: train, validation: validation,
                options: TrainingOptions(epochs: epochs, batchSize: 64))
            return RunResult(history: history, test: Evaluation(of: model, loss: CrossEntropyLoss(), on: test))
        }
        return stride(from: 0, to: runs.count, by: Self.rateFactors.count).map {
            Array(runs[$0..<($0 + Self.rateFactors.count)])
        }
    }

    /// Step 2: every optimizer on Rosenbrock's valley from the same start; no randomness.
    static func rosenbrockPaths(steps: Int) -> [[(x: Float, y: Float)]] {
        entries.map { entry in
            Surface.rosenbrock.trajectory(from: start, steps: steps) { entry.make($0, entry.surfaceRate) }
        }
    }

    /// The optimizers ordered by mean validation accuracy over the last k epochs at their
    /// chosen rates, the best first: the ranking and the winner use validation only.
    static func ranking(_ outcomes: [Outcome]) -> [Outcome] {
        outcomes.sorted {
            $0.runs.lastEpochs(lastK, .validationAccuracy).mean > $1.runs.lastEpochs(lastK, .validationAccuracy).mean
        }
    }

    /// Every optimizer against the one best on validation, each at its chosen rate, on test:
    /// one Holm family (the winner was picked from the same runs).
    struct Comparison {
        let winner: Outcome
        let others: [Outcome]
        let test: Holm

        init(_ outcomes: [Outcome]) {
            let ranked = OptimizersLesson.ranking(outcomes)
            winner = ranked[0]
            others = Array(ranked.dropFirst())
            let best = winner.runs.testAccuracy
            test = Holm(others.map { Difference($0.runs.testAccuracy, best) })
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

    /// Palette colors 0–6, 8, 10 (brown) and 11 (indigo, SGD's: a black curve's band would be
    /// grey, like the context curves), not the pale yellow (7), which a thin path hides on white;
    /// 9 is the grey of the context curves and contours.
    static let entries: [Entry] = [
        Entry(name: "SGD", short: "SGD", knownFor: "the baseline", networkRate: 0.05, surfaceRate: 0.001, color: 11) {
            SGD($0, learningRate: $1)
        },
        Entry(
            name: "SGD + momentum 0.9", short: "momentum 0.9", knownFor: "damps oscillations", networkRate: 0.01,
            surfaceRate: 0.001, color: 0
        ) {
            SGD($0, learningRate: $1, momentum: 0.9)
        },
        Entry(
            name: "Nesterov 0.9", short: "Nesterov 0.9", knownFor: "look-ahead momentum", networkRate: 0.01,
            surfaceRate: 0.001, color: 5
        ) {
            SGD($0, learningRate: $1, momentum: 0.9, nesterov: true)
        },
        Entry(
            name: "AdaGrad", short: "AdaGrad", knownFor: "sparse data (NLP, recommendation)", networkRate: 0.01,
            surfaceRate: 0.5, color: 2
        ) {
            Adagrad($0, learningRate: $1)
        },
        Entry(
            name: "RMSprop", short: "RMSprop", knownFor: "deep networks, especially RNNs", networkRate: 0.001,
            surfaceRate: 0.01, color: 4
        ) {
            RMSprop($0, learningRate: $1)
        },
        Entry(
            name: "Adam", short: "Adam", knownFor: "a wide range of tasks", networkRate: 0.001, surfaceRate: 0.05,
            color: 1
        ) { Adam($0, learningRate: $1) },
        Entry(
            name: "NAdam", short: "NAdam", knownFor: "faster convergence on complex models", networkRate: 0.002,
            surfaceRate: 0.05, color: 3
        ) {
            NAdam($0, learningRate: $1)
        },
        Entry(
            name: "AdamW (weight decay 0.01)", short: "AdamW (decay 0.01)",
            knownFor: "large models such as transformers", networkRate: 0.001, surfaceRate: 0.05, color: 8
        ) {
            AdamW($0, learningRate: $1)
        },
        Entry(
            name: "AdaDelta", short: "AdaDelta", knownFor: "no learning rate to choose", networkRate: 1, surfaceRate: 1,
            color: 10
        ) { Adadelta($0, learningRate: $1) },
    ]

    /// One point of the sweep.
    struct SweepPoint: Sendable {
        let entry: Entry
        let learningRate: Float
        var label: String { "\(entry.name), lr \(String(format: "%g", learningRate))" }
    }

    struct Outcome {
        let entry: Entry
        /// The network runs at each swept rate, in `rateFactors` order.
        let sweep: [SettingRuns<RunResult>]
        /// The rate chosen on validation, and its test score.
        let choice: ChosenOnValidation
        /// The runs at the chosen rate, one per seed.
        var runs: SettingRuns<RunResult> { sweep[choice.index] }
        var chosenRate: Float { entry.networkRate * OptimizersLesson.rateFactors[choice.index] }
        /// The walk on Rosenbrock's valley (deterministic).
        let path: [(x: Float, y: Float)]
        var surfaceDistance: Float { Self.distance(path.last!) }
        static func distance(_ p: (x: Float, y: Float)) -> Float {
            ((p.x - 1) * (p.x - 1) + (p.y - 1) * (p.y - 1)).squareRoot()
        }
    }
}

OptimizersLesson.main()
