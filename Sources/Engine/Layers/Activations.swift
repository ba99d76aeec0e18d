import Foundation

/// max(0, x). Its gradient passes where the input was positive, which is where the output
/// is: keeping the output lets `Linear.forward(_:followedBy:)` write it over the product.
public final class ReLU: Module, Layer {
    var output = Matrix(rows: 0, cols: 0)

    public func forward(_ input: Matrix) -> Matrix {
        output = Kernels.relu(input)
        return output
    }

    public func backward(_ outputGradient: Matrix) -> Matrix {
        Kernels.reluBackward(outputGradient, output: output)
    }
}

/// σ(x) = 1/(1+e⁻ˣ); σ′ = σ(1−σ) ≤ 1/4, the root of the vanishing gradient.
public final class Sigmoid: Module, Layer {
    private var output = Matrix(rows: 0, cols: 0)

    public static func sigmoid(_ x: Float) -> Float {
        // Two branches keep exp from overflowing for large |x|.
        x >= 0 ? 1 / (1 + expf(-x)) : expf(x) / (1 + expf(x))
    }

    public func forward(_ input: Matrix) -> Matrix {
        output = input.map(Sigmoid.sigmoid)
        return output
    }

    public func backward(_ outputGradient: Matrix) -> Matrix {
        outputGradient.zip(output) { g, s in g * s * (1 - s) }
    }
}

/// tanh(x); tanh′ = 1 − tanh² ≤ 1.
public final class Tanh: Module, Layer {
    private var output = Matrix(rows: 0, cols: 0)

    public func forward(_ input: Matrix) -> Matrix {
        output = input.map { tanhf($0) }
        return output
    }

    public func backward(_ outputGradient: Matrix) -> Matrix {
        outputGradient.zip(output) { g, t in g * (1 - t * t) }
    }
}

/// max(0, x) + slope·min(0, x) (`torch.nn.LeakyReLU`, slope 0.01): negative inputs keep a
/// small gradient, so a unit pushed below zero can recover. `Initializer` has the matching
/// gain √(2/(1 + slope²)).
public final class LeakyReLU: Module, Layer {
    public let negativeSlope: Float
    private var input = Matrix(rows: 0, cols: 0)
    public init(negativeSlope: Float = 0.01) { self.negativeSlope = negativeSlope }
    public override var description: String { "LeakyReLU(\(negativeSlope))" }

    public func forward(_ input: Matrix) -> Matrix {
        self.input = input
        let slope = negativeSlope
        return input.map { $0 > 0 ? $0 : slope * $0 }
    }

    public func backward(_ outputGradient: Matrix) -> Matrix {
        let slope = negativeSlope
        return outputGradient.zip(input) { g, x in x > 0 ? g : slope * g }
    }
}

/// x·Φ(x), Φ the standard normal distribution function (`torch.nn.GELU`, exact form):
/// a smooth ReLU whose gradient is Φ(x) + x·φ(x).
public final class GELU: Module, Layer {
    private var input = Matrix(rows: 0, cols: 0)

    static func cdf(_ x: Float) -> Float { 0.5 * (1 + erff(x / Float(2).squareRoot())) }
    static func density(_ x: Float) -> Float { expf(-0.5 * x * x) / (2 * Float.pi).squareRoot() }

    public func forward(_ input: Matrix) -> Matrix {
        self.input = input
        return input.map { $0 * GELU.cdf($0) }
    }

    public func backward(_ outputGradient: Matrix) -> Matrix {
        outputGradient.zip(input) { g, x in g * (GELU.cdf(x) + x * GELU.density(x)) }
    }
}
