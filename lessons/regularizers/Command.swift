import ArgumentParser
import LessonKit

struct RegularizersLesson: LessonCommand {
    static let configuration = CommandConfiguration.lesson(
        abstract: "The regularizers of the lecture side by side: one network, one small data set, the same seeds.",
        discussion: """
            Each earlier lesson used its own network, optimizer and data size, so their numbers \
            cannot be compared. Here one network (784→256→256→10, ReLU, SGD lr 0.01 with momentum \
            0.9, batch 64) trains on the same 2,000 Fashion-MNIST images under the same seeds with \
            no regularization, early stopping (patience 5, best weights restored), the L2 penalty \
            at two strengths, dropout at two rates, data augmentation, and batch normalization with \
            dropout. Every final network is measured the same way, in evaluation mode: its \
            generalization gap (training − validation accuracy) and its test accuracy, each against \
            no regularization with a 95 % interval over the paired seeds, Holm-corrected over the \
            techniques. --quick: 500 images, 15 epochs, 2 seeds.
            """, epochs: epochBudget)

    static let epochBudget = EpochBudget(full: 60, quick: 15)

    @OptionGroup var lesson: LessonOptions
    @OptionGroup var training: TrainingRunOptions

    @Option(
        parsing: .unconditional,
        help:
            "Training images (0 for the whole training split of 54,000, else at least 100): few, so that the network overfits."
    )
    var trainSize = TrainingSize(2000)

    mutating func validate() throws {
        if let limit = trainSize.limit, limit < 100 {
            throw ValidationError(
                "--train-size must be 0 (the whole training split) or at least 100: every technique needs images to overfit (got \(limit))"
            )
        }
    }
}
