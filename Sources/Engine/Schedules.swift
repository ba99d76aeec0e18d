import Foundation

/// A learning rate as a function of the epoch (or step) t = 0, 1, 2, …
///
/// A schedule sets the optimizer's `learningRate`. Parameter groups with a rate of their own
/// follow it in proportion, as with PyTorch's schedulers: at a schedule value of r, a group
/// made with rate g over an optimizer made with rate r₀ steps at g·r/r₀
/// (`Optimizer.learningRate(for:)`).
public typealias LearningRateSchedule = @Sendable (Int) -> Float

/// The decay schedules of the lecture, as plain functions of t.
public enum Schedules {
    public static func constant(_ rate: Float) -> LearningRateSchedule { { _ in rate } }

    /// η₀·e^(−k·t)
    public static func exponential(initial: Float, k: Float) -> LearningRateSchedule {
        { t in initial * Float(exp(-Double(k) * Double(t))) }
    }

    /// ηₜ = α·ηₜ₋₁, i.e. η₀·αᵗ (PyTorch's `ExponentialLR(gamma: α)`).
    public static func multiplicative(initial: Float, factor: Float) -> LearningRateSchedule {
        { t in initial * Float(pow(Double(factor), Double(t))) }
    }

    /// η₀/(1 + k·t)
    public static func inverse(initial: Float, k: Float) -> LearningRateSchedule {
        { t in initial / (1 + k * Float(t)) }
    }

    /// η₀·γ^⌊t/size⌋ (PyTorch's `StepLR`).
    public static func step(initial: Float, every size: Int, factor: Float) -> LearningRateSchedule {
        precondition(size > 0, "step size must be positive")
        return { t in initial * Float(pow(Double(factor), Double(t / size))) }
    }
}

/// Reduce-on-plateau (PyTorch's `ReduceLROnPlateau`, mode "min", relative threshold): when
/// the monitored value has not improved on its best by more than `threshold` (relative) for
/// more than `patience` epochs, multiply the rate by `factor`, then wait `cooldown` epochs.
/// It depends on the values seen, so it is an object rather than a function of t.
public final class ReduceOnPlateau {
    public private(set) var learningRate: Float
    public let factor: Float
    public let patience: Int
    public let threshold: Float
    public let cooldown: Int
    public let minimumRate: Float
    /// A reduction smaller than this is skipped, as PyTorch's `eps` (near the minimum rate
    /// the new rate would differ from the old by rounding only).
    public let epsilon: Float
    private var best = Float.infinity
    private var badEpochs = 0
    private var cooldownLeft = 0

    public init(
        initial: Float, factor: Float = 0.1, patience: Int = 10, threshold: Float = 1e-4,
        cooldown: Int = 0, minimumRate: Float = 0, epsilon: Float = 1e-8
    ) {
        precondition(factor > 0 && factor < 1, "factor must be in (0, 1)")
        precondition(patience >= 0 && cooldown >= 0, "patience and cooldown must not be negative")
        learningRate = initial
        self.factor = factor
        self.patience = patience
        self.threshold = threshold
        self.cooldown = cooldown
        self.minimumRate = minimumRate
        self.epsilon = epsilon
    }

    /// Feeds one epoch's value (e.g. validation loss); returns the rate for the next epoch.
    @discardableResult
    public func step(_ value: Float) -> Float {
        if value < best * (1 - threshold) {
            best = value
            badEpochs = 0
        } else {
            badEpochs += 1
        }
        if cooldownLeft > 0 {
            cooldownLeft -= 1
            badEpochs = 0
        }
        if badEpochs > patience {
            let reduced = max(learningRate * factor, minimumRate)
            if learningRate - reduced > epsilon { learningRate = reduced }
            cooldownLeft = cooldown
            badEpochs = 0
        }
        return learningRate
    }
}
