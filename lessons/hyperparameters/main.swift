// Hyperparameter search, as the lecture teaches it: grid, random and Bayesian search (a
// Gaussian-process surrogate choosing each next trial by expected improvement) get the same
// budget of trials over the learning rate, the hidden width and the dropout probability, each
// search repeated under every seed and its chosen setting retrained and scored on test
// (step 1); how noisy one trial is (step 2); the zig-zag rule of thumb for the batch size
// (step 3); the surrogate along the learning rate. Every trial of every search is a row of
// the per-run data. The options are in Command.swift, the printed report in Report.swift, the
// figures in Figures.swift.

import Engine
import EngineData
import Foundation
import LabMath
import LessonKit

extension HyperparametersLesson {
    /// A point u ∈ [0, 1]³ mapped to hyperparameters.
    struct Setting: Sendable {
        let point: [Double]
        var learningRate: Float { Float(pow(10, -4 + 4 * point[0])) }
        var width: Int { Int(pow(2, 4 + 5 * point[1]).rounded()) }
        var dropout: Float { Float(0.7 * point[2]) }
        var description: String { String(format: "lr %.3g, width %d, dropout %.2f", learningRate, width, dropout) }
    }

    struct Budget {
        let trainSize: Int
        let validationSize: Int
        let testSize: Int
        let epochs: Int
        let gridLevels: Int
        var trials: Int { gridLevels * gridLevels * gridLevels }
    }

    func budget(_ context: LessonContext) -> Budget {
        context.budget(
            Budget(trainSize: 2000, validationSize: 1000, testSize: 2000, epochs: training.epochs ?? 3, gridLevels: 3),
            quick: Budget(
                trainSize: 500, validationSize: 500, testSize: 500, epochs: training.epochs ?? 1, gridLevels: 2))
    }

    func run() throws { _ = try perform() }

    struct Report {
        let searches: [Strategy: [Search]]
        let runs: [SettingRuns<SearchRun>]
        /// The seed-to-seed spread of one trial, measured by repeating it.
        let repeated: SettingRuns<TrialRun>
        /// Every trial of every search, one setting per (strategy, trial number).
        let trials: [SettingRuns<TrialRecord>]
        let zigzag: [(batchSize: Int, history: History)]
    }

    func perform() throws -> Report {
        let context = try LessonContext(for: self, seeds: 10)
        let budget = budget(context)
        let splits = try context.loadSplits(
            training, trainSize: budget.trainSize,
            validationSize: budget.validationSize, testSize: budget.testSize)
        let data = splits.first
        let (runs, searches) = try repeatedSearches(context, splits: splits, budget: budget)
        let repeated = try repeatTrial(context, splits: splits, budget: budget)
        let zigzag = try zigzagRuns(data)
        let trials = Self.trialRecords(searches, trials: budget.trials, seeds: context.seeds)
        context.record(trials)

        let posteriors = Self.posteriors(
            searches[.bayesian]![0], after: Self.posteriorCheckpoints(trials: budget.trials))
        try context.write(Self.progressFigure(runs, trials: budget.trials, budget: budget))
        try context.write(Self.posteriorFigure(posteriors))
        try context.write(Self.spaceFigure(Strategy.allCases.map { searches[$0]![0] }))
        try context.write(Self.marginalsFigure(searches[.random]!))
        try context.write(Self.zigzagFigure(zigzag))
        try context.write(
            Self.differencesFigure(
                StrategyComparisons(runs, trials: budget.trials), trials: budget.trials, searches: context.seeds.count))
        reportSummary(
            context, runs: runs, searches: searches, repeated: repeated, trials: trials, posteriors: posteriors,
            budget: budget, data: data)
        try context.finish()
        return Report(searches: searches, runs: runs, repeated: repeated, trials: trials, zigzag: zigzag)
    }

