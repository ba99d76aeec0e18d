import ArgumentParser
import LessonKit

struct LearningRateDecayLesson: LessonCommand {
    static let configuration = CommandConfiguration.lesson(
        abstract:
            "Learning-rate decay: large steps early, small steps late, to damp the minibatch noise at the end of training.",
        discussion: """
            Minibatch gradients are noisy estimates, so with a constant learning rate the loss keeps \
            oscillating around the minimum. The same network (784→128→10, SGD, batch 64, 30 epochs \
            on 10,000 Fashion-MNIST images) is trained with constant rates η₀, 0.3·η₀ and 0.1·η₀ (the \
            baseline the lecture recommends trying first, and whether a smaller constant does as well \
            as a decay) and with the lecture's decays: exponential η₀·e^(−kt), multiplicative \
            ηₜ = α·ηₜ₋₁, inverse η₀/(1 + k·t), plus step decay, reduce-on-plateau, and an exponential \
            decay that is too aggressive; every schedule under 10 seeds. Test accuracy (5,000 images \
            of the official test set) is measured every epoch and scored, never used to choose: \
            each schedule is compared with the constant η₀ and each decay with the best constant \
            (chosen on validation) by the mean test accuracy of the last 10 epochs, by test accuracy \
            at each run's best-validation epoch, and by how much validation accuracy still jumps \
            over the last 10 epochs; paired over seeds, Holm-corrected per family. \
            Figures: the rate per epoch; validation accuracy, validation loss and training loss per \
            epoch (mean ± std over seeds); the paired differences (forest plots). \
            --quick: 2,000 images, 1,000 test images, 10 epochs, 2 seeds.
            """, epochs: epochBudget)

    static let epochBudget = EpochBudget(full: 30, quick: 10)

    @OptionGroup var lesson: LessonOptions
    @OptionGroup var training: TrainingRunOptions

    @Option(help: "Initial learning rate η₀ (SGD; finite, > 0).")
    var learningRate = PositiveNumber(0.1)

    @Option(
        parsing: .unconditional,
        help: "Training images (0 for the whole training split of 54,000; else at least 64, one batch).")
    var trainSize = TrainingSize(10000)

    mutating func validate() throws {
        guard trainSize.value == 0 || trainSize.value >= 64 else {
            throw ValidationError("--train-size must be 0 (the whole split) or at least 64 (one batch)")
        }
        guard learningRate.value <= 10 else { throw ValidationError("--learning-rate must be at most 10") }
    }
}
