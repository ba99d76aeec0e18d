import Engine
import Foundation

/// Bayesian optimization for a noisy objective, on the unit cube [0, 1]^d, maximizing.
///
/// The engine's `BayesianOptimization` fits only the length scale and keeps the Gaussian
/// process's noise variance at 10⁻⁴ of the targets' variance (`GaussianProcess.swift:16`), so
/// its surrogate interpolates every trial, the lucky and the unlucky draws alike. Here the
/// noise variance is fitted too, by marginal likelihood over a grid (jointly with the length
/// scale), and the incumbent of expected improvement is the best *posterior mean* at a tried
/// point rather than the best (possibly lucky) observation. A candidate for LessonKit/Engine:
/// `GaussianProcess.fitted(inputs:targets:noiseVariances:)` and a noisy-incumbent option of
/// `BayesianOptimization.suggest`.
enum NoisyBayesianOptimization {
    static let lengthScales = (0..<13).map { 0.05 * pow(2, Double($0) / 2) }   // 0.05 … 3.2
    /// Noise variances as fractions of the standardized targets' variance (1).
    static let noiseVariances = [1e-4, 1e-3, 1e-2, 0.03, 0.1, 0.2, 0.4, 0.7]

    /// The (length scale, noise) pair of the grids with the highest marginal likelihood.
    static func fitted(inputs: [[Double]], targets: [Double]) -> GaussianProcess {
        var best: GaussianProcess?
        for scale in lengthScales {
            for noise in noiseVariances {
                let model = GaussianProcess(inputs: inputs, targets: targets, lengthScale: scale, noiseVariance: noise)
                if best == nil || model.logMarginalLikelihood > best!.logMarginalLikelihood { best = model }
            }
        }
        return best!
    }

    /// The next point by expected improvement over `candidates` random points, and the fitted
    /// noise standard deviation in the targets' units.
    static func suggest(points: [[Double]], values: [Double], random: Random, candidates: Int = 2000) -> (point: [Double], noiseStd: Double) {
        precondition(!points.isEmpty && points.count == values.count, "one value per observed point")
        let surrogate = fitted(inputs: points, targets: values)
        let incumbent = points.map { surrogate.predict($0).mean }.max()!
        let dimensions = points[0].count
        var choice: [Double] = [], bestScore = -Double.infinity
        for _ in 0..<candidates {
            let point = (0..<dimensions).map { _ in Double(random.uniform()) }
            let (mean, std) = surrogate.predict(point)
            let score = expectedImprovement(mean: mean, std: std, best: incumbent)
            if score > bestScore {
                bestScore = score
                choice = point
            }
        }
        return (choice, surrogate.noiseVariance.squareRoot() * populationStd(values))
    }

    /// The spread the Gaussian process standardizes its targets by.
    static func populationStd(_ values: [Double]) -> Double {
        let mean = values.reduce(0, +) / Double(values.count)
        let spread = (values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(values.count)).squareRoot()
        return spread > 1e-12 ? spread : 1
    }
}