    /// One repeated search: its trials, and its chosen setting retrained and scored on the test set.
    struct SearchRun: RunRecord {
        var history = History()
        var search: Search
        var retestedAccuracy: Double
        var distinctLearningRates: Double { Double(Set(search.trials.map(\.setting.learningRate)).count) }
        var fittedNoise: Double? { search.fittedNoise }
        var lengthScales: [Double?] { (0..<3).map { search.fittedLengthScales?[$0] } }
        var chosenLearningRate: Double { Double(search.best.setting.learningRate) }
        var chosenWidth: Double { Double(search.best.setting.width) }
        var chosenDropout: Double { Double(search.best.setting.dropout) }

        static let columns =
            [
                RunColumn("chosen_learning_rate", \Self.chosenLearningRate),
                RunColumn("chosen_width", \Self.chosenWidth),
                RunColumn("chosen_dropout_p", \Self.chosenDropout),
                RunColumn("chosen_setting_test_accuracy_pct", \Self.retestedAccuracy),
                RunColumn("distinct_learning_rates", \Self.distinctLearningRates),
                RunColumn("fitted_noise_std_pct_points", \Self.fittedNoise),
            ] + lengthScaleColumns

        /// The last fit's length scale of each hyperparameter, in the order of `lengthScales`.
        static let lengthScaleColumns = ["learning_rate", "width", "dropout"].enumerated().map { dimension, name in
            RunColumn<Self>("fitted_length_scale_\(name)", value: { $0.lengthScales[dimension] })
        }

        /// The best validation accuracy (%) after each trial, one column per trial of the budget.
        static func bestColumns(trials: Int) -> [RunColumn<SearchRun>] { (1...trials).map(bestColumn) }

        static func bestColumn(after trials: Int) -> RunColumn<SearchRun> {
            RunColumn("best_validation_after_trial_\(trials)_pct") { run in
                trials <= run.search.bestSoFar.count ? 100 * Double(run.search.bestSoFar[trials - 1]) : nil
            }
        }
    }

    /// Step 1: every strategy searches under every seed (one repeated search per seed), side
    /// by side on worker threads; then each search's best setting is retrained under a fresh
    /// seed and scored on the test set, which no search has seen.
    func repeatedSearches(_ context: LessonContext, splits: SeededSplits, budget: Budget) throws -> (
        [SettingRuns<SearchRun>], [Strategy: [Search]]
    ) {
        let epochs = budget.epochs
        let runs = try context.overSeeds(
            Strategy.allCases, label: \.rawValue, experiment: "searches", columns: { ["strategy": .text($0.rawValue)] },
            optionColumns: SearchRun.bestColumns(trials: budget.trials)
        ) { strategy, run in
            let data = splits(run)
            let search = try Self.search(strategy, trials: budget.trials, gridLevels: budget.gridLevels, seed: run.seed)
            { setting, seed in
                try Self.evaluate(setting, data: data, scoring: data.validation, epochs: epochs, seed: seed)
            }
            let retested = try Self.evaluate(
                search.best.setting, data: data, scoring: data.test, epochs: epochs,
                seed: Self.trialSeed(run.seed, 1_000_000))
            return SearchRun(search: search, retestedAccuracy: 100 * Double(retested))
        }
        let searches = Dictionary(
            uniqueKeysWithValues: zip(Strategy.allCases, runs).map { ($0, $1.runs.map(\.search)) })
        return (runs, searches)
    }

    /// One trial of one search, a row of per-run.csv: experiment "trials", setting
    /// "<strategy>, trial <n>", seed the search's (the strategy's own stream under that seed
    /// draws the points and trains the trials: `streamSeed`, `trialSeed`).
    struct TrialRecord: RunRecord {
        var history = History()
        var trial: Trial
        var learningRate: Double { Double(trial.setting.learningRate) }
        var width: Double { Double(trial.setting.width) }
        var dropout: Double { Double(trial.setting.dropout) }
        var validationAccuracy: Double { 100 * Double(trial.accuracy) }

