import ArgumentParser
import LessonKit

struct InitializationLesson: LessonCommand {
    static let configuration = CommandConfiguration.lesson(
        abstract:
            "Weight initialization: symmetry, scale, and the variance formulas of Xavier/Glorot and He/Kaiming, measured over seeds.",
        discussion: """
            Six experiments on Fashion-MNIST. Symmetry: with every weight equal, all hidden units \
            of a layer compute the same thing and receive the same gradient, so they stay identical \
            however long the network trains. Scale: in a network of 10 ReLU layers, weights drawn \
            from N(0, 0.001²) make the signal vanish (training stalls) and N(0, 1) make it explode \
            (training diverges). Variance-preserving inits: activation and gradient statistics per \
            layer at initialization for deep tanh and ReLU networks under Xavier, He and PyTorch's \
            default (with its drawn biases, and the part of the signal that depends on the input), \
            against the predicted factor per ReLU layer. Training: the inits side by side \
            under 10 seeds each, with the update-to-data ratio per layer over the first steps. Slow \
            convergence: a shallow network from N(0, 0.01²) and N(0, 0.001²) sits at chance for \
            hundreds to thousands of steps before it escapes. Gain sweep: weights N(0, g²/n_in) \
            for six gains in deep tanh and ReLU networks, the last layer's signal against the \
            mean-field prediction and the trained accuracy, around the critical gain √2 of ReLU. --quick: 1,000 images, 2 epochs (40 for the shallow network), 2 seeds.
            """, epochs: epochBudget)

    static let epochBudget = EpochBudget(full: 5, quick: 2)

    @OptionGroup var lesson: LessonOptions
    @OptionGroup var training: TrainingRunOptions

    @OptionGroup var network: DeepNetworkOptions
}
