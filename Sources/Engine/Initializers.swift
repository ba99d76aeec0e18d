import Foundation

/// How to draw a weight matrix, as in `torch.nn.init`.
///
/// Variance-preserving schemes scale with the layer's fans: Xavier/Glorot
/// Var(W) = gain²·2/(fan_in+fan_out), He/Kaiming Var(W) = gain²/fan (fan_in by default).
/// A uniform U(−a, a) has variance a²/3, hence the √3 in the uniform bounds.
public enum Initializer: Sendable, Equatable {
    case zeros
    case constant(Float)
    case uniform(low: Float, high: Float)
    case normal(mean: Float, std: Float)
    case xavierUniform(gain: Float = 1)
    case xavierNormal(gain: Float = 1)
    case kaimingUniform(nonlinearity: Nonlinearity = .leakyReLU(slope: 0), mode: FanMode = .fanIn)
    case kaimingNormal(nonlinearity: Nonlinearity = .leakyReLU(slope: 0), mode: FanMode = .fanIn)
    /// PyTorch's `nn.Linear` default: kaiming_uniform with a = √5, i.e. U(±1/√fan_in),
    /// and the same bound for the bias.
    case pytorchDefault

    public enum FanMode: Sendable, Equatable { case fanIn, fanOut }

    /// The activation a layer feeds, which sets the gain (`torch.nn.init.calculate_gain`).
    public enum Nonlinearity: Sendable, Equatable {
        case linear, sigmoid, tanh, relu
        case leakyReLU(slope: Float)

        public var gain: Float {
            switch self {
            case .linear, .sigmoid: 1
            case .tanh: 5.0 / 3.0
            case .relu: Float(2).squareRoot()
            case .leakyReLU(let slope): (2 / (1 + slope * slope)).squareRoot()
            }
        }
    }

    /// The standard deviation the initializer aims for, or nil when it is not defined by
    /// one (constants).
    public func standardDeviation(fanIn: Int, fanOut: Int) -> Float? {
        switch self {
        case .zeros, .constant: return nil
        case .uniform(let low, let high): return (high - low) / Float(12).squareRoot()
        case .normal(_, let std): return std
        case .xavierUniform(let gain), .xavierNormal(let gain):
            return gain * (2 / Float(fanIn + fanOut)).squareRoot()
        case .kaimingUniform(let nonlinearity, let mode), .kaimingNormal(let nonlinearity, let mode):
            let fan = mode == .fanIn ? fanIn : fanOut
            return nonlinearity.gain / Float(fan).squareRoot()
        case .pytorchDefault:
            return 1 / (Float(fanIn).squareRoot() * Float(3).squareRoot())
        }
    }

    public func matrix(rows: Int, cols: Int, fanIn: Int, fanOut: Int, random: Random) -> Matrix {
        switch self {
        case .zeros:
            return Matrix(rows: rows, cols: cols)
        case .constant(let value):
            return Matrix(rows: rows, cols: cols, repeating: value)
        case .uniform(let low, let high):
            return random.uniformMatrix(rows: rows, cols: cols, low, high)
        case .normal(let mean, let std):
            return random.normalMatrix(rows: rows, cols: cols, mean: mean, std: std)
        case .xavierNormal, .kaimingNormal:
            let std = standardDeviation(fanIn: fanIn, fanOut: fanOut)!
            return random.normalMatrix(rows: rows, cols: cols, std: std)
        case .xavierUniform, .kaimingUniform, .pytorchDefault:
            let bound = Float(3).squareRoot() * standardDeviation(fanIn: fanIn, fanOut: fanOut)!
            return random.uniformMatrix(rows: rows, cols: cols, -bound, bound)
        }
    }
}
