/// Every lesson in the lecture's order, with the question it answers and its main figure:
/// what the regenerate command runs and what the lesson index lists.
public struct LessonEntry: Sendable {
    public let name: String
    public let question: String
    /// The figure the index shows (`figures/<name>-<figure>.png`).
    public let figure: String
    /// Lessons meant to be run with `swift run -c release`.
    public let releaseBuild: Bool

    public var executable: String { "lesson-\(name)" }
    public var command: String { "swift run \(releaseBuild ? "-c release " : "")\(executable)" }
}

public enum LessonCatalog {
    public static let lessons: [LessonEntry] = [
        .init(name: "parameter-count", question: "How many parameters does an MLP have, and how fast does that grow?", figure: "growth", releaseBuild: false),
        .init(name: "bias-variance", question: "How do capacity and data size trade bias against variance?", figure: "capacity", releaseBuild: false),
        .init(name: "augmentation", question: "Do randomly shifted, rotated and flipped copies stop a network memorizing a small set?", figure: "curves", releaseBuild: false),
        .init(name: "early-stopping", question: "When should training stop, and what do the best weights buy?", figure: "curves", releaseBuild: false),
        .init(name: "l2", question: "What does a penalty on ‖W‖² do, and why is it the same as weight decay?", figure: "sweep", releaseBuild: false),
        .init(name: "dropout", question: "How does dropping units at random narrow the generalization gap?", figure: "curves", releaseBuild: true),
        .init(name: "input-normalization", question: "Why does gradient descent want standardized inputs?", figure: "surface", releaseBuild: false),
        .init(name: "batchnorm", question: "What does normalizing every layer's inputs change, in training and at inference?", figure: "curves", releaseBuild: false),
        .init(name: "vanishing-gradients", question: "Why do deep sigmoid networks barely learn?", figure: "gradients", releaseBuild: false),
        .init(name: "initialization", question: "Which initial weights keep the signal alive through many layers?", figure: "signal", releaseBuild: false),
        .init(name: "lr-decay", question: "Does shrinking the learning rate damp the end-of-training noise?", figure: "curves", releaseBuild: false),
        .init(name: "batch-size", question: "Minibatches of 64 or 1024: what changes?", figure: "minibatch-loss", releaseBuild: true),
        .init(name: "momentum", question: "How do momentum and Nesterov's look-ahead speed up a narrow valley?", figure: "surfaces", releaseBuild: false),
        .init(name: "adam", question: "What are Adam's moments, and why the bias correction?", figure: "moments", releaseBuild: false),
        .init(name: "optimizers", question: "How do SGD, AdaGrad, RMSprop, Adam, NAdam, AdamW and AdaDelta compare?", figure: "rosenbrock", releaseBuild: false),
        .init(name: "hyperparameters", question: "Grid, random or Bayesian search: which finds good settings with few trials?", figure: "progress", releaseBuild: false),
    ]

    public static func entry(named name: String) -> LessonEntry? { lessons.first { $0.name == name } }
}
