import ArgumentParser
import LessonKit

struct L2Lesson: LessonCommand {
    static let configuration = CommandConfiguration.lesson(
        abstract: "L2 regularization: penalizing large weights shrinks them and narrows the generalization gap.",
        discussion: """
            The lecture's cost is the mean loss plus (λ/n)·Σ‖W⁽ˡ⁾‖²_F over the weight matrices \
            (not the biases), with n the number of training examples. This lesson adds the penalty \
            to each minibatch's mean loss and takes n to be the batch size, as PyTorch code does; \
            the table shows, for each λ, the lecture's λ that gives the same penalty (λ × training \
            images / batch size). A wide MLP that overfits 2,000 Fashion-MNIST images is trained \
            for 60 epochs for every λ of a log grid, including 0 (SGD, learning rate 0.01, momentum \
            0.9, batch 64), under 10 seeds each; the lesson plots training and validation accuracy, \
            validation loss and the total squared weight norm against λ with ±1 std bands, and the \
            weight norm against epochs from its initial level; it compares each λ with λ = 0 paired \
            over seeds, corrected by Holm over the grid, by validation loss and test accuracy, and \
            draws the weight distributions without and with the largest λ. It also checks that \
            adding the penalty to the loss and SGD's weight decay 2λ/n give the same weights step \
            after step. The full run trains 60 networks; --quick: 500 images, 40 epochs, \
            λ ∈ {0, 0.1, 1} unless --lambdas is given, 2 seeds.
            """, epochs: epochBudget)

    static let epochBudget = EpochBudget(full: 60, quick: 40)

    @OptionGroup var lesson: LessonOptions
    @OptionGroup var training: TrainingRunOptions

    @Option(
        help: ArgumentHelp(
            "Values of λ, comma-separated, each finite and ≥ 0 (0 = no penalty; at most n/(2 × learning rate 0.01), i.e. 3,200 for batch n = 64). Default: 0,0.01,0.03,0.1,0.3,1 (0,0.1,1 with --quick).",
            valueName: "list"))
    var lambdas: ListOption<NonNegativeNumber>?

    @Option(
        parsing: .unconditional,
        help:
            "Training images (0 for the whole training split of 54,000): a small set, so that the network overfits."
    )
    var trainSize = TrainingSize(2000)

    @Option(help: "Minibatch size: the n in λ/n.")
    var batchSize = Count(64)

    mutating func validate() throws {
        // The penalty-versus-weight-decay comparison steps through whole batches of the
        // training split (54,000 images; 500 with --quick).
        let trainImages = min(trainSize.limit ?? .max, lesson.quick ? 500 : 54_000)
        guard batchSize.value <= trainImages else {
            throw ValidationError(
                "--batch-size \(batchSize.value) is larger than the \(trainImages) training images; use at most \(trainImages)"
            )
        }
        // The penalty alone shrinks each weight by learning rate × 2λ/n per step; beyond 1 it
        // overshoots zero and SGD diverges whatever the data.
        let largest = Float(batchSize.value) / (2 * Self.learningRate)
        if let bad = lambdas?.values.map(\.value).first(where: {
            Self.learningRate * 2 * $0 / Float(batchSize.value) > 1
        }) {
            throw ValidationError(
                "--lambdas: λ = \(bad) with batch size \(batchSize.value) would shrink every weight past zero in one step (learning rate \(Self.learningRate) × 2λ/n > 1); use λ ≤ \(largest)"
            )
        }
    }
}
