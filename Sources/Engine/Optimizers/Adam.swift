import Foundation

/// Adam, as `torch.optim.Adam` (and AdamW with decoupled weight decay):
///
///     g ← ∇ + wd·w                         (AdamW instead: w ← w·(1 − lr·wd))
///     m ← β₁·m + (1 − β₁)·g,   v ← β₂·v + (1 − β₂)·g²
///     w ← w − lr/(1 − β₁ᵗ) · m / (√v/√(1 − β₂ᵗ) + ε)
///
/// With `biasCorrection` off the step is lr · m / (√v + ε). The moments start at zero, so
/// early on m is (1 − β₁ᵗ) and √v is √(1 − β₂ᵗ) of their true scale; with the defaults the
/// second shrinks faster, so uncorrected early steps are too *large* (lesson-adam measures
/// how much).
public class Adam: Optimizer {
    public let beta1: Float
    public let beta2: Float
    public let epsilon: Float
    public let weightDecay: Float
    public let decoupledWeightDecay: Bool
    public let amsgrad: Bool
    public let biasCorrection: Bool
    /// Per-step scalars, set by `prepareStep`.
    private var correction1: Float = 1, rootCorrection2: Float = 1

    /// `torch.optim.Adam`'s defaults, which AdamW shares (all but its weight decay).
    public enum Defaults {
        public static let learningRate: Float = 1e-3
        public static let beta1: Float = 0.9
        public static let beta2: Float = 0.999
        public static let epsilon: Float = 1e-8
    }

    /// `parameters`: a list of parameters, or of groups with their own rate or weight decay.
    public init<Element: OptimizerParameters>(
        _ parameters: [Element], learningRate: Float = Defaults.learningRate,
        beta1: Float = Defaults.beta1, beta2: Float = Defaults.beta2,
        epsilon: Float = Defaults.epsilon, weightDecay: Float = 0,
        decoupledWeightDecay: Bool = false, amsgrad: Bool = false,
        biasCorrection: Bool = true
    ) {
        Hyperparameter.check(beta1, "beta1", in: 0...0.999_999_9)
        Hyperparameter.check(beta2, "beta2", in: 0...0.999_999_9)
        Hyperparameter.check(epsilon, "epsilon")
        Hyperparameter.check(weightDecay, "weight decay")
        self.beta1 = beta1
        self.beta2 = beta2
        self.epsilon = epsilon
        self.weightDecay = weightDecay
        self.decoupledWeightDecay = decoupledWeightDecay
        self.amsgrad = amsgrad
        self.biasCorrection = biasCorrection
        super.init(parameters, learningRate: learningRate)
    }

    /// The moments m and v, and (amsgrad only) the running maximum of v.
    enum Slot: Int { case firstMoment, secondMoment, largestSecondMoment }
    public override var slotsPerParameter: Int { amsgrad ? 3 : 2 }

    /// The current first and second moment estimates m and v of one parameter (by its
    /// position in `parameters`), for lessons that look inside Adam.
    public func moments(of index: Int) -> (first: [Float], second: [Float]) {
        guard let state = state(of: index) else {
            let zeros = [Float](repeating: 0, count: parameters[index].count)
            return (zeros, zeros)
        }
        return (Array(state[Slot.firstMoment]), Array(state[Slot.secondMoment]))
    }

    /// The factors 1 − β₁ᵗ and 1 − β₂ᵗ the moments are divided by at step t.
    public func biasCorrections(step t: Int) -> (first: Float, second: Float) {
        guard biasCorrection else { return (1, 1) }
        return (
            Float(1 - pow(Hyperparameter.decimal(beta1), Double(t))),
            Float(1 - pow(Hyperparameter.decimal(beta2), Double(t)))
        )
    }

    public override func prepareStep() {
        let (correction1, correction2) = biasCorrections(step: steps)
        self.correction1 = correction1
        rootCorrection2 = correction2.squareRoot()
    }

    public override func update(
        _ w: UnsafeMutableBufferPointer<Float>, gradient g: UnsafeBufferPointer<Float>,
        state: OptimizerState, group: ParameterGroup
    ) {
        let weightDecay = group.weightDecay ?? weightDecay, rate = learningRate(for: group)
        let stepSize = rate / correction1
        let decay = decoupledWeightDecay ? 1 - rate * weightDecay : 1
        let coupledDecay = decoupledWeightDecay ? 0 : weightDecay
        let (keep1, new1) = (beta1, Float(1 - Hyperparameter.decimal(beta1))),
            (keep2, new2) = (beta2, Float(1 - Hyperparameter.decimal(beta2)))
        // For each weight: w ← w·decay; d = g + coupledDecay·w; m ← keep1·m + new1·d;
        // v ← keep2·v + new2·d·d; (AMSGrad: v̂ ← max(v̂, v) in place of v below)
        // w ← w − stepSize·m/(√v/rootCorrection2 + ε).
        Kernels.adam(
            w, gradient: g, m: state[Slot.firstMoment], v: state[Slot.secondMoment],
            largest: amsgrad ? state[Slot.largestSecondMoment] : nil, decay: decay, coupledDecay: coupledDecay,
            keep1: keep1, new1: new1, keep2: keep2, new2: new2, stepSize: stepSize, rootCorrection2: rootCorrection2,
            epsilon: epsilon)
    }
}

