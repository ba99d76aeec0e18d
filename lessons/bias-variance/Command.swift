import ArgumentParser
import LessonKit

struct BiasVarianceLesson: LessonCommand {
    static let configuration = CommandConfiguration.lesson(
        abstract: "The bias–variance trade-off, measured: capacity against error, and more data against overfitting.",
        discussion: """
            Part 1, capacity: polynomials of degree 0 to 10 are fitted by least squares to 30 noisy \
            samples of y = sin(2πx) + N(0, 0.3²). Training error falls with the degree; test error \
            falls, bottoms out, and rises again. Refitting on 200 independently drawn training \
            sets splits the expected test error into bias², variance and noise, which add up to \
            it. Part 2, data: softmax regression on Fashion-MNIST training subsets from 100 images \
            to the whole training split, each with the same generous budget (the same number of SGD \
            steps for every size, --epochs epochs of the whole split, default 30, and at least that \
            many epochs; the learning rate decays linearly to 0), \
            always tested on the same 10,000 test images, over 10 seeds (different subsets, initial \
            weights and batch order): the gap between training and test accuracy closes as the \
            data grows. --quick: degrees 0–9, 50 training sets, 3 subset sizes, 10 epochs, 2 seeds.
            """, epochs: epochBudget)

    static let epochBudget = EpochBudget(full: 30, quick: 10)

    @OptionGroup var lesson: LessonOptions
    @OptionGroup var training: TrainingRunOptions

    @Option(help: "Training points of each polynomial fit (2 to 10,000).")
    var points = 30

    @Option(help: "Standard deviation of the noise on y (0 to 10).")
    var noise: Float = 0.3

    @Option(help: "Independent training sets for the bias–variance estimate (50 to 10,000).")
    var trainingSets = 200

    mutating func validate() throws {
        guard (2...10_000).contains(points) else {
            throw ValidationError("--points must be between 2 and 10000 (got \(points))")
        }
        guard noise.isFinite, (0...10).contains(noise) else {
            throw ValidationError("--noise must be between 0 and 10 (got \(noise))")
        }
        guard (50...10_000).contains(trainingSets) else {
            throw ValidationError("--training-sets must be between 50 and 10000 (got \(trainingSets))")
        }
    }
}
