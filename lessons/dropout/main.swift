import ArgumentParser
import Engine
import EngineData
import Foundation
import LessonKit
import Plot

struct DropoutLesson: LessonCommand {
    static let configuration = CommandConfiguration.lesson(
        abstract: "Dropout: randomly silencing units while training, measured over seeds.",
        discussion: """
            First the mechanics on one hidden layer: a sampled mask zeroes a share p of the \
            activations and scales the rest by 1/(1−p), so that the average over many masks equals \
            the activation without dropout, which is what evaluation mode uses. Then the lecture's \
            network (784→75→45→10, ReLU, Dropout after each hidden activation, SGD, batch 256) is \
            trained for 100 epochs on 5,000 Fashion-MNIST images for every p of the sweep, under \
            10 seeds each (the sweep's grid is coarse, 0 to 0.7, to keep the run near 3 minutes); \
            the lesson compares every p with no dropout, paired over seeds and corrected by Holm \
            over the sweep, by the gap of the last 10 epochs and by the test accuracy at each run's \
            best-validation epoch (chosen on validation, scored on test), and says beside a verdict \
            when an arm was still improving at the end of the budget. Last, \
            the lecture's ensemble reading: averaging K thinned networks against the evaluation-mode \
            network that scales instead. --quick: 1,000 images, batch 32, 40 epochs, p = 0 and the chosen p, 2 seeds.
            """, epochs: epochBudget)

    static let epochBudget = EpochBudget(full: 100, quick: 40)

    @OptionGroup var lesson: LessonOptions
    @OptionGroup var training: TrainingRunOptions

    @Option(help: "Dropout probability compared against no dropout, in (0, 1).")
    var p = Probability(0.5)

    @Option(help: "Dropout probabilities of the sweep, comma-separated, each in [0, 1).")
    var sweep = ListOption<Probability>([0, 0.1, 0.2, 0.3, 0.5, 0.7].map { Probability($0) })

    @Option(
        help:
            "Training images (0 for the whole training split of 54,000). Dropout helps where a network overfits, which needs a small set for this small network."
    )
    var trainSize = 5000

    @Option(help: "Minibatch size (default 256; 32 with --quick).")
    var batchSize: Count?

    @Option(help: "SGD learning rate (finite, > 0).")
    var learningRate = PositiveNumber(0.1)

    mutating func validate() throws {
        guard (0...Count.maximum).contains(trainSize) else {
            throw ValidationError("--train-size must be between 0 and \(Count.maximum)")
        }
        guard p.value > 0 else {
            throw ValidationError(
                "--p must be above 0: the lesson shows its dropout masks and compares it against no dropout")
        }
    }

    static let sizes = [784, 75, 45, 10]
    /// Epochs of the "mean of the last k epochs" summaries.
    static let lastK = 10

    func run() throws { _ = try perform() }

    /// Runs the lesson; returns the runs by dropout probability, in increasing order.
    func perform() throws -> [SettingRuns<DropoutRun>] {
        let context = try LessonContext(for: self, seeds: 10)
        let epochs = training.epochs(Self.epochBudget, isQuick: lesson.quick)
        // The quick run overfits a small subset on purpose: smaller batches, two settings.
        let batchSize = batchSize?.value ?? context.budget(256, quick: 32)
        let data = try context.loadSplits(
            training, trainSize: context.budget(trainSize == 0 ? nil : trainSize, quick: 1000),
            validationSize: context.budget(nil, quick: 1000), testSize: context.budget(nil, quick: 1000))

        let examples = data.first.train
        try showMechanics(context, examples: examples.batch(Array(0..<min(30, examples.count))[...]).inputs)
        let probabilities = Array(Set(context.budget(sweep.values.map(\.value), quick: []) + [0, p.value])).sorted()
        let runs = try context.overSeeds(
            probabilities, label: Self.label, columns: { ["p": SettingValue($0)] },
            lastK: Self.lastK
        ) { probability, run in
            let (train, validation, test) = data(run).sets
            let model = Sequential.mlp(
                Self.sizes, dropout: probability, random: run.random(.weights), masks: run.random(.noise))
            let history = try run.fit(
                model: model, loss: CrossEntropyLoss(),
                optimizer: SGD(model.parameters, learningRate: learningRate.value),
                train: train, validation: validation, test: test,
                options: TrainingOptions(epochs: epochs, batchSize: batchSize, evaluateTrainingSet: true))
            let ensemble =
                probability == p.value
                ? Self.ensembleAccuracies(model, test: test, sizes: Self.ensembleSizes, random: run.random(.noise))
                : nil
            return DropoutRun(
                history: history, test: Evaluation(of: model, loss: CrossEntropyLoss(), on: test), ensemble: ensemble)
        }
        let none = runs[0], chosen = runs[probabilities.firstIndex(of: p.value)!]
        try context.write(Self.curvesFigure(none, chosen, learningRate: learningRate.value, batchSize: batchSize))
        try context.write(Self.sweepFigure(runs, probabilities: probabilities, epochs: epochs))
        let comparisons = Comparisons(runs)
        if !comparisons.labels.isEmpty {
            try context.write(Self.comparisonFigure(comparisons, seeds: context.seeds.count, epochs: epochs))
        }
        try context.write(Self.ensembleFigure(chosen, p: p.value))
        reportSummary(
            context, runs: runs, comparisons: comparisons, chosen: chosen, epochs: epochs,
            trainCount: data.first.train.count)
        try context.finish()
        return runs
    }

