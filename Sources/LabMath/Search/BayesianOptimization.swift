import Engine
/// Bayesian optimization on the unit cube [0, 1]^d, maximizing: a Gaussian process is fitted
/// to the trials so far (a length scale per dimension and the noise, by marginal likelihood), and the next trial is
/// the point of a random candidate set with the largest expected improvement over the
/// incumbent, the best posterior mean at a tried point (not the best raw value, which on a
/// noisy objective is a lucky draw).
public struct BayesianOptimization: Sendable {
    public let dimensions: Int
    /// Random points scored by expected improvement at each suggestion.
    public let candidates: Int

    public init(dimensions: Int, candidates: Int = 2000) {
        precondition(dimensions > 0 && candidates > 0, "need dimensions and candidates")
        self.dimensions = dimensions
        self.candidates = candidates
    }

    /// The next point to try, and the surrogate it was chosen with.
    public func suggest(points: [[Double]], values: [Double], random: Random) -> (
        point: [Double], surrogate: GaussianProcess
    ) {
        precondition(!points.isEmpty && points.count == values.count, "one value per observed trial")
        let surrogate = GaussianProcess.fitted(inputs: points, targets: values)
        let best = points.map { surrogate.predict($0).mean }.max()!
        var choice: [Double] = [], bestScore = -Double.infinity
        for _ in 0..<candidates {
            let point = (0..<dimensions).map { _ in Double(random.uniform()) }
            let (mean, std) = surrogate.predict(point)
            let score = GaussianProcess.expectedImprovement(mean: mean, std: std, best: best)
            if score > bestScore {
                bestScore = score
                choice = point
            }
        }
        return (choice, surrogate)
    }
}
