import ArgumentParser
import LessonKit

struct MomentumLesson: LessonCommand {
    static let configuration = CommandConfiguration.lesson(
        abstract: "Momentum and Nesterov's look-ahead: velocity damps the zig-zag and speeds up the slow direction.",
        discussion: """
            On an elongated quadratic bowl and on Rosenbrock's banana valley, plain gradient \
            descent, momentum (0.5, 0.9, 0.99) and Nesterov momentum (0.9) run side by side: paths \
            over the contours and the loss per step. The lecture's formulas (v = α·v + η·∇L(w), \
            w = w − v, and the look-ahead ∇L(w − α·v)) are run as written and compared with the \
            engine's PyTorch-style SGD, which uses a change of variables. The bowl's convergence \
            rate per step is then measured for every α and drawn over the theory's prediction \
            (critical damping), and a one-dimensional double well shows momentum carrying the \
            weights over a barrier that stops gradient descent. Finally SGD, momentum and Nesterov \
            train the same network on Fashion-MNIST under 10 seeds, with plain SGD also run at the \
            learning rate η/(1 − α) that momentum reaches on a steady slope, so that the comparison \
            is not just a tenfold step. --quick: 2,000 \
            images, 3 epochs, 2 seeds, shorter paths.
            """, epochs: epochBudget)

    static let epochBudget = EpochBudget(full: 10, quick: 3)

    @OptionGroup var lesson: LessonOptions
    @OptionGroup var training: TrainingRunOptions

    @Option(help: "Learning rate on the quadratic bowl (finite, > 0; gradient descent is stable below 2/20 = 0.1).")
    var quadraticRate = PositiveNumber(0.04)

    @Option(help: "Steps on the quadratic bowl (1 to 100,000).")
    var quadraticSteps = Count(120)

    @Option(help: "Learning rate on Rosenbrock's valley (finite, > 0).")
    var rosenbrockRate = PositiveNumber(0.001)

    @Option(help: "Steps on Rosenbrock's valley (1 to 100,000).")
    var rosenbrockSteps = Count(3000)

    @Option(help: "SGD learning rate η on Fashion-MNIST (finite, > 0, at most 1); plain SGD also runs at η/(1 − 0.9).")
    var learningRate = PositiveNumber(0.01)

    static let maximumSteps = 100_000

    mutating func validate() throws {
        guard quadraticSteps.value <= Self.maximumSteps, rosenbrockSteps.value <= Self.maximumSteps else {
            throw ValidationError("--quadratic-steps and --rosenbrock-steps must be at most \(Self.maximumSteps)")
        }
        guard learningRate.value <= 1 else { throw ValidationError("--learning-rate must be at most 1") }
    }
}