    /// Numbers K of thinned networks averaged in the ensemble measurement.
    static let ensembleSizes = [1, 2, 5, 10, 20, 50]

    /// Test accuracies (%) of the ensemble measurement, made on the runs of the chosen p.
    struct Ensemble: Sendable {
        /// The evaluation-mode network (dropout off, no scaling at test time).
        var evaluationMode: Double
        /// The average of K thinned networks, for each K of `ensembleSizes` in order.
        var thinned: [Double]
    }

    /// One run of the sweep; the chosen p's runs also carry the ensemble measurement.
    struct DropoutRun: RunRecord {
        var history: History
        var test: Evaluation?
        var ensemble: Ensemble?
        var evaluationModeAccuracy: Double? { ensemble?.evaluationMode }

        static let columns =
            [RunColumn("evaluation_mode_test_accuracy_pct", \Self.evaluationModeAccuracy)] + ensembleColumns
        /// One column per K of `ensembleSizes`, in order.
        static let ensembleColumns = ensembleSizes.indices.map { index in
            RunColumn<DropoutRun>("ensemble_\(ensembleSizes[index])_test_accuracy_pct") { $0.ensemble?.thinned[index] }
        }
    }

    /// The lecture's ensemble reading of dropout, measured: test accuracy of the average of
    /// the softmax outputs of K thinned networks (K forward passes with dropout on), for each
    /// K, and of the evaluation-mode network.
    static func ensembleAccuracies(_ model: Sequential, test: ImageDataset, sizes: [Int], random: Random) -> Ensemble {
        let (inputs, labels) = test.all()
        model.train(false)
        let evaluationMode = Double(Evaluation.correctPredictions(model(inputs), labels)) / Double(labels.count) * 100
        var thinned: [Double] = []
        for layer in model.layers { if let dropout = layer as? Dropout { dropout.train(); dropout.random = random } }
        var sum = Matrix(rows: inputs.rows, cols: 10)
        for k in 1...(sizes.max() ?? 1) {
            sum.add(Softmax.probabilities(model(inputs)))
            if sizes.contains(k) {
                thinned.append(Double(Evaluation.correctPredictions(sum, labels)) / Double(labels.count) * 100)
            }
        }
        model.train(false)
        return Ensemble(evaluationMode: evaluationMode, thinned: thinned)
    }

    static func label(_ probability: Float) -> String {
        probability == 0 ? "no dropout" : String(format: "p = %.1f", probability)
    }

    /// Step 1: the averaging argument of inverted dropout, on one batch of activations.
    func showMechanics(_ context: LessonContext, examples: Matrix) throws {
        let mechanics = Self.mechanics(p: p.value, examples: examples, masks: 2000, random: Random(seed: lesson.seed))
        context.report(
            String(
                format:
                    "Mechanics, p = %.2f: one mask dropped %.1f%% of %d activations; kept ones were scaled by 1/(1−p) = %.3f.",
                p.value, 100 * mechanics.droppedShare, mechanics.mask.count, 1 / (1 - p.value)))
        context.report(
            String(
                format:
                    "Mean over %d masks vs the activation without dropout: largest difference %.4f (activations up to %.2f).",
                mechanics.masks, mechanics.largestDeviation, mechanics.activations.storage.max() ?? 0))
        try context.write(Self.mechanicsFigure(mechanics, p: p.value))
    }

    /// The averaging argument of inverted dropout, measured: for one batch of first-layer
    /// activations, the mean of the dropout output over many masks against the activation.
    struct Mechanics {
        let activations: Matrix
        let mask: Matrix
        let dropped: Matrix
        let meanOverMasks: Matrix
        let masks: Int
        var largestDeviation: Float { meanOverMasks.zip(activations) { abs($0 - $1) }.storage.max() ?? 0 }
        var droppedShare: Float { Float(mask.storage.filter { $0 == 0 }.count) / Float(mask.count) }
    }

