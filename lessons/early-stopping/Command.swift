import ArgumentParser
import LessonKit

struct EarlyStoppingLesson: LessonCommand {
    static let configuration = CommandConfiguration.lesson(
        abstract: "Early stopping: watch the validation loss, keep the best weights, stop when it stops improving.",
        discussion: """
            The lecture's loop exactly: after every epoch the validation loss is compared with the \
            best so far; an improvement saves the model to a checkpoint file (written atomically) \
            and resets a counter, anything else increments it, and training stops once the \
            counter reaches the patience (3). The best weights are then loaded back from the file, \
            and the file is deleted (unless --checkpoint asks to keep the first seed's). The \
            setting overfits on purpose (784→256→256→10, Adam, 2,000 images); a second run under \
            the same seed without stopping — the same run up to the stop — shows what the extra \
            epochs would have done; it measures the test set after every epoch, and its test score \
            is the mean of its last 10 epochs, which one lucky or unlucky final epoch cannot swing. \
            --epochs sets the most epochs a run may take (default 100). \
            10 seeds; --quick: 500 images, at most 40 epochs, 2 seeds.
            """, epochs: epochBudget)

    static let epochBudget = EpochBudget(full: 100, quick: 40)

    @OptionGroup var lesson: LessonOptions
    @OptionGroup var training: TrainingRunOptions

    @Option(help: "Epochs without improvement of the validation loss before stopping (1 to 1,000).")
    var patience = 3

    @Option(
        parsing: .unconditional,
        help:
            "Training images (0 for the whole training split of 54,000): a small set, so that the network overfits."
    )
    var trainSize = TrainingSize(2000)

    @Option(
        help: ArgumentHelp(
            "Keep the first seed's checkpoint of the best weights in this file (default: each run's checkpoint goes to the temporary folder and is deleted once loaded back).",
            valueName: "file"))
    var checkpoint: String?

    mutating func validate() throws {
        guard (1...1000).contains(patience) else {
            throw ValidationError("--patience must be between 1 and 1000 (got \(patience))")
        }
        if let checkpoint, checkpoint.isEmpty { throw ValidationError("--checkpoint must name a file") }
    }
}
