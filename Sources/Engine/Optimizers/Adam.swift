import Foundation

/// Adam, as `torch.optim.Adam` (and AdamW with decoupled weight decay):
///
///     g ← ∇ + wd·w                         (AdamW instead: w ← w·(1 − lr·wd))
///     m ← β₁·m + (1 − β₁)·g,   v ← β₂·v + (1 − β₂)·g²
///     w ← w − lr/(1 − β₁ᵗ) · m / (√v/√(1 − β₂ᵗ) + ε)
///
/// With `biasCorrection` off the step is lr · m / (√v + ε): the moments start at zero, so
/// early steps are far too small (m is (1 − β₁ᵗ) of its true scale), which lesson-adam shows.
public class Adam: Optimizer {
    public let parameters: [Parameter]
    public var learningRate: Float
    public let beta1: Float
    public let beta2: Float
    public let epsilon: Float
    public let weightDecay: Float
    public let decoupledWeightDecay: Bool
    public let amsgrad: Bool
    public let biasCorrection: Bool
    public private(set) var steps = 0
    /// Slots: first moment m, second moment v, and (amsgrad) the running maximum of v.
    private let moments: [StateSlots]

    public init(_ parameters: [Parameter], learningRate: Float = 1e-3, beta1: Float = 0.9,
                beta2: Float = 0.999, epsilon: Float = 1e-8, weightDecay: Float = 0,
                decoupledWeightDecay: Bool = false, amsgrad: Bool = false,
                biasCorrection: Bool = true) {
        checkHyperparameter(learningRate, "learning rate")
        checkHyperparameter(beta1, "beta1", in: 0...0.999_999_9)
        checkHyperparameter(beta2, "beta2", in: 0...0.999_999_9)
        checkHyperparameter(epsilon, "epsilon")
        checkHyperparameter(weightDecay, "weight decay")
        self.parameters = parameters
        self.learningRate = learningRate
        self.beta1 = beta1
        self.beta2 = beta2
        self.epsilon = epsilon
        self.weightDecay = weightDecay
        self.decoupledWeightDecay = decoupledWeightDecay
        self.amsgrad = amsgrad
        self.biasCorrection = biasCorrection
        moments = StateSlots.make(for: parameters, slots: amsgrad ? 3 : 2)
    }

    /// The current first and second moment estimates m and v of one parameter (by its
    /// position in `parameters`), for lessons that look inside Adam.
    public func moments(of index: Int) -> (first: [Float], second: [Float]) {
        let state = moments[index]
        return (Array(UnsafeBufferPointer(start: state[0], count: state.count)),
                Array(UnsafeBufferPointer(start: state[1], count: state.count)))
    }

    /// The factors 1 − β₁ᵗ and 1 − β₂ᵗ the moments are divided by at step t.
    public func biasCorrections(step t: Int) -> (first: Float, second: Float) {
        guard biasCorrection else { return (1, 1) }
        return (1 - Float(pow(Double(beta1), Double(t))), 1 - Float(pow(Double(beta2), Double(t))))
    }

    public func step() {
        steps += 1
        let (correction1, correction2) = biasCorrections(step: steps)
        let stepSize = learningRate / correction1
        let rootCorrection2 = correction2.squareRoot()
        let decay = decoupledWeightDecay ? 1 - learningRate * weightDecay : 1
        let coupledDecay = decoupledWeightDecay ? 0 : weightDecay
        let beta1 = beta1, beta2 = beta2, epsilon = epsilon, amsgrad = amsgrad
        for (parameter, state) in zip(parameters, moments) {
            parameter.update { w, gradient, count in
                let m = state[0], v = state[1]
                for i in 0..<count {
                    w[i] *= decay
                    let g = gradient[i] + coupledDecay * w[i]
                    m[i] = beta1 * m[i] + (1 - beta1) * g
                    v[i] = beta2 * v[i] + (1 - beta2) * g * g
                    var second = v[i]
                    if amsgrad {
                        state[2][i] = max(state[2][i], v[i])
                        second = state[2][i]
                    }
                    w[i] -= stepSize * m[i] / (second.squareRoot() / rootCorrection2 + epsilon)
                }
            }
        }
    }
}

/// Adam with decoupled weight decay (`torch.optim.AdamW`, default weight decay 0.01): the
/// decay shrinks the weights directly instead of passing through the adaptive scaling.
public final class AdamW: Adam {
    public init(_ parameters: [Parameter], learningRate: Float = 1e-3, beta1: Float = 0.9,
                beta2: Float = 0.999, epsilon: Float = 1e-8, weightDecay: Float = 0.01,
                amsgrad: Bool = false) {
        super.init(parameters, learningRate: learningRate, beta1: beta1, beta2: beta2,
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
    public let parameters: [Parameter]
    public var learningRate: Float
    public let beta1: Float
    public let beta2: Float
    public let epsilon: Float
    public let weightDecay: Float
    public let momentumDecay: Float
    public private(set) var steps = 0
    private var muProduct: Double = 1
    private let moments: [StateSlots]

    public init(_ parameters: [Parameter], learningRate: Float = 2e-3, beta1: Float = 0.9,
                beta2: Float = 0.999, epsilon: Float = 1e-8, weightDecay: Float = 0,
                momentumDecay: Float = 4e-3) {
        checkHyperparameter(learningRate, "learning rate")
        checkHyperparameter(momentumDecay, "momentum decay")
        self.parameters = parameters
        self.learningRate = learningRate
        self.beta1 = beta1
        self.beta2 = beta2
        self.epsilon = epsilon
        self.weightDecay = weightDecay
        self.momentumDecay = momentumDecay
        moments = StateSlots.make(for: parameters, slots: 2)
    }

    public func step() {
        steps += 1
        let t = Double(steps)
        let correction2 = Float(1 - pow(Double(beta2), t))
        let mu = Double(beta1) * (1 - 0.5 * pow(0.96, t * Double(momentumDecay)))
        let muNext = Double(beta1) * (1 - 0.5 * pow(0.96, (t + 1) * Double(momentumDecay)))
        muProduct *= mu
        let gradientScale = Float(Double(learningRate) * (1 - mu) / (1 - muProduct))
        let momentumScale = Float(Double(learningRate) * muNext / (1 - muProduct * muNext))
        let beta1 = beta1, beta2 = beta2, epsilon = epsilon, weightDecay = weightDecay
        for (parameter, state) in zip(parameters, moments) {
            parameter.update { w, gradient, count in
                let m = state[0], v = state[1]
                for i in 0..<count {
                    let g = gradient[i] + weightDecay * w[i]
                    m[i] = beta1 * m[i] + (1 - beta1) * g
                    v[i] = beta2 * v[i] + (1 - beta2) * g * g
                    let denominator = (v[i] / correction2).squareRoot() + epsilon
                    w[i] -= gradientScale * g / denominator + momentumScale * m[i] / denominator
                }
            }
        }
    }
}