    static func mechanics(p: Float, examples: Matrix, masks: Int, random: Random) -> Mechanics {
        let hidden = Sequential(Linear(784, 75, random: random), ReLU())
        let activations = hidden(examples)
        let dropout = Dropout(p, random: random)
        let dropped = dropout(activations)
        let mask = dropout.mask!
        var sum = dropped
        for _ in 1..<masks { sum.add(dropout(activations)) }
        sum.scale(by: 1 / Float(masks))
        dropout.train(false)
        precondition(dropout(activations) == activations, "evaluation mode is the identity")
        return Mechanics(activations: activations, mask: mask, dropped: dropped, meanOverMasks: sum, masks: masks)
    }

    /// Step 3: the table over p, and every p against no dropout, paired over seeds and
    /// corrected by Holm over the sweep, with a "not converged" note beside an arm still
    /// improving when the budget ran out.
    func reportSummary(
        _ context: LessonContext, runs: [SettingRuns<DropoutRun>], comparisons: Comparisons,
        chosen: SettingRuns<DropoutRun>,
        epochs: Int, trainCount: Int
    ) {
        let k = Self.lastK
        context.report()
        var table = SummaryTable(
            title:
                "Accuracy (%) over \(context.seeds.count) seeds (mean ± std), \(trainCount) training images, \(epochs) epochs; last \(k) = mean of the last \(k) epochs",
            header: [
                "setting", "train, last \(k)", "validation, last \(k)", "gap, last \(k)", "best-validation epoch",
                "best in last 10 %", "test at that epoch", "test, final",
            ])
        let convergence = runs.map { Convergence($0.runs.map(\.history), budget: epochs) }
        for (setting, converged) in zip(runs, convergence) {
            table.add([
                setting.label, setting.lastEpochs(k, .trainAccuracy).formatted(),
                setting.lastEpochs(k, .validationAccuracy).formatted(),
                setting.lastEpochs(k, .gap).formatted(),
                Estimate(setting.bestValidationEpochs.compactMap { $0.map(Double.init) }).formatted(decimals: 0),
                "\(converged.lateRuns)/\(converged.runs)", setting.atBestValidation(.testAccuracy).formatted(),
                setting.testAccuracy.formatted(),
            ])
        }
        context.report(table)
        context.report()
        let none = runs[0]
        if let note = convergence[0].note { context.report("\(none.label) \(note)") }
        for (index, label) in comparisons.labels.enumerated() {
            let caveats = [convergence[index + 1].note.map { "\(label) \($0)" }].compactMap { $0 }
            context.report(comparisons.gap.verdict(index, label, none.label, quantity: "Gap (last \(k) epochs)"))
            context.report(
                comparisons.test.verdict(
                    index, label, none.label, quantity: "Test accuracy at the best-validation epoch",
                    caveats: caveats))
        }
        // The sweep's best p is chosen on validation and scored on test: the choice never saw
        // the images it is judged on.
        let choice = ChosenOnValidation(
            validation: runs.map { $0.lastEpochs(k, .validationAccuracy) },
            test: runs.map { $0.atBestValidation(.testAccuracy) })
        context.report(
            "p chosen on validation (last \(k) epochs): \(runs[choice.index].label), test accuracy at the best-validation epoch \(choice.test.formatted()); each seed choosing its own p: \(choice.perSeedTest.formatted())."
        )
        context.report()
        let evaluationMode = chosen.estimate(\.evaluationModeAccuracy)
        let ensemble = DropoutRun.ensembleColumns.map { chosen.estimate(column: $0) }
        context.report(
            "Ensemble of K thinned networks (\(chosen.label), test accuracy %, averaging K softmax outputs with dropout on) vs the evaluation-mode network \(evaluationMode.formatted()):"
        )
        context.report(
            zip(Self.ensembleSizes, ensemble).map { "K = \($0): \($1.formatted())" }.joined(separator: "   "))
        let largest = Self.ensembleSizes.last!
        context.report(
            Difference(ensemble.last!, evaluationMode)
                .verdict("the ensemble of \(largest)", "the evaluation-mode network", quantity: "Test accuracy"))
        context.report(
            Difference(ensemble.last!, ensemble[0])
                .verdict("\(largest) thinned networks", "one", quantity: "Test accuracy"))
    }
}

DropoutLesson.main()