        static let columns = [
            RunColumn("learning_rate", \Self.learningRate), RunColumn("width", \Self.width),
            RunColumn("dropout_p", \Self.dropout), RunColumn("validation_accuracy_pct", \Self.validationAccuracy),
        ]
    }

    /// Every trial of every search, in order: the hyperparameters tried and the validation
    /// accuracy they scored, from which each search's best-so-far, its chosen setting and the
    /// strategies' verdicts can be recomputed.
    static func trialRecords(_ searches: [Strategy: [Search]], trials: Int, seeds: [UInt64]) -> [SettingRuns<
        TrialRecord
    >] {
        Strategy.allCases.flatMap { strategy in
            (0..<trials).map { index in
                SettingRuns(
                    label: "\(strategy.rawValue), trial \(index + 1)", experiment: "trials",
                    columns: ["strategy": .text(strategy.rawValue), "trial": SettingValue(index + 1)], seeds: seeds,
                    runs: searches[strategy]!.map { TrialRecord(trial: $0.trials[index]) })
            }
        }
    }

    /// The dropout probability's range: a point's third coordinate times this.
    static let dropoutRange = 0.7
    /// The band of learning rates where this network learns best in a few epochs (the
    /// marginals figure), within which width's effect is looked at.
    static let goodLearningRates = 0.05...0.5

    /// Trials pooled over searches, with their hyperparameters and scores as per-run.csv holds
    /// them, so that every fit and correlation of the report can be recomputed from the file.
    struct TrialSample {
        let learningRate: [Double]
        let width: [Double]
        let dropout: [Double]
        let validation: [Double]

        init(_ settings: [SettingRuns<TrialRecord>]) {
            learningRate = settings.flatMap { $0.estimate(\.learningRate).values }
            width = settings.flatMap { $0.estimate(\.width).values }
            dropout = settings.flatMap { $0.estimate(\.dropout).values }
            validation = settings.flatMap { $0.estimate(\.validationAccuracy).values }
        }

        private init(_ source: TrialSample, keeping indices: [Int]) {
            learningRate = indices.map { source.learningRate[$0] }
            width = indices.map { source.width[$0] }
            dropout = indices.map { source.dropout[$0] }
            validation = indices.map { source.validation[$0] }
        }

        var count: Int { validation.count }

        /// The trials whose learning rate `keep` accepts.
        func filter(learningRate keep: (Double) -> Bool) -> TrialSample {
            TrialSample(self, keeping: learningRate.indices.filter { keep(learningRate[$0]) })
        }

        /// Validation accuracy by least squares on 1, x, …, x^degree (x = log₁₀ learning rate),
        /// log₂ width and dropout: each coefficient with the half-width of its 95 % interval,
        /// in that order; nil when there are too few trials or the columns are degenerate.
        func fit(learningRateDegree degree: Int) -> [(coefficient: Double, margin: Double)]? {
            let rows = validation.indices.map { i in
                (0...degree).map { pow(log10(learningRate[i]), Double($0)) } + [log2(width[i]), dropout[i]]
            }
            return OrdinaryLeastSquares(rows, validation)?.coefficients
        }

        /// Mean validation accuracy in each third of the trials sorted by width (the thirds as
        /// equal as the count allows), with the widths each spans.
        var meanValidationByWidthThird: [(mean: Double, widths: ClosedRange<Double>)] {
            let order = width.indices.sorted { (width[$0], $0) < (width[$1], $1) }
            return (0..<3).map { third in
                let members = order[(third * count / 3)..<((third + 1) * count / 3)]
                let mean = members.map { validation[$0] }.reduce(0, +) / Double(members.count)
                return (mean, width[members.first!]...width[members.last!])
            }
        }
    }

    /// The best validation accuracy (%) after `trials` trials, over the searches of a strategy.
    static func bestAfter(_ trials: Int, _ setting: SettingRuns<SearchRun>) -> Estimate {
        setting.estimate(column: SearchRun.bestColumn(after: trials))
    }

