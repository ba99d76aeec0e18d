/// Bayesian optimization on the unit cube [0, 1]^d, maximizing: a Gaussian process is fitted
/// to the trials so far, and the next trial is the point of a random candidate set with the
/// largest expected improvement over the best value.
public struct BayesianOptimization: Sendable {
    public let dimensions: Int
    /// Random points scored by expected improvement at each suggestion.
    public let candidates: Int

    public init(dimensions: Int, candidates: Int = 2000) {
        precondition(dimensions > 0 && candidates > 0, "need dimensions and candidates")
        self.dimensions = dimensions
        self.candidates = candidates
    }

    public func suggest(points: [[Double]], values: [Double], random: Random) -> [Double] {
        precondition(!points.isEmpty, "Bayesian optimization needs at least one observed trial")
        let surrogate = GaussianProcess.fitted(inputs: points, targets: values)
        let best = values.max()!
        var choice: [Double] = [], bestScore = -Double.infinity
        for _ in 0..<candidates {
            let point = (0..<dimensions).map { _ in Double(random.uniform()) }
            let (mean, std) = surrogate.predict(point)
            let score = expectedImprovement(mean: mean, std: std, best: best)
            if score > bestScore {
                bestScore = score
                choice = point
            }
        }
        return choice
    }
}
