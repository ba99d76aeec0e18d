import ArgumentParser
import LessonKit

struct HyperparametersLesson: LessonCommand {
    static let configuration = CommandConfiguration.lesson(
        abstract:
            "Hyperparameter search: grid, random and Bayesian optimization with the same budget of trials, each repeated over seeds.",
        discussion: """
            Three hyperparameters of a small network on a Fashion-MNIST subset: the learning rate \
            (log scale, 10⁻⁴ to 1), the hidden width (log scale, 16 to 512) and the dropout \
            probability (0 to 0.7). Grid search (3 × 3 × 3, in a random order), random search and \
            Bayesian optimization (a Gaussian-process surrogate whose length scales and noise are fitted \
            by marginal likelihood, choosing each next trial by expected improvement) each get 27 \
            trials. Every search is repeated under 10 seeds (Bergstra & Bengio's protocol): each \
            seed draws its own data split, and each strategy under it its own points and training \
            noise, so the strategies share only the seed's data and are compared paired over seeds. \
            A trial is deliberately cheap and noisy: 3 epochs on 2,000 images, scored on 1,000 \
            validation images. The lesson compares the strategies by the best validation accuracy \
            found after each trial, mean ± std over the repeated searches, and by the test accuracy \
            of each search's chosen setting retrained under a fresh seed; it says when a difference \
            is within noise. It shows the Gaussian process along the learning rate after 5, 10 and \
            20 trials and reports its fitted length scales. \
            --quick: 8 trials, 2 seeds, \
            1 epoch on 500 images. The numbers do not depend on --threads.
            """)

    @OptionGroup var lesson: LessonOptions
    @OptionGroup var training: TrainingRunOptions
}
