/// AdaGrad (`torch.optim.Adagrad`): each weight's step is divided by the root of the sum of
/// all its squared gradients so far, so the effective learning rate only ever shrinks.
///
///     s ← s + g²,   w ← w − lr/(1 + (t−1)·decay) · g/(√s + ε)
public final class Adagrad: Optimizer {
    public let learningRateDecay: Float
    public let weightDecay: Float
    public let initialAccumulator: Float
    public let epsilon: Float

    /// `parameters`: a list of parameters, or of groups with their own rate or weight decay.
    public init<Element: OptimizerParameters>(
        _ parameters: [Element], learningRate: Float = 1e-2, learningRateDecay: Float = 0,
        weightDecay: Float = 0, initialAccumulator: Float = 0, epsilon: Float = 1e-10
    ) {
        Hyperparameter.check(learningRateDecay, "learning rate decay")
        Hyperparameter.check(weightDecay, "weight decay")
        Hyperparameter.check(initialAccumulator, "initial accumulator value")
        Hyperparameter.check(epsilon, "epsilon")
        self.learningRateDecay = learningRateDecay
        self.weightDecay = weightDecay
        self.initialAccumulator = initialAccumulator
        self.epsilon = epsilon
        super.init(parameters, learningRate: learningRate)
    }

    enum Slot: Int { case squareSum }
    public override var slotsPerParameter: Int { 1 }

    public override func initializeState() {
        for state in allStates { state[Slot.squareSum].update(repeating: initialAccumulator) }
    }

    public override func update(
        _ w: UnsafeMutableBufferPointer<Float>, gradient g: UnsafeBufferPointer<Float>,
        state: OptimizerState, group: ParameterGroup
    ) {
        let weightDecay = group.weightDecay ?? weightDecay
        let rate = learningRate(for: group) / (1 + Float(steps - 1) * learningRateDecay)
        // For each weight: d = g + weightDecay·w; s ← s + d·d; w ← w − rate·d/(√s + ε).
        Kernels.adagrad(
            w, gradient: g, squareSum: state[Slot.squareSum], rate: rate, weightDecay: weightDecay, epsilon: epsilon)
    }
}

/// RMSprop (`torch.optim.RMSprop`): AdaGrad with a leaky average instead of a sum, so old
/// gradients are forgotten.
///
///     s ← α·s + (1 − α)·g²;  centered: ḡ ← α·ḡ + (1 − α)·g, d = √(s − ḡ²) + ε, else d = √s + ε
///     w ← w − lr·g/d,  or with momentum  b ← μ·b + g/d, w ← w − lr·b
public final class RMSprop: Optimizer {
    public let alpha: Float
    public let epsilon: Float
    public let weightDecay: Float
    public let momentum: Float
    public let centered: Bool

    /// `parameters`: a list of parameters, or of groups with their own rate or weight decay.
    public init<Element: OptimizerParameters>(
        _ parameters: [Element], learningRate: Float = 1e-2, alpha: Float = 0.99,
        epsilon: Float = 1e-8, weightDecay: Float = 0, momentum: Float = 0,
        centered: Bool = false
    ) {
        Hyperparameter.check(alpha, "alpha", in: 0...1)
        Hyperparameter.check(epsilon, "epsilon")
        Hyperparameter.check(weightDecay, "weight decay")
        Hyperparameter.check(momentum, "momentum")
        self.alpha = alpha
        self.epsilon = epsilon
        self.weightDecay = weightDecay
        self.momentum = momentum
        self.centered = centered
        super.init(parameters, learningRate: learningRate)
    }

    enum Slot: Int { case squareAverage, momentumBuffer, gradientAverage }
    public override var slotsPerParameter: Int { 3 }

    public override func update(
        _ w: UnsafeMutableBufferPointer<Float>, gradient g: UnsafeBufferPointer<Float>,
        state: OptimizerState, group: ParameterGroup
    ) {
        let weightDecay = group.weightDecay ?? weightDecay, rate = learningRate(for: group)
        let keep = alpha, new = Float(1 - Hyperparameter.decimal(alpha))
        // For each weight: d = g + weightDecay·w; s ← keep·s + new·d·d; centred: ḡ ← keep·ḡ + new·d,
        // q = √(s − ḡ²) + ε, else q = √s + ε; momentum: b ← μ·b + d/q, w ← w − rate·b; else
        // w ← w − rate·d/q.
        Kernels.rmsprop(
            w, gradient: g, square: state[Slot.squareAverage], mean: centered ? state[Slot.gradientAverage] : nil,
            buffer: momentum > 0 ? state[Slot.momentumBuffer] : nil, rate: rate, weightDecay: weightDecay, keep: keep,
            new: new, epsilon: epsilon, momentum: momentum)
    }
}

/// AdaDelta (`torch.optim.Adadelta`): scales each step by the ratio of the RMS of past
/// updates to the RMS of past gradients, so the step has the units of the weights and
/// the default learning rate is 1.
///
///     s ← ρ·s + (1 − ρ)·g²,  Δ ← √(u + ε)/√(s + ε) · g,  u ← ρ·u + (1 − ρ)·Δ²,  w ← w − lr·Δ
public final class Adadelta: Optimizer {
    public let rho: Float
    public let epsilon: Float
    public let weightDecay: Float

    /// `parameters`: a list of parameters, or of groups with their own rate or weight decay.
    public init<Element: OptimizerParameters>(
        _ parameters: [Element], learningRate: Float = 1, rho: Float = 0.9,
        epsilon: Float = 1e-6, weightDecay: Float = 0
    ) {
        Hyperparameter.check(rho, "rho", in: 0...1)
        Hyperparameter.check(epsilon, "epsilon")
        Hyperparameter.check(weightDecay, "weight decay")
        self.rho = rho
        self.epsilon = epsilon
        self.weightDecay = weightDecay
        super.init(parameters, learningRate: learningRate)
    }

    enum Slot: Int { case gradientSquareAverage, updateSquareAverage }
    public override var slotsPerParameter: Int { 2 }

    public override func update(
        _ w: UnsafeMutableBufferPointer<Float>, gradient g: UnsafeBufferPointer<Float>,
        state: OptimizerState, group: ParameterGroup
    ) {
        let weightDecay = group.weightDecay ?? weightDecay, rate = learningRate(for: group)
        let keep = rho, new = Float(1 - Hyperparameter.decimal(rho))
        // For each weight: d = g + weightDecay·w; s ← keep·s + new·d·d; Δ = √(u + ε)/√(s + ε)·d;
        // u ← keep·u + new·Δ·Δ; w ← w − rate·Δ.
        Kernels.adadelta(
            w, gradient: g, square: state[Slot.gradientSquareAverage], updates: state[Slot.updateSquareAverage],
            rate: rate, weightDecay: weightDecay, keep: keep, new: new, epsilon: epsilon)
    }
}
