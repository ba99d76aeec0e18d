// The regularizers of the lecture side by side: one network (784→256→256→10, SGD with
// momentum) on one small training set, trained under the same seeds with no regularization,
// early stopping, L2, dropout, augmentation and batch norm (step 1); every final network
// measured the same way in evaluation mode, and each technique compared with none by the
// gap and the test accuracy, Holm-corrected over the techniques (step 2). The options are in
// Command.swift, the printed report in Report.swift, the figure in Figures.swift.

import Engine
import EngineData
import Foundation
import LessonKit

extension RegularizersLesson {
    static let sizes = [784, 256, 256, 10]
    static let batchSize = 64

    /// One way of regularizing the same network.
    struct Technique: Sendable {
        var label: String
        var dropout: Float = 0
        var l2: Float = 0
        var batchNorm = false
        var augmentation = false
        var earlyStopping = false
        /// How many times the common epoch budget this technique trains: augmentation shows a
        /// new variant of every image each epoch and needs longer to fit the originals.
        var epochMultiple = 1

        func epochs(_ budget: Int) -> Int { budget * epochMultiple }
    }

    static let techniques = [
        Technique(label: "none"),
        Technique(label: "early stopping", earlyStopping: true),
        Technique(label: "L2, λ = 0.03", l2: 0.03),
        Technique(label: "L2, λ = 0.1", l2: 0.1),
        Technique(label: "dropout 0.2", dropout: 0.2),
        Technique(label: "dropout 0.5", dropout: 0.5),
        Technique(label: "augmentation, 3× epochs", augmentation: true, epochMultiple: 3),
        Technique(label: "batch norm", batchNorm: true),
        Technique(label: "batch norm + dropout 0.2", dropout: 0.2, batchNorm: true),
    ]

    func run() throws { _ = try perform() }

    /// One run's final network (for early stopping, the restored best weights), measured
    /// in evaluation mode on the three sets.
    struct FinalNetwork: RunRecord {
        var history: History
        var trainAccuracy: Double
        var validationAccuracy: Double
        var testAccuracy: Double
        var epochs: Double
        /// Training − validation accuracy of the final network in evaluation mode: the gap
        /// this lesson reports. The runs' CSV measures the same way every epoch; for early
        /// stopping the final network is the restored best epoch, not the last one.
        var gap: Double { trainAccuracy - validationAccuracy }

        static let columns = [
            RunColumn("epochs_trained", \Self.epochs),
            RunColumn("train_accuracy_eval_pct", \Self.trainAccuracy),
            RunColumn("validation_accuracy_eval_pct", \Self.validationAccuracy),
            RunColumn("gap_eval_pct_points", \Self.gap),
            RunColumn("test_accuracy_eval_pct", \Self.testAccuracy),
        ]
    }

    func perform() throws -> [SettingRuns<FinalNetwork>] {
        let context = try LessonContext(for: self, seeds: 10)
        let epochs = training.epochs(Self.epochBudget, isQuick: lesson.quick)
        let splits = try context.loadSplits(
            training, trainSize: context.budget(trainSize.limit, quick: 500),
            validationSize: context.budget(5000, quick: 1000), testSize: context.budget(nil, quick: 1000))
        let train = splits.first.train
        let runs = try context.overSeeds(Self.techniques, label: \.label, columns: Self.columns) { technique, run in
            let (train, validation, test) = splits(run).sets
            return try Self.train(
                technique, run: run, epochs: technique.epochs(epochs), train: train, validation: validation, test: test)
        }
        let comparisons = ComparisonsAgainstReference(
            Array(runs.dropFirst()), against: runs[0], measures: Self.measures())
        try context.write(
            Self.comparisonFigure(comparisons, seeds: context.seeds.count, trainCount: train.count, epochs: epochs))
        Self.report(context, runs: runs, comparisons: comparisons, trainCount: train.count, epochs: epochs)
        try context.finish()
        return runs
    }

    /// Trains one technique under one seed and measures the final network (for early stopping,
    /// the restored best weights) in evaluation mode on the three sets.
    static func train(
        _ technique: Technique, run: SeedRun, epochs: Int, train: ImageDataset, validation: ImageDataset,
        test: ImageDataset
    ) throws -> FinalNetwork {
        let model = Sequential.mlp(
            sizes, batchNorm: technique.batchNorm, dropout: technique.dropout,
            random: run.random(.weights), masks: run.random(.noise))
        let data = technique.augmentation ? train.augmented(Augmentation(), random: run.random(.noise)) : train
        let callbacks: [TrainingCallback] =
            technique.earlyStopping ? [EarlyStopping(patience: 5, restoreBestWeights: true)] : []
        // Every epoch measures the original training images in evaluation mode, so that the
        // runs' CSV has one training accuracy (and one gap) for every technique, and so that
        // augmentation's history shows where it stood at the others' budget.
        let history = try run.fit(
            model: model, loss: CrossEntropyLoss(),
            optimizer: SGD(model.parameters, learningRate: 0.01, momentum: 0.9),
            train: data, validation: validation, trainingEvaluation: train,
            options: TrainingOptions(
                epochs: epochs, batchSize: batchSize, l2: technique.l2,
                evaluateTrainingSet: true),
            callbacks: callbacks)
        func accuracy(_ set: ImageDataset) -> Double {
            100 * Double(Evaluation(of: model, loss: CrossEntropyLoss(), on: set).accuracy!)
        }
        return FinalNetwork(
            history: history, trainAccuracy: accuracy(train), validationAccuracy: accuracy(validation),
            testAccuracy: accuracy(test), epochs: Double(history.epochs.count))
    }

    /// A technique's hyperparameters as data columns.
    static func columns(_ technique: Technique) -> [String: SettingValue] {
        [
            "dropout_p": SettingValue(technique.dropout), "lambda": SettingValue(technique.l2),
            "batch_norm": SettingValue(technique.batchNorm),
            "augmentation": SettingValue(technique.augmentation),
            "early_stopping": SettingValue(technique.earlyStopping),
            "epoch_multiple": SettingValue(technique.epochMultiple),
        ]
    }
}

RegularizersLesson.main()