/// Adam with decoupled weight decay (`torch.optim.AdamW`, default weight decay 0.01): the
/// decay shrinks the weights directly instead of passing through the adaptive scaling.
public final class AdamW: Adam {
    public init<Element: OptimizerParameters>(
        _ parameters: [Element], learningRate: Float = Defaults.learningRate,
        beta1: Float = Defaults.beta1, beta2: Float = Defaults.beta2,
        epsilon: Float = Defaults.epsilon, weightDecay: Float = 0.01,
        amsgrad: Bool = false
    ) {
        super.init(
            parameters, learningRate: learningRate, beta1: beta1, beta2: beta2,
            epsilon: epsilon, weightDecay: weightDecay, decoupledWeightDecay: true,
            amsgrad: amsgrad)
    }
}

/// Adam with Nesterov momentum (`torch.optim.NAdam`): the momentum coefficient
/// μₜ = β₁·(1 − ½·0.96^(t·ψ)) warms up with t, and the step mixes the current gradient and
/// the look-ahead momentum:
///
///     w ← w − lr·(1 − μₜ)/(1 − Πμ₁..ₜ) · g/d − lr·μₜ₊₁/(1 − Πμ₁..ₜ₊₁) · m/d,  d = √(v/(1 − β₂ᵗ)) + ε
public final class NAdam: Optimizer {
    public let beta1: Float
    public let beta2: Float
    public let epsilon: Float
    public let weightDecay: Float
    public let momentumDecay: Float
    private var muProduct: Double = 1
    /// Per-step scalars, set by `prepareStep`: the step scales are the learning rate times
    /// (1 − μₜ)/(1 − Πμ₁..ₜ) and μₜ₊₁/(1 − Πμ₁..ₜ₊₁).
    private var correction2: Float = 1, mu: Double = 0, muNext: Double = 0, muProductNext: Double = 1

    /// `parameters`: a list of parameters, or of groups with their own rate or weight decay.
    public init<Element: OptimizerParameters>(
        _ parameters: [Element], learningRate: Float = 2e-3, beta1: Float = 0.9,
        beta2: Float = 0.999, epsilon: Float = 1e-8, weightDecay: Float = 0,
        momentumDecay: Float = 4e-3
    ) {
        Hyperparameter.check(beta1, "beta1", in: 0...0.999_999_9)
        Hyperparameter.check(beta2, "beta2", in: 0...0.999_999_9)
        Hyperparameter.check(epsilon, "epsilon")
        Hyperparameter.check(weightDecay, "weight decay")
        Hyperparameter.check(momentumDecay, "momentum decay")
        self.beta1 = beta1
        self.beta2 = beta2
        self.epsilon = epsilon
        self.weightDecay = weightDecay
        self.momentumDecay = momentumDecay
        super.init(parameters, learningRate: learningRate)
    }

    enum Slot: Int { case firstMoment, secondMoment }
    public override var slotsPerParameter: Int { 2 }

    public override func prepareStep() {
        let t = Double(steps), psi = Hyperparameter.decimal(momentumDecay), beta1 = Hyperparameter.decimal(beta1)
        correction2 = Float(1 - pow(Hyperparameter.decimal(beta2), t))
        mu = beta1 * (1 - 0.5 * pow(0.96, t * psi))
        muNext = beta1 * (1 - 0.5 * pow(0.96, (t + 1) * psi))
        muProduct *= mu
        muProductNext = muProduct * muNext
    }

    public override func update(
        _ w: UnsafeMutableBufferPointer<Float>, gradient g: UnsafeBufferPointer<Float>,
        state: OptimizerState, group: ParameterGroup
    ) {
        let weightDecay = group.weightDecay ?? weightDecay, rate = Double(learningRate(for: group))
        let gradientScale = Float(rate * (1 - mu) / (1 - muProduct))
        let momentumScale = Float(rate * muNext / (1 - muProductNext))
        let (keep1, new1) = (beta1, Float(1 - Hyperparameter.decimal(beta1))),
            (keep2, new2) = (beta2, Float(1 - Hyperparameter.decimal(beta2)))
        // For each weight: d = g + weightDecay·w; m and v as Adam's; q = √(v/correction2) + ε;
        // w ← w − (gradientScale·d/q + momentumScale·m/q).
        Kernels.nadam(
            w, gradient: g, m: state[Slot.firstMoment], v: state[Slot.secondMoment], weightDecay: weightDecay,
            keep1: keep1, new1: new1, keep2: keep2, new2: new2, correction2: correction2, epsilon: epsilon,
            gradientScale: gradientScale, momentumScale: momentumScale)
    }
}
