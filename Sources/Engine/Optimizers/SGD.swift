/// Stochastic gradient descent with optional (Nesterov) momentum, as `torch.optim.SGD`:
///
///     g ← ∇ + wd·w
///     b ← g at the first step, else μ·b + (1 − dampening)·g
///     g ← g + μ·b (Nesterov) or b (classical)
///     w ← w − lr·g
///
/// The lecture writes momentum as v = α·v + η·∇, w = w − v; with a constant learning rate
/// that is this update with v = lr·b, and its Nesterov look-ahead ∇L(w − α·v) is what the
/// `g + μ·b` form computes after a change of variables (see lesson-momentum).
public final class SGD: Optimizer {
    public let parameters: [Parameter]
    public var learningRate: Float
    public let momentum: Float
    public let dampening: Float
    public let nesterov: Bool
    public let weightDecay: Float
    public private(set) var steps = 0
    private let momentumBuffers: [StateSlots]

    public init(_ parameters: [Parameter], learningRate: Float, momentum: Float = 0,
                dampening: Float = 0, nesterov: Bool = false, weightDecay: Float = 0) {
        checkHyperparameter(learningRate, "learning rate")
        checkHyperparameter(momentum, "momentum")
        checkHyperparameter(weightDecay, "weight decay")
        precondition(!nesterov || (momentum > 0 && dampening == 0),
                     "Nesterov momentum requires a momentum and zero dampening")
        self.parameters = parameters
        self.learningRate = learningRate
        self.momentum = momentum
        self.dampening = dampening
        self.nesterov = nesterov
        self.weightDecay = weightDecay
        momentumBuffers = StateSlots.make(for: parameters, slots: momentum == 0 ? 0 : 1)
    }

    public func step() {
        steps += 1
        let first = steps == 1
        // Hyperparameters copied to locals: reading a class's properties inside the loop
        // costs a dynamic exclusivity check per element in debug builds.
        let learningRate = learningRate, momentum = momentum, dampening = dampening
        let nesterov = nesterov, weightDecay = weightDecay
        for (parameter, state) in zip(parameters, momentumBuffers) {
            parameter.update { w, gradient, count in
                guard momentum != 0 else {
                    // Plain SGD: a branch-free loop the compiler vectorizes.
                    for i in 0..<count { w[i] -= learningRate * (gradient[i] + weightDecay * w[i]) }
                    return
                }
                let buffer = state[0]
                for i in 0..<count {
                    var g = gradient[i] + weightDecay * w[i]
                    buffer[i] = first ? g : momentum * buffer[i] + (1 - dampening) * g
                    g = nesterov ? g + momentum * buffer[i] : buffer[i]
                    w[i] -= learningRate * g
                }
            }
        }
    }
}
