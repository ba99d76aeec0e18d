import ArgumentParser
import LessonKit

struct AdamLesson: LessonCommand {
    static let configuration = CommandConfiguration.lesson(
        abstract:
            "Adam step by step: the moment estimates, why they start biased towards zero, and what the correction does.",
        discussion: """
            Adam keeps running averages of the gradient (m) and of its square (v), both starting \
            at 0. For a noisy gradient stream with a known mean, the lesson plots m and v against \
            their bias-corrected versions m̂ = m/(1 − β₁ᵗ) and v̂ = v/(1 − β₂ᵗ) over the first steps, \
            and the step Adam takes with and without the correction. Then the same network is \
            trained on Fashion-MNIST with and without bias correction (the engine's switch), at \
            learning rates 0.001 and 0.01, and with correction at 0.002 and 0.005 and at 0.002 after \
            a linear warm-up over the first 200 steps, under 10 seeds; the arms are compared by their \
            early minibatch losses and their validation accuracy, Holm-corrected, against the seeds' noise. Defaults as in \
            the lecture and PyTorch: lr 0.001, β₁ 0.9, β₂ 0.999, ε 10⁻⁸. --quick: 2,000 images, 2 epochs, 2 seeds.
            """, epochs: epochBudget)

    static let epochBudget = EpochBudget(full: 5, quick: 2)

    @OptionGroup var lesson: LessonOptions
    @OptionGroup var training: TrainingRunOptions

    @Option(help: "Mean of the synthetic gradient stream (finite, from −1000 to 1000).")
    var mean: Float = 0.5

    @Option(help: "Standard deviation of the synthetic gradient stream (finite, from 0 to 1000).")
    var noise = NonNegativeNumber(1)

    @Option(help: "Steps of the synthetic stream (2 to 100,000).")
    var steps = 200

    static let largestGradient: Float = 1000
    static let maximumSteps = 100_000

    mutating func validate() throws {
        guard mean.isFinite, abs(mean) <= Self.largestGradient else {
            throw ValidationError("--mean must be a finite number from −1000 to 1000 (got \(mean))")
        }
        guard noise.value <= Self.largestGradient else {
            throw ValidationError("--noise must be at most 1000 (got \(noise.value))")
        }
        guard (2...Self.maximumSteps).contains(steps) else {
            throw ValidationError("--steps must be between 2 and \(Self.maximumSteps) (got \(steps))")
        }
    }
}
