import ArgumentParser
import LessonKit

struct AugmentationLesson: LessonCommand {
    static let configuration = CommandConfiguration.lesson(
        abstract: "Data augmentation: small random shifts, rotations and flips make a small training set look bigger.",
        discussion: """
            An MLP (784→256→10, Adam, batch 64) trained for 150 epochs on only 1,000 \
            Fashion-MNIST images memorizes them. The same network, trained on the same images \
            changed afresh every time it sees them (a shift of up to 2 pixels, a rotation of up to \
            10°, a left–right flip half of the time), cannot memorize pixel patterns. All runs, \
            under 10 seeds each, start from the same weights and see the same batches (the \
            augmentation draws from its own stream). Shifts and rotations alone are run too: \
            Fashion-MNIST's shoes all face one way, so a flip makes shoes the test set never shows. \
            The lesson measures what each augmentation changes — the generalization gap, the \
            validation loss, the test accuracy of the best-validation epoch's weights — with \
            paired verdicts corrected by Holm. --quick: 300 images, 40 epochs, 2 seeds.
            """, epochs: epochBudget)

    static let epochBudget = EpochBudget(full: 150, quick: 40)

    @OptionGroup var lesson: LessonOptions
    @OptionGroup var training: TrainingRunOptions

    @Option(
        parsing: .unconditional,
        help:
            "Training images (0 for the whole training split of 54,000, else at least 8, the examples figure's; --quick uses at most 300)."
    )
    var trainSize = TrainingSize(1000)

    @Option(help: "Largest shift in pixels (0…13).")
    var shift = 2

    @Option(help: "Largest rotation in degrees (0…180).")
    var rotation: Float = 10

    @Option(help: "Probability of a horizontal flip (0…1).")
    var flip: Float = 0.5

    mutating func validate() throws {
        if let limit = trainSize.limit, limit < 8 {
            throw ValidationError(
                "--train-size must be 0 (the whole training split) or at least 8: the examples figure shows 8 training images (got \(limit))"
            )
        }
        guard (0...13).contains(shift) else { throw ValidationError("--shift must be in 0…13 pixels (got \(shift))") }
        guard rotation.isFinite, (0...180).contains(rotation) else {
            throw ValidationError("--rotation must be in 0…180 degrees (got \(rotation))")
        }
        guard flip.isFinite, (0...1).contains(flip) else {
            throw ValidationError("--flip must be a probability in [0, 1] (got \(flip))")
        }
    }
}
