import Engine
import Foundation

/// The signal in a wide network at initialization, predicted layer by layer (the mean-field
/// picture of Poole et al. 2016 and Schoenholz et al. 2017). With zero biases and weights of
/// variance g²/n (n inputs per unit), a unit's pre-activation z is a sum of n small terms,
/// close to N(0, q), and the next layer's q is g²·E[f(z)²]. The gradient passes a layer
/// multiplied by g·√E[f′(z)²]. The expectations are integrals over N(0, q); the lessons
/// use them to put a prediction beside each measurement.
public struct MeanField: Sendable {
    public let activation: Activation

    public init(_ activation: Activation) { self.activation = activation }

    public func value(_ z: Double) -> Double {
        switch activation {
        case .sigmoid: 1 / (1 + exp(-z))
        case .tanh: Foundation.tanh(z)
        case .relu: max(z, 0)
        }
    }

    public func derivative(_ z: Double) -> Double {
        switch activation {
        case .sigmoid: value(z) * (1 - value(z))
        case .tanh: 1 - Foundation.tanh(z) * Foundation.tanh(z)
        case .relu: z > 0 ? 1 : 0
        }
    }

    /// The next layer's pre-activation variance, for weights of variance `gainSquared`/n.
    public func nextVariance(_ q: Double, gainSquared: Double) -> Double {
        gainSquared * Self.gaussianMean(variance: q) { value($0) * value($0) }
    }

    /// The standard deviation of f(z) for z ~ N(0, q): what a layer's activation std measures.
    public func activationStd(variance q: Double) -> Double {
        let mean = Self.gaussianMean(variance: q, value)
        return max(Self.gaussianMean(variance: q) { value($0) * value($0) } - mean * mean, 0).squareRoot()
    }

    /// The factor by which the gradient changes from one layer to the one below, once q has
    /// settled at its fixed point (iterated from q = 1).
    public func gradientFactor(gainSquared: Double) -> Double {
        var q = 1.0
        for _ in 0..<100 { q = nextVariance(q, gainSquared: gainSquared) }
        return (gainSquared * Self.gaussianMean(variance: q) { derivative($0) * derivative($0) }).squareRoot()
    }

    /// E[g(z)] for z ~ N(0, variance), by the midpoint rule over ±8 standard deviations.
    public static func gaussianMean(variance: Double, _ g: (Double) -> Double) -> Double {
        let std = variance.squareRoot(), points = 4000
        guard std > 0 else { return g(0) }
        let step = 16.0 / Double(points)
        return (0..<points).reduce(0) { sum, index in
            let u = -8 + (Double(index) + 0.5) * step
            return sum + g(u * std) * exp(-u * u / 2) * step
        } / (2 * Double.pi).squareRoot()
    }
}
