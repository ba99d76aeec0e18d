import ArgumentParser
import LessonKit

struct OptimizersLesson: LessonCommand {
    static let configuration = CommandConfiguration.lesson(
        abstract:
            "Nine optimizers side by side: SGD, momentum, Nesterov, AdaGrad, RMSprop, Adam, NAdam, AdamW, AdaDelta.",
        discussion: """
            Each optimizer trains the same network (784→128→10, batch 64, 10 epochs on 10,000 \
            Fashion-MNIST images) at five learning rates, its usual one (stated in the table) times \
            0.1, 0.316, 1, 3.16 and 10, under 10 seeds; under one seed every run starts from the same \
            weights and sees the same batches. Each optimizer's rate is chosen on validation (mean of \
            the last 3 epochs) and scored on 5,000 test images; the optimizers are ranked at their \
            chosen rates, and each is compared with the one best on validation, on test, paired over \
            seeds with Holm's correction. Then each walks Rosenbrock's valley from (−1.2, 1.2) \
            (deterministic: no seeds). \
            --quick: 1,000 images, 2 epochs, 2 seeds, 300 steps on the valley.
            """, epochs: epochBudget)

    static let epochBudget = EpochBudget(full: 10, quick: 2)

    @OptionGroup var lesson: LessonOptions
    @OptionGroup var training: TrainingRunOptions

    @Option(help: "Steps on Rosenbrock's valley (1 to 100,000; 300 with --quick unless given).")
    var surfaceSteps: Int?

    static let maximumSurfaceSteps = 100_000

    mutating func validate() throws {
        if let surfaceSteps, !(1...Self.maximumSurfaceSteps).contains(surfaceSteps) {
            throw ValidationError(
                "--surface-steps must be between 1 and \(Self.maximumSurfaceSteps) (got \(surfaceSteps))")
        }
    }
}
