import Foundation

/// max(0, x). Its gradient passes where the input was positive.
public final class ReLU: Layer {
    private var input = Matrix(rows: 0, cols: 0)
    public init() {}
    public var description: String { "ReLU" }

    public func forward(_ input: Matrix) -> Matrix {
        self.input = input
        return input.map { max($0, 0) }
    }

    public func backward(_ outputGradient: Matrix) -> Matrix {
        // A select rather than a branch, so the loop stays vectorizable.
        outputGradient.zip(input) { g, x in x > 0 ? g : 0 }
    }
}

/// σ(x) = 1/(1+e⁻ˣ); σ′ = σ(1−σ) ≤ 1/4, the root of the vanishing gradient.
public final class Sigmoid: Layer {
    private var output = Matrix(rows: 0, cols: 0)
    public init() {}
    public var description: String { "Sigmoid" }

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
public final class Tanh: Layer {
    private var output = Matrix(rows: 0, cols: 0)
    public init() {}
    public var description: String { "Tanh" }

    public func forward(_ input: Matrix) -> Matrix {
        output = input.map { tanhf($0) }
        return output
    }

    public func backward(_ outputGradient: Matrix) -> Matrix {
        outputGradient.zip(output) { g, t in g * (1 - t * t) }
    }
}
