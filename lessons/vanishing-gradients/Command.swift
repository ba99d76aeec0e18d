import ArgumentParser
import LessonKit

struct VanishingGradientsLesson: LessonCommand {
    static let configuration = CommandConfiguration.lesson(
        abstract:
            "Vanishing and exploding gradients: why deep sigmoid networks barely learn, measured layer by layer over seeds.",
        discussion: """
            The sigmoid's derivative σ′(z) = σ(z)(1 − σ(z)) is at most 0.25, so backpropagation \
            through L sigmoid layers contributes σ′ factors whose product is at most 0.25^L: \
            0.25¹⁰ ≈ 9.54·10⁻⁷ (the weights multiply the gradient too). The lesson plots that bound, then measures ‖∂L/∂W⁽ˡ⁾‖ for every layer of 10-hidden-layer \
            networks on Fashion-MNIST (sigmoid with PyTorch's default init, Xavier gain 1 and \
            Xavier gain 4, tanh with Xavier gain 5/3, ReLU with He) at initialization and after \
            training, against the predicted per-layer factor √n·σ_W·√E[σ′(z)²] (≈ 0.25·√n·σ_W for \
            small weights); trains the five under 10 seeds each; and finally scales the ReLU network's \
            weights by k to show gradients exploding and vanishing as k^(layers − 1). \
            --quick: 1,000 images, 3 epochs, 2 seeds.
            """, epochs: epochBudget)

    static let epochBudget = EpochBudget(full: 10, quick: 3)

    @OptionGroup var lesson: LessonOptions
    @OptionGroup var training: TrainingRunOptions

    @OptionGroup var network: DeepNetworkOptions

    @Option(help: "SGD learning rate (finite, > 0).")
    var learningRate = PositiveNumber(0.05)
}
