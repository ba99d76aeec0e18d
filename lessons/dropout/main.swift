// Dropout, as the lecture teaches it: inverted dropout's averaging argument on one batch
// (step 1), then the lecture's network trained for every p of a sweep over seeds and each p
// compared with no dropout (step 2), then the ensemble reading (step 3). The options are in
// Command.swift, the printed report in Report.swift, the figures in Figures.swift.

import Engine
import EngineData
import Foundation
import LessonKit

extension DropoutLesson {
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
            training, trainSize: context.budget(trainSize.limit, quick: 1000),
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
        let comparisons = ComparisonsAgainstReference(
            Array(runs.dropFirst()), against: runs[0], measures: Self.measures())
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
}

DropoutLesson.main()
