import ArgumentParser
import LessonKit

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
        parsing: .unconditional,
        help:
            "Training images (0 for the whole training split of 54,000). Dropout helps where a network overfits, which needs a small set for this small network."
    )
    var trainSize = TrainingSize(5000)

    @Option(help: "Minibatch size (default 256; 32 with --quick).")
    var batchSize: Count?

    @Option(help: "SGD learning rate (finite, > 0).")
    var learningRate = PositiveNumber(0.1)

    mutating func validate() throws {
        guard p.value > 0 else {
            throw ValidationError(
                "--p must be above 0: the lesson shows its dropout masks and compares it against no dropout")
        }
    }
}
