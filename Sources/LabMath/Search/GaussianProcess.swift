import Engine
import Foundation

/// Gaussian-process regression with a squared-exponential kernel, in Double: the surrogate
/// model of Bayesian optimization. Targets are standardized before fitting, so the signal
/// variance is 1 and the noise variance is a fraction of it. Each input dimension has its
/// own length scale (automatic relevance determination): a dimension the objective hardly
/// depends on gets a long one, so the surrogate can say "only the learning rate matters".
/// `fitted` chooses the length scales and the noise by marginal likelihood: a noisy
/// objective (a trial's accuracy moves by points from seed to seed) gets a smooth surrogate
/// instead of one that interpolates every lucky and unlucky draw.
public struct GaussianProcess {
    public let inputs: [[Double]]
    /// One length scale per input dimension.
    public let lengthScales: [Double]
    public let noiseVariance: Double
    private let targetMean: Double
    /// The standard deviation the targets were divided by.
    public let targetScale: Double
    private let standardizedTargets: [Double]
    private let cholesky: [Double]
    private let alpha: [Double]

    public init(inputs: [[Double]], targets: [Double], lengthScales: [Double], noiseVariance: Double = 1e-4) {
        precondition(!inputs.isEmpty && inputs.count == targets.count, "one target per input")
        precondition(inputs.allSatisfy { $0.count == lengthScales.count }, "one length scale per input dimension")
        self.inputs = inputs
        self.lengthScales = lengthScales
        self.noiseVariance = noiseVariance
        let mean = targets.reduce(0, +) / Double(targets.count)
        let spread = (targets.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(targets.count)).squareRoot()
        targetMean = mean
        targetScale = spread > 1e-12 ? spread : 1
        let y = targets.map { ($0 - mean) / (spread > 1e-12 ? spread : 1) }
        standardizedTargets = y
        let n = inputs.count
        var matrix = [Double](repeating: 0, count: n * n)
        for i in 0..<n {
            for j in 0..<n { matrix[i * n + j] = Self.kernel(inputs[i], inputs[j], lengthScales) }
            matrix[i * n + i] += noiseVariance
        }
        let factor = Cholesky.factor(matrix, size: n)!
        cholesky = factor
        alpha = Cholesky.solve(factor, size: n, y)
    }

    static func kernel(_ a: [Double], _ b: [Double], _ lengthScales: [Double]) -> Double {
        var distance = 0.0
        for d in a.indices {
            let scaled = (a[d] - b[d]) / lengthScales[d]
            distance += scaled * scaled
        }
        return exp(-0.5 * distance)
    }

    /// Posterior mean and standard deviation at a point, in the targets' units.
    public func predict(_ point: [Double]) -> (mean: Double, std: Double) {
        let k = inputs.map { Self.kernel($0, point, lengthScales) }
        let mean = zip(k, alpha).reduce(0) { $0 + $1.0 * $1.1 }
        let v = Cholesky.forward(cholesky, size: inputs.count, k)
        let variance = max(1 - v.reduce(0) { $0 + $1 * $1 }, 1e-12)
        return (targetMean + targetScale * mean, targetScale * variance.squareRoot())
    }

    /// log p(y | inputs) of the standardized targets: how well the length scales and the noise
    /// explain the data.
    public var logMarginalLikelihood: Double {
        let n = inputs.count
        let fit = zip(standardizedTargets, alpha).reduce(0) { $0 + $1.0 * $1.1 }  // yᵀK⁻¹y
        let logDeterminant = (0..<n).reduce(0) { $0 + 2 * log(cholesky[$1 * n + $1]) }
        return -0.5 * fit - 0.5 * logDeterminant - 0.5 * Double(n) * log(2 * Double.pi)
    }

    /// The noise's standard deviation in the targets' units.
    public var noiseStandardDeviation: Double { noiseVariance.squareRoot() * targetScale }

    /// Length scales tried by `fitted`, for each dimension: a log grid from 0.05 to 12.8 (on
    /// the unit cube, the longest makes a dimension all but irrelevant).
    public static let lengthScaleGrid = (0..<17).map { 0.05 * pow(2, Double($0) / 2) }
    /// Noise variances tried by `fitted`, as fractions of the standardized targets' variance.
    public static let noiseVariances = [1e-4, 1e-3, 1e-2, 0.03, 0.1, 0.2, 0.4, 0.7]

    /// The length scales and noise variance of the grids with the highest marginal
    /// likelihood. A full grid over d length scales grows as 17^d, so the search starts from
    /// the best shared length scale and then improves one coordinate at a time (each
    /// dimension's scale, then the noise) until a sweep changes nothing: a local maximum of
    /// the likelihood on the grid. Pass `noiseVariances: [v]` to fix the noise.
    public static func fitted(inputs: [[Double]], targets: [Double], noiseVariances: [Double] = noiseVariances)
        -> GaussianProcess
    {
        let dimensions = inputs[0].count
        func fit(_ scales: [Double], _ noise: Double) -> GaussianProcess {
            GaussianProcess(inputs: inputs, targets: targets, lengthScales: scales, noiseVariance: noise)
        }
        var best = lengthScaleGrid.flatMap { scale in
            noiseVariances.map { fit(Array(repeating: scale, count: dimensions), $0) }
        }.max { $0.logMarginalLikelihood < $1.logMarginalLikelihood }!
        // Each sweep strictly raises the likelihood or ends the loop, and the grid is finite.
        var improved = true
        while improved {
            improved = false
            for dimension in 0..<dimensions {
                for scale in lengthScaleGrid where scale != best.lengthScales[dimension] {
                    var scales = best.lengthScales
                    scales[dimension] = scale
                    let candidate = fit(scales, best.noiseVariance)
                    if candidate.logMarginalLikelihood > best.logMarginalLikelihood + 1e-9 {
                        best = candidate
                        improved = true
                    }
                }
            }
            for noise in noiseVariances where noise != best.noiseVariance {
                let candidate = fit(best.lengthScales, noise)
                if candidate.logMarginalLikelihood > best.logMarginalLikelihood + 1e-9 {
                    best = candidate
                    improved = true
                }
            }
        }
        return best
    }
}

extension GaussianProcess {
    /// Expected improvement over the best value so far (for maximization): how much a point
    /// is expected to beat `best`, counting both a high mean and a large uncertainty.
    public static func expectedImprovement(mean: Double, std: Double, best: Double, exploration: Double = 0.01)
        -> Double
    {
        guard std > 1e-12 else { return max(mean - best - exploration, 0) }
        let z = (mean - best - exploration) / std
        let density = exp(-0.5 * z * z) / (2 * Double.pi).squareRoot()
        let cumulative = 0.5 * erfc(-z / 2.0.squareRoot())
        return (mean - best - exploration) * cumulative + std * density
    }
}
