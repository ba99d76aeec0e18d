/// AdaGrad (`torch.optim.Adagrad`): each weight's step is divided by the root of the sum of
/// all its squared gradients so far, so the effective learning rate only ever shrinks.
///
///     s ← s + g²,   w ← w − lr/(1 + (t−1)·decay) · g/(√s + ε)
public final class Adagrad: Optimizer {
    public let parameters: [Parameter]
    public var learningRate: Float
    public let learningRateDecay: Float
    public let weightDecay: Float
    public let epsilon: Float
    public private(set) var steps = 0
    private let sums: [StateSlots]

    public init(_ parameters: [Parameter], learningRate: Float = 1e-2, learningRateDecay: Float = 0,
                weightDecay: Float = 0, initialAccumulator: Float = 0, epsilon: Float = 1e-10) {
        checkHyperparameter(learningRate, "learning rate")
        checkHyperparameter(initialAccumulator, "initial accumulator value")
        self.parameters = parameters
        self.learningRate = learningRate
        self.learningRateDecay = learningRateDecay
        self.weightDecay = weightDecay
        self.epsilon = epsilon
        sums = StateSlots.make(for: parameters, slots: 1)
        for state in sums { state[0].update(repeating: initialAccumulator, count: state.count) }
    }

    public func step() {
        steps += 1
        let rate = learningRate / (1 + Float(steps - 1) * learningRateDecay)
        let weightDecay = weightDecay, epsilon = epsilon
        for (parameter, state) in zip(parameters, sums) {
            parameter.update { w, gradient, count in
                let s = state[0]
                for i in 0..<count {
                    let g = gradient[i] + weightDecay * w[i]
                    s[i] += g * g
                    w[i] -= rate * g / (s[i].squareRoot() + epsilon)
                }
            }
        }
    }
}

/// RMSprop (`torch.optim.RMSprop`): AdaGrad with a leaky average instead of a sum, so old
/// gradients are forgotten.
///
///     s ← α·s + (1 − α)·g²;  centered: ḡ ← α·ḡ + (1 − α)·g, d = √(s − ḡ²) + ε, else d = √s + ε
///     w ← w − lr·g/d,  or with momentum  b ← μ·b + g/d, w ← w − lr·b
public final class RMSprop: Optimizer {
    public let parameters: [Parameter]
    public var learningRate: Float
    public let alpha: Float
    public let epsilon: Float
    public let weightDecay: Float
    public let momentum: Float
    public let centered: Bool
    public private(set) var steps = 0
    /// Slots: square average, momentum buffer, gradient average.
    private let averages: [StateSlots]

    public init(_ parameters: [Parameter], learningRate: Float = 1e-2, alpha: Float = 0.99,
                epsilon: Float = 1e-8, weightDecay: Float = 0, momentum: Float = 0,
                centered: Bool = false) {
        checkHyperparameter(learningRate, "learning rate")
        checkHyperparameter(alpha, "alpha", in: 0...1)
        checkHyperparameter(momentum, "momentum")
        self.parameters = parameters
        self.learningRate = learningRate
        self.alpha = alpha
        self.epsilon = epsilon
        self.weightDecay = weightDecay
        self.momentum = momentum
        self.centered = centered
        averages = StateSlots.make(for: parameters, slots: 3)
    }

    public func step() {
        steps += 1
        let learningRate = learningRate, alpha = alpha, epsilon = epsilon
        let weightDecay = weightDecay, momentum = momentum, centered = centered
        for (parameter, state) in zip(parameters, averages) {
            parameter.update { w, gradient, count in
                let square = state[0], buffer = state[1], mean = state[2]
                for i in 0..<count {
                    let g = gradient[i] + weightDecay * w[i]
                    square[i] = alpha * square[i] + (1 - alpha) * g * g
                    var variance = square[i]
                    if centered {
                        mean[i] = alpha * mean[i] + (1 - alpha) * g
                        variance -= mean[i] * mean[i]
                    }
                    let denominator = variance.squareRoot() + epsilon
                    if momentum > 0 {
                        buffer[i] = momentum * buffer[i] + g / denominator
                        w[i] -= learningRate * buffer[i]
                    } else {
                        w[i] -= learningRate * g / denominator
                    }
                }
            }
        }
    }
}

/// AdaDelta (`torch.optim.Adadelta`): scales each step by the ratio of the RMS of past
/// updates to the RMS of past gradients, so the step has the units of the weights and
/// the default learning rate is 1.
///
///     s ← ρ·s + (1 − ρ)·g²,  Δ ← √(u + ε)/√(s + ε) · g,  u ← ρ·u + (1 − ρ)·Δ²,  w ← w − lr·Δ
public final class Adadelta: Optimizer {
    public let parameters: [Parameter]
    public var learningRate: Float
    public let rho: Float
    public let epsilon: Float
    public let weightDecay: Float
    public private(set) var steps = 0
    /// Slots: square average of gradients, square average of updates.
    private let averages: [StateSlots]

    public init(_ parameters: [Parameter], learningRate: Float = 1, rho: Float = 0.9,
                epsilon: Float = 1e-6, weightDecay: Float = 0) {
        checkHyperparameter(learningRate, "learning rate")
        checkHyperparameter(rho, "rho", in: 0...1)
        self.parameters = parameters
        self.learningRate = learningRate
        self.rho = rho
        self.epsilon = epsilon
        self.weightDecay = weightDecay
        averages = StateSlots.make(for: parameters, slots: 2)
    }

    public func step() {
        steps += 1
        let learningRate = learningRate, rho = rho, epsilon = epsilon, weightDecay = weightDecay
        for (parameter, state) in zip(parameters, averages) {
            parameter.update { w, gradient, count in
                let square = state[0], updates = state[1]
                for i in 0..<count {
                    let g = gradient[i] + weightDecay * w[i]
                    square[i] = rho * square[i] + (1 - rho) * g * g
                    let delta = (updates[i] + epsilon).squareRoot() / (square[i] + epsilon).squareRoot() * g
                    updates[i] = rho * updates[i] + (1 - rho) * delta * delta
                    w[i] -= learningRate * delta
                }
            }
        }
    }
}