    /// One repeated trial of the reference setting.
    struct TrialRun: RunRecord {
        var history = History()
        var validationAccuracy: Double
        static let columns = [RunColumn("validation_accuracy_pct", \Self.validationAccuracy)]
    }

    /// Step 2: how noisy is one trial? The same setting (a good one: lr 0.1, width 128,
    /// dropout 0.2) trained under every seed.
    func repeatTrial(_ context: LessonContext, splits: SeededSplits, budget: Budget) throws -> SettingRuns<TrialRun> {
        let setting = Self.referenceSetting
        return try context.overSeeds(
            [setting], label: { "repeated trial: \($0.description)" }, experiment: "repeated trial"
        ) { setting, run in
            let data = splits(run)
            let accuracy = try Self.evaluate(
                setting, data: data, scoring: data.validation, epochs: budget.epochs,
                seed: Self.trialSeed(run.seed, 2_000_000))
            return TrialRun(validationAccuracy: 100 * Double(accuracy))
        }[0]
    }

    /// lr 0.1, width 128, dropout 0.21.
    static let referenceSetting = Setting(point: [0.75, 0.6, 0.3])

    /// Step 3, the rule of thumb: a zig-zag loss curve → a larger minibatch (one seed).
    func zigzagRuns(_ data: DataSplits) throws -> [(batchSize: Int, history: History)] {
        try [8, 128].map { batchSize in
            let model = Sequential.mlp([784, 128, 10], random: Random(seed: lesson.seed, purpose: .weights))
            let trainer = Trainer(
                model: model, loss: CrossEntropyLoss(), optimizer: SGD(model.parameters, learningRate: 0.05),
                random: Random(seed: lesson.seed, purpose: .batchOrder))
            return (batchSize, try trainer.fit(data.train, options: TrainingOptions(epochs: 1, batchSize: batchSize)))
        }
    }

    /// Trains 784 → width → 10 with dropout and SGD (batch 64) under `seed` and returns the
    /// accuracy on `scoring` (validation during the search, test for the chosen setting). A
    /// run that diverges scores chance (0.1), as a failed trial would in practice.
    static func evaluate(_ setting: Setting, data: DataSplits, scoring: ImageDataset, epochs: Int, seed: UInt64) throws
        -> Float
    {
        let model = Sequential.mlp(
            [784, setting.width, 10], dropout: setting.dropout,
            random: Random(seed: seed, purpose: .weights), masks: Random(seed: seed, purpose: .noise))
        let trainer = Trainer(
            model: model, loss: CrossEntropyLoss(),
            optimizer: SGD(model.parameters, learningRate: setting.learningRate),
            random: Random(seed: seed, purpose: .batchOrder))
        do {
            _ = try trainer.fit(data.train, options: TrainingOptions(epochs: epochs, batchSize: 64))
        } catch TrainingError.diverged {
            return 0.1
        }
        let score = Evaluation(of: model, loss: CrossEntropyLoss(), on: scoring).accuracy ?? 0.1
        return score.isFinite ? score : 0.1
    }

    struct Trial: Sendable {
        let setting: Setting
        let accuracy: Float
    }

    enum Strategy: String, CaseIterable, Sendable {
        case grid, random, bayesian = "Bayesian"
    }

    /// One search: its trials in order.
    struct Search: Sendable {
        let strategy: Strategy
        var trials: [Trial]
        /// Noise standard deviation (accuracy points) of the surrogate's last fit (Bayesian only).
        var fittedNoise: Double?
        /// Length scales (learning rate, width, dropout; on the unit cube) of the surrogate's
        /// last fit (Bayesian only).
        var fittedLengthScales: [Double]?
        var bestSoFar: [Float] { trials.indices.map { i in trials[...i].map(\.accuracy).max()! } }
        var best: Trial { trials.max { $0.accuracy < $1.accuracy }! }
    }

    /// The seed of trial `index` of a search run under `seed`: each trial trains with its own noise.
    static func trialSeed(_ seed: UInt64, _ index: Int) -> UInt64 { seed &* 1_000_003 &+ UInt64(index) &+ 17 }

