import ArgumentParser
import LessonKit

struct BatchNormLesson: LessonCommand {
    static let configuration = CommandConfiguration.lesson(
        abstract:
            "Batch normalization: normalizing each layer's inputs over the minibatch, and what it changes, measured over seeds.",
        discussion: """
            The lecture's block Linear(bias=false) → BatchNorm1d → ReLU → Dropout against the same \
            network without BatchNorm on Fashion-MNIST, under 10 seeds each: training curves with the \
            default initialization and with weights drawn from N(0, 0.001²) (without BatchNorm \
            training stalls for a while: shown step by step), the 15/50/85th percentiles of a \
            unit's pre-activation per step (Ioffe & Szegedy's figure 1), a learning-rate sweep that \
            shows the larger steps BatchNorm tolerates (with the weight norm that explains it), the running mean and variance used at \
            inference, the pitfall of evaluating with batch statistics on small batches, and why \
            the Linear layer's bias is redundant before BatchNorm. The full run trains on 20,000 \
            of the 54,000 training images to keep 10 seeds short \
            (--train-size 0 uses them all). --quick: 2,000 images, 3 epochs, 2 seeds.
            """, epochs: epochBudget)

    static let epochBudget = EpochBudget(full: 10, quick: 3)

    @OptionGroup var lesson: LessonOptions
    @OptionGroup var training: TrainingRunOptions

    @Option(help: "Dropout probability after each hidden activation, in [0, 1).")
    var dropout = Probability(0.2)

    @Option(help: "SGD learning rate (finite, > 0).")
    var learningRate = PositiveNumber(0.1)

    @Option(help: "Learning rates of the sweep with and without BatchNorm, comma-separated, each finite and > 0.")
    var sweep = ListOption<PositiveNumber>([0.1, 0.2, 0.5, 1, 1.5, 2, 3].map { PositiveNumber($0) })

    @Option(
        parsing: .unconditional, help: "Training images (0 for the whole training split of 54,000).")
    var trainSize = TrainingSize(20000)

    mutating func validate() throws {
        guard sweep.values.count <= 10 else { throw ValidationError("--sweep takes at most 10 learning rates") }
    }
}
