import ArgumentParser
import LessonKit

struct InputNormalizationLesson: LessonCommand {
    static let configuration = CommandConfiguration.lesson(
        abstract:
            "Why normalize inputs for gradient descent: features on different scales make the loss surface a narrow valley.",
        discussion: """
            Part 1: linear regression on two features whose scales differ tenfold. The loss \
            surface over the two weights is a long, narrow ellipse; gradient descent must use a \
            learning rate small enough for the steep direction and then crawls along the flat one. \
            After standardization (zero mean, unit variance per feature) the contours are round and \
            a much larger step is stable. Each run uses the best learning rate of a grid that \
            keeps it stable; the lesson counts the steps each needs to reach the same loss. Part 2: \
            the same MLP on Fashion-MNIST with raw pixels (0–255), pixels scaled to [0, 1], and \
            pixels standardized with one global mean and std, under 10 seeds each: first at one \
            learning rate, then each scaling over a grid of learning rates, so that it is also \
            compared at its own best rate (chosen on validation, scored on the test images). \
            --quick: 1,000 images, 2 epochs, 2 seeds.
            """, epochs: epochBudget)

    static let epochBudget = EpochBudget(full: 10, quick: 2)

    @OptionGroup var lesson: LessonOptions
    @OptionGroup var training: TrainingRunOptions

    @Option(help: "Ratio of the second feature's scale to the first's (1…\(Int(maximumScaleRatio))).")
    var scaleRatio = PositiveNumber(10)

    @Option(help: "Gradient-descent steps on the 2-feature problem (10…\(maximumSteps)).")
    var steps = 1000

    @Option(help: "SGD learning rate of the first Fashion-MNIST comparison (finite, > 0).")
    var learningRate = PositiveNumber(0.05)

    @Option(help: "Learning rates tried for every scaling, comma-separated, each finite and > 0.")
    var rates = ListOption<PositiveNumber>([1e-5, 1e-4, 1e-3, 0.01, 0.05, 0.2].map { PositiveNumber($0) })

    static let maximumScaleRatio: Float = 10_000
    static let maximumSteps = 20_000

    mutating func validate() throws {
        guard (1...Self.maximumScaleRatio).contains(scaleRatio.value) else {
            throw ValidationError(
                "--scale-ratio must be between 1 and \(Int(Self.maximumScaleRatio)) (got \(scaleRatio))")
        }
        guard (10...Self.maximumSteps).contains(steps) else {
            throw ValidationError("--steps must be between 10 and \(Self.maximumSteps) (got \(steps))")
        }
        guard (1...12).contains(rates.values.count) else {
            throw ValidationError("--rates takes 1 to 12 learning rates")
        }
    }
}
