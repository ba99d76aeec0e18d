import ArgumentParser
import Engine
import Foundation
import LessonKit
import Plot

@main
struct AugmentationLesson: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lesson-augmentation",
        abstract: "Data augmentation: small random shifts, rotations and flips make a small training set look bigger.",
        discussion: """
        An MLP (784→256→10) trained on only 1,000 Fashion-MNIST images memorizes them. The same \
        network, trained on the same images changed afresh every time it sees them (a shift of \
        up to 2 pixels, a rotation of up to 10°, a left–right flip half of the time), cannot \
        memorize pixel patterns and generalizes better. Figures: originals next to augmented \
        versions; training and validation accuracy with and without augmentation, and the gap \
        between them. Full run: about a minute in a debug build.
        """)

    @OptionGroup var lesson: LessonOptions
    @OptionGroup var training: TrainingRunOptions

    @Option(help: "Training images.")
    var trainSize = 1000

    @Option(help: "Largest shift in pixels.")
    var shift = 2

    @Option(help: "Largest rotation in degrees.")
    var rotation: Float = 10

    @Option(help: "Probability of a horizontal flip.")
    var flip: Float = 0.5

    mutating func validate() throws {
        guard trainSize >= 1 else { throw ValidationError("--train-size must be positive") }
        guard shift >= 0, shift < 14 else { throw ValidationError("--shift must be in 0…13 pixels") }
        guard rotation >= 0, rotation <= 180 else { throw ValidationError("--rotation must be in 0…180 degrees") }
        guard (0...1).contains(flip) else { throw ValidationError("--flip must be a probability in [0, 1]") }
    }

    static let sizes = [784, 256, 10]

    struct Outcome {
        let label: String
        let history: History
        let test: Evaluation
        var gap: Float { history.last!.trainAccuracy! - history.last!.validationAccuracy! }
        var bestValidation: Float { history.epochs.compactMap(\.validationAccuracy).max()! }
    }

    func run() throws { _ = try perform() }

    func perform() throws -> [Outcome] {
        let context = try LessonContext(lesson: "augmentation", options: lesson)
        let console = context.console
        let quick = lesson.quick
        let epochs = training.epochs(full: 150, quick: 40, isQuick: quick)
        let (train, validation, test) = try context.loadSplits(training, trainSize: quick ? min(trainSize, 300) : trainSize,
                                                               validationSize: quick ? 1000 : 5000, testSize: quick ? 1000 : nil)
        let augmentation = Augmentation(maximumShift: shift, maximumRotation: rotation, flipProbability: flip)
        try context.write(Self.examplesFigure(train, augmentation: augmentation, random: Random(seed: lesson.seed)))

        var outcomes: [Outcome] = []
        for (label, augmented) in [("no augmentation", false), ("augmentation", true)] {
            let random = Random(seed: lesson.seed)  // same initial weights and batch order
            let model = Sequential.mlp(Self.sizes, random: random)
            let data = augmented ? train.augmented(augmentation, random: random.fork()) : train
            let history = try context.fit(label, model: model, loss: CrossEntropyLoss(),
                                          optimizer: Adam(model.parameters, learningRate: 1e-3),
                                          train: data, validation: validation, trainingEvaluation: train,
                                          options: TrainingOptions(epochs: epochs, batchSize: 64, evaluateTrainingSet: true),
                                          random: random)
            outcomes.append(Outcome(label: label, history: history, test: evaluate(model, loss: CrossEntropyLoss(), on: test)))
        }
        try context.write(Figure(name: "curves", title: "784→256→10 on \(train.count) Fashion-MNIST images, Adam", panels: [
            StandardPanels.curves(outcomes.map { ($0.label, $0.history) }, title: "accuracy (training images without augmentation)",
                                  metric: .accuracy),
            StandardPanels.generalizationGap(outcomes.map { ($0.label, $0.history) }),
            StandardPanels.curves(outcomes.map { ($0.label, $0.history) }, title: "loss", metric: .loss, legend: .topRight),
        ], columns: 3, panelSize: (560, 420)))

        console.line("")
        var table = SummaryTable(title: "After \(epochs) epochs on \(train.count) images (accuracy in %; training accuracy on the original images)",
                                 header: ["training data", "train", "validation", "best validation", "test", "gap",
                                          "validation loss", "test loss"])
        for outcome in outcomes {
            let last = outcome.history.last!
            table.add([outcome.label, percent(last.trainAccuracy), percent(last.validationAccuracy), percent(outcome.bestValidation),
                       percent(outcome.test.accuracy), String(format: "%.2f", 100 * outcome.gap),
                       String(format: "%.4f", last.validationLoss!), String(format: "%.4f", outcome.test.loss)])
        }
        console.line(table.description)
        try context.finish()
        return outcomes
    }

    /// Eight training images, each followed by five augmented draws.
    static func examplesFigure(_ train: ImageDataset, augmentation: Augmentation, random: Random) -> Figure {
        let originals = train.batch(Array(0..<8)[...]).inputs
        let augmented = train.augmented(augmentation, random: random)
        var tiles: [[Float]] = []
        for row in 0..<8 {
            tiles.append(Array(originals.row(row)))
            for _ in 0..<5 { tiles.append(Array(augmented.batch([row]).inputs.storage)) }
        }
        let picture = tileImages(tiles, width: train.store.width, height: train.store.height, columns: 6)
        return Figure(name: "examples", panels: [
            Panel(title: "left: original; then five augmented versions (shift ≤ \(augmentation.maximumShift) px, rotation ≤ \(Int(augmentation.maximumRotation))°, flip p = \(augmentation.flipProbability))",
                  series: [.image(picture)]),
        ], columns: 1, panelSize: (620, 760))
    }
}
