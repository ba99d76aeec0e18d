import ArgumentParser
import Engine
import Foundation
import LessonKit
import Plot

@main
struct DropoutLesson: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lesson-dropout",
        abstract: "Dropout: randomly silencing units while training narrows the gap between training and validation accuracy.",
        discussion: """
        First the mechanics on one hidden layer: a sampled mask zeroes a share p of the \
        activations and scales the rest by 1/(1−p), so that the average over many masks equals \
        the activation without dropout, which is what evaluation mode uses. Then the lecture's \
        network (784→75→45→10, ReLU, Dropout after each hidden activation, SGD lr 0.1, batch \
        256) is trained for 100 epochs on 5,000 Fashion-MNIST images without dropout and with \
        p = 0.5, and a sweep over p shows the final training, validation and test accuracy. \
        Full run: under a minute with `swift run -c release`, about 3 minutes in a debug build. --quick trains on \
        1,000 images with \
        batch 32 (so that the network overfits) for p = 0 and the chosen p only.
        """)

    @OptionGroup var lesson: LessonOptions
    @OptionGroup var training: TrainingRunOptions

    @Option(help: "Dropout probability compared against no dropout.")
    var p: Float = 0.5

    @Option(help: "Dropout probabilities of the sweep, comma-separated.")
    var sweep = ListOption<Float>([0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8])

    @Option(help: "Training images (0 for the whole training split of 54,000). Dropout helps where a network overfits, which needs a small set for this small network.")
    var trainSize = 5000

    @Option(help: "Minibatch size.")
    var batchSize = 256

    @Option(help: "SGD learning rate.")
    var learningRate: Float = 0.1

    mutating func validate() throws {
        guard (0..<1).contains(p) else { throw ValidationError("--p must be in [0, 1), got \(p)") }
        guard sweep.values.allSatisfy({ (0..<1).contains($0) }) else {
            throw ValidationError("--sweep must list dropout probabilities in [0, 1), e.g. 0,0.25,0.5")
        }
        guard batchSize > 0 else { throw ValidationError("--batch-size must be positive") }
        guard trainSize >= 0 else { throw ValidationError("--train-size must not be negative") }
        guard learningRate > 0 else { throw ValidationError("--learning-rate must be positive") }
    }

    static let sizes = [784, 75, 45, 10]

    struct Outcome {
        let p: Float
        let history: History
        let test: Evaluation
        var train: Float { history.last!.trainAccuracy! }
        var validation: Float { history.last!.validationAccuracy! }
        var gap: Float { train - validation }
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
        dropout.isTraining = false
        precondition(dropout(activations) == activations, "evaluation mode is the identity")
        return Mechanics(activations: activations, mask: mask, dropped: dropped, meanOverMasks: sum, masks: masks)
    }

    func run() throws { _ = try perform() }

    /// Runs the lesson and returns the training outcomes by dropout probability, in order.
    func perform() throws -> [Outcome] {
        let context = try LessonContext(lesson: "dropout", options: lesson)
        let console = context.console
        let quick = lesson.quick
        let epochs = training.epochs(full: 100, quick: 40, isQuick: quick)
        // The quick run overfits a small subset on purpose: smaller batches, two settings.
        let batchSize = quick ? 32 : batchSize
        let sweep = quick ? [0, p] : sweep.values
        let (train, validation, test) = try context.loadSplits(training, trainSize: quick ? 1000 : (trainSize == 0 ? nil : trainSize),
                                                               validationSize: quick ? 1000 : nil,
                                                               testSize: quick ? 1000 : nil)
        // 1. Mechanics.
        let examples = train.batch(Array(0..<12)[...]).inputs
        let mechanics = Self.mechanics(p: p, examples: examples, masks: 2000, random: Random(seed: lesson.seed))
        console.line(String(format: "Mechanics, p = %.2f: the mask dropped %.1f%% of %d activations; kept ones were scaled by 1/(1−p) = %.3f.",
                            p, 100 * mechanics.droppedShare, mechanics.mask.count, 1 / (1 - p)))
        console.line(String(format: "Mean over %d masks vs the activation without dropout: largest difference %.4f (activations up to %.2f).",
                            mechanics.masks, mechanics.largestDeviation, mechanics.activations.storage.max() ?? 0))
        try context.write(Self.mechanicsFigure(mechanics, p: p))

        // 2. Training runs: the comparison and the sweep (which reuses the comparison's runs).
        let probabilities = Array(Set(sweep + [0, p])).sorted()
        var outcomes: [Float: Outcome] = [:]
        for probability in probabilities {
            let random = Random(seed: lesson.seed)  // same initial weights for every p
            let model = Sequential.mlp(Self.sizes, dropout: probability, random: random)
            let history = try context.fit(String(format: "p=%.1f", probability), model: model, loss: CrossEntropyLoss(),
                                          optimizer: SGD(model.parameters, learningRate: learningRate),
                                          train: train, validation: validation,
                                          options: TrainingOptions(epochs: epochs, batchSize: batchSize, evaluateTrainingSet: true),
                                          random: random)
            outcomes[probability] = Outcome(p: probability, history: history,
                                            test: evaluate(model, loss: CrossEntropyLoss(), on: test))
        }
        let none = outcomes[0]!, chosen = outcomes[p]!
        try context.write(Figure(name: "curves", title: "784→75→45→10 on Fashion-MNIST, SGD lr \(learningRate), batch \(batchSize)", panels: [
            StandardPanels.curves([("no dropout", none.history), (String(format: "p = %.1f", p), chosen.history)],
                                  title: "accuracy (training measured in evaluation mode)", metric: .accuracy),
            StandardPanels.generalizationGap([none, chosen].map { (String(format: "p = %.1f", $0.p), $0.history) }),
        ]))
        let ordered = probabilities.map { outcomes[$0]! }
        let ps = ordered.map { Double($0.p) }
        try context.write(Figure(name: "sweep", panels: [
            Panel(title: "final accuracy after \(epochs) epochs vs dropout probability", xLabel: "dropout probability p",
                  yLabel: "accuracy (%)", legend: .bottomLeft, series: [
                      .line("training", x: ps, y: ordered.map { Double($0.train) * 100 }, style: .linesPoints, color: 0),
                      .line("validation", x: ps, y: ordered.map { Double($0.validation) * 100 }, style: .linesPoints, color: 1),
                      .line("test", x: ps, y: ordered.map { Double($0.test.accuracy!) * 100 }, style: .linesPoints, color: 2),
                  ]),
        ], columns: 1, panelSize: (720, 440)))

        console.line("")
        var table = SummaryTable(title: "Final accuracy (%) after \(epochs) epochs, \(train.count) training images",
                                 header: ["p", "train", "validation", "test", "gap", "seconds"])
        for outcome in ordered {
            table.add([String(format: "%.1f", outcome.p), percent(outcome.train), percent(outcome.validation),
                       percent(outcome.test.accuracy), String(format: "%.2f", 100 * outcome.gap),
                       String(format: "%.0f", outcome.history.totalSeconds)])
        }
        console.line(table.description)
        console.line(String(format: "Dropout p = %.1f changed the gap from %.2f to %.2f points and test accuracy from %@%% to %@%%.",
                            p, 100 * none.gap, 100 * chosen.gap, percent(none.test.accuracy), percent(chosen.test.accuracy)))
        context.finish()
        return ordered
    }

    static func mechanicsFigure(_ m: Mechanics, p: Float) -> Figure {
        let points = Swift.zip(m.activations.storage, m.meanOverMasks.storage)
        let largest = Double(m.activations.storage.max() ?? 1)
        return Figure(name: "mechanics", title: String(format: "Inverted dropout, p = %.1f, on the first hidden layer (12 examples × 75 units)", p), panels: [
            Panel(title: "activations a (evaluation mode)", series: [.image(m.activations)]),
            Panel(title: String(format: "one mask: 0 or 1/(1−p) = %.2f", 1 / (1 - p)), series: [.image(m.mask)]),
            Panel(title: "a ⊙ mask (training mode)", series: [.image(m.dropped)]),
            Panel(title: "mean over \(m.masks) masks vs a", xLabel: "activation without dropout",
                  yLabel: "mean of dropout output", legend: .topLeft, series: [
                      .line("units", x: points.map { Double($0.0) }, y: points.map { Double($0.1) }, style: .points, color: 0),
                      .line("y = x", x: [0, largest], y: [0, largest], style: .dashed, color: 6),
                  ]),
        ], columns: 2, panelSize: (620, 300))
    }
}
