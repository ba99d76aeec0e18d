/// Stochastic gradient descent with optional (Nesterov) momentum, as `torch.optim.SGD`:
///
///     g ← ∇ + wd·w
///     b ← g at the first step, else μ·b + (1 − dampening)·g
///     g ← g + μ·b (Nesterov) or b (classical)
///     w ← w − lr·g
///
/// The lecture writes momentum as v = α·v + η·∇, w = w − v; with a constant learning rate
/// that is this update with v = lr·b, and its Nesterov look-ahead ∇L(w − α·v) is what the
/// `g + μ·b` form computes after a change of variables (`LectureMomentum` has the
/// lecture's own form).
public final class SGD: Optimizer {
    public let momentum: Float
    public let dampening: Float
    public let nesterov: Bool
    public let weightDecay: Float

    /// `parameters`: a list of parameters, or of groups with their own rate or weight decay.
    public init<Element: OptimizerParameters>(
        _ parameters: [Element], learningRate: Float, momentum: Float = 0,
        dampening: Float = 0, nesterov: Bool = false, weightDecay: Float = 0
    ) {
        Hyperparameter.check(momentum, "momentum")
        Hyperparameter.check(dampening, "dampening", in: 0...1)
        Hyperparameter.check(weightDecay, "weight decay")
        precondition(
            !nesterov || (momentum > 0 && dampening == 0),
            "Nesterov momentum requires a momentum and zero dampening")
        self.momentum = momentum
        self.dampening = dampening
        self.nesterov = nesterov
        self.weightDecay = weightDecay
        super.init(parameters, learningRate: learningRate)
    }

    enum Slot: Int { case momentumBuffer }
    public override var slotsPerParameter: Int { momentum == 0 ? 0 : 1 }

    public override func update(
        _ w: UnsafeMutableBufferPointer<Float>, gradient g: UnsafeBufferPointer<Float>,
        state: OptimizerState, group: ParameterGroup
    ) {
        let weightDecay = group.weightDecay ?? weightDecay, rate = learningRate(for: group), momentum = momentum
        guard momentum != 0 else {
            // Plain SGD, w ← w − rate·(g + wd·w), in CKernels: vectorized for this CPU.
            Kernels.sgd(w, gradient: g, rate: rate, weightDecay: weightDecay)
            return
        }
        let first = steps == 1, keep = Float(1 - Hyperparameter.decimal(dampening))
        let b = state[Slot.momentumBuffer]
        Kernels.sgdWithMomentum(
            w, gradient: g, buffer: b, rate: rate, weightDecay: weightDecay, momentum: momentum, keep: keep,
            first: first, nesterov: nesterov)
    }
}

/// The lecture's momentum, as written there rather than as PyTorch does it:
///
///     v ← α·v + η·∇L(w),   w ← w − v
///
/// and with `nesterov`, the gradient taken at the look-ahead point w − α·v. The look-ahead
/// needs a second gradient evaluation, so this optimizer asks for it: `lookAhead()` moves
/// the weights to w − α·v before the forward/backward pass, and `step()` moves them back
/// and applies the update. With a constant η it follows the same path as `SGD(momentum:)`
/// with v = η·b (lesson-momentum measures the difference: float rounding).
public final class LectureMomentum: Optimizer {
    public let alpha: Float
    public let nesterov: Bool

    public init<Element: OptimizerParameters>(
        _ parameters: [Element], learningRate: Float, alpha: Float, nesterov: Bool = false
    ) {
        Hyperparameter.check(alpha, "alpha", in: 0...1)
        self.alpha = alpha
        self.nesterov = nesterov
        super.init(parameters, learningRate: learningRate)
    }

    enum Slot: Int { case velocity }
    public override var slotsPerParameter: Int { 1 }
    private var lookedAhead = false

    /// Nesterov only: shifts every weight to w − α·v, where the next gradient is taken (once:
    /// a second call before `step()` changes nothing).
    public func lookAhead() {
        guard nesterov, !lookedAhead else { return }
        shift(by: -alpha)
        lookedAhead = true
    }

    public override func prepareStep() {
        if lookedAhead { shift(by: alpha) }
        lookedAhead = false
    }

    public override func update(
        _ w: UnsafeMutableBufferPointer<Float>, gradient g: UnsafeBufferPointer<Float>,
        state: OptimizerState, group: ParameterGroup
    ) {
        let v = state[Slot.velocity], rate = learningRate(for: group)
        for i in w.indices {
            v[i] = alpha * v[i] + rate * g[i]
            w[i] -= v[i]
        }
    }

    private func shift(by factor: Float) {
        for (parameter, state) in zip(parameters, allStates) {
            let v = state[Slot.velocity]
            parameter.value.values.withUnsafeMutableBufferPointer { w in
                for i in w.indices { w[i] += factor * v[i] }
            }
        }
    }
}
