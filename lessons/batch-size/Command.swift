import ArgumentParser
import LessonKit

struct BatchSizeLesson: LessonCommand {
    static let configuration = CommandConfiguration.lesson(
        abstract:
            "Minibatch size 64 vs 1024: noisy small steps against smooth large ones, the lecture's experiment, over seeds.",
        discussion: """
            The lecture's experiment on Fashion-MNIST: 784 → Linear(75, bias=false) → BatchNorm1d → \
            ReLU → Dropout(0.5) → Linear(45, bias=false) → BatchNorm1d → ReLU → Dropout(0.3) → \
            Linear(10), SGD with learning rate 0.1, with minibatches of 64 and of 1024 (the \
            incomplete last batch dropped), 10 % of the training set held out for validation. The \
            lecture trains 100 epochs once; this lesson is expensive (54,000 images per epoch), so \
            the full run trains 20 epochs under 10 seeds (raise both with --epochs \
            and --seeds, ideally in a release build). Batch 1024 runs at the same rate (the \
            lecture's comparison), at the rate scaled by √16 and at the rate scaled by 16 with a \
            warm-up (Goyal et al. 2017); each arm is compared with batch 64 on the test set, against \
            epochs, optimizer steps and seconds. It measures the minibatch-loss noise against the \
            1/√B that averaging predicts, on frozen networks too, and the gradient-noise scale. \
            --quick: 4,096 images, 3 epochs, 2 seeds.
            """, epochs: epochBudget)

    static let epochBudget = EpochBudget(full: Self.fullEpochs, quick: 3)

    @OptionGroup var lesson: LessonOptions
    @OptionGroup var training: TrainingRunOptions

    @Option(
        help:
            "The minibatch sizes to compare, comma-separated, each from 2 (batch norm needs two examples) to 1,000,000."
    )
    var batchSizes = ListOption<Count>([Count(64), Count(1024)])

    @Option(
        help:
            "SGD learning rate of the first batch size (finite, > 0, at most 10); every other size runs at this rate, at rate·√(B/B₀) and at rate·B/B₀ with warm-up."
    )
    var learningRate = PositiveNumber(0.1)

    mutating func validate() throws {
        guard !batchSizes.values.isEmpty, batchSizes.values.allSatisfy({ $0.value >= 2 }) else {
            throw ValidationError(
                "--batch-sizes must list whole numbers ≥ 2 (batch norm needs two examples), e.g. 64,1024")
        }
        guard learningRate.value <= 10 else { throw ValidationError("--learning-rate must be at most 10") }
    }
}