    /// The seed of `strategy`'s own stream under `seed`: its points and its trials' training
    /// noise. Sharing one stream would make random and Bayesian search's first trials the same
    /// points trained the same way under every seed.
    static func streamSeed(_ seed: UInt64, _ strategy: Strategy) -> UInt64 {
        seed &+ UInt64(Strategy.allCases.firstIndex(of: strategy)!) &* 0x9E37_79B9_7F4A_7C15
    }

    /// Runs one search of `trials` trials; deterministic given `seed` (its strategy's own stream).
    static func search(
        _ strategy: Strategy, trials: Int, gridLevels: Int, seed: UInt64,
        score: (Setting, UInt64) throws -> Float
    ) throws -> Search {
        let seed = streamSeed(seed, strategy)
        let sampler = Random(seed: seed, purpose: .dataSubset)
        var search = Search(strategy: strategy, trials: [])
        switch strategy {
        case .grid:
            // Every combination of `levels` evenly spaced values per dimension, in a random order.
            let levels = (0..<gridLevels).map { (Double($0) + 0.5) / Double(gridLevels) }
            var points = levels.flatMap { a in levels.flatMap { b in levels.map { c in [a, b, c] } } }
            for index in stride(from: points.count - 1, to: 0, by: -1) {
                points.swapAt(index, Int(sampler.next() % UInt64(index + 1)))
            }
            for (index, point) in points.prefix(trials).enumerated() {
                let setting = Setting(point: point)
                search.trials.append(Trial(setting: setting, accuracy: try score(setting, trialSeed(seed, index))))
            }
        case .random:
            for index in 0..<trials {
                let setting = Setting(point: (0..<3).map { _ in Double(sampler.uniform()) })
                search.trials.append(Trial(setting: setting, accuracy: try score(setting, trialSeed(seed, index))))
            }
        case .bayesian:
            // A few random trials, then each next one where expected improvement peaks.
            let initial = max(3, trials / 5)
            for index in 0..<trials {
                var point: [Double]
                if index < initial {
                    point = (0..<3).map { _ in Double(sampler.uniform()) }
                } else {
                    let suggestion = BayesianOptimization(dimensions: 3).suggest(
                        points: search.trials.map(\.setting.point),
                        values: search.trials.map { 100 * Double($0.accuracy) },
                        random: sampler)
                    point = suggestion.point
                    search.fittedNoise = suggestion.surrogate.noiseStandardDeviation
                    search.fittedLengthScales = suggestion.surrogate.lengthScales
                }
                let setting = Setting(point: point)
                search.trials.append(Trial(setting: setting, accuracy: try score(setting, trialSeed(seed, index))))
            }
        }
        return search
    }

    /// Trial counts after which the lesson shows the surrogate: 5, 10 and 20, those the
    /// budget reaches (the quick run stops short).
    static func posteriorCheckpoints(trials: Int) -> [Int] { [5, 10, 20].filter { $0 <= trials } }

    /// The surrogate fitted to a search's first `trials` trials, and its incumbent (the tried
    /// point with the best posterior mean); the figure reads it along the learning rate.
    struct Posterior {
        let trials: Int
        let observed: [Trial]
        let surrogate: GaussianProcess
        let incumbent: Setting
    }

    static func posteriors(_ search: Search, after checkpoints: [Int]) -> [Posterior] {
        checkpoints.map { count in
            let observed = Array(search.trials.prefix(count))
            let points = observed.map(\.setting.point)
            let surrogate = GaussianProcess.fitted(inputs: points, targets: observed.map { 100 * Double($0.accuracy) })
            let means = points.map { surrogate.predict($0).mean }
            let best = means.indices.max { means[$0] < means[$1] }!
            return Posterior(trials: count, observed: observed, surrogate: surrogate, incumbent: observed[best].setting)
        }
    }
}

HyperparametersLesson.main()
