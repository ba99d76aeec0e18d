import Engine
@testable import LabMath
import XCTest

final class SearchTests: XCTestCase {
    func testCholeskySolvesASymmetricSystem() {
        let a: [Double] = [4, 2, 0.4, 2, 5, 1, 0.4, 1, 3]
        let l = Cholesky.factor(a, size: 3)!
        let x = Cholesky.solve(l, size: 3, [1, 2, 3])
        for i in 0..<3 {
            XCTAssertEqual((0..<3).reduce(0) { $0 + a[i * 3 + $1] * x[$1] }, Double(i + 1), accuracy: 1e-12)
        }
        XCTAssertNil(Cholesky.factor([1, 2, 2, 1], size: 2), "not positive definite")
    }

    /// The posterior mean passes (almost) through noise-free observations, with little
    /// uncertainty there and more far away.
    func testGaussianProcessInterpolates() {
        let inputs: [[Double]] = [[0.1], [0.4], [0.9]]
        let targets = inputs.map { sin(6 * $0[0]) }
        let gp = GaussianProcess(inputs: inputs, targets: targets, lengthScales: [0.3])
        for (x, y) in zip(inputs, targets) {
            let (mean, std) = gp.predict(x)
            XCTAssertEqual(mean, y, accuracy: 0.01)
            XCTAssertLessThan(std, 0.05)
        }
        XCTAssertGreaterThan(gp.predict([0.65]).std, 5 * gp.predict([0.4]).std)
        XCTAssertGreaterThan(GaussianProcess.fitted(inputs: inputs, targets: targets).lengthScales[0], 0)
    }

    /// Automatic relevance determination: on a function of the first of three inputs only,
    /// the fitted length scales of the other two are long (those inputs barely matter), and
    /// the fit explains the data better than the best shared length scale.
    func testFittedLengthScalesFindTheRelevantDimension() {
        let random = Random(seed: 11)
        let points = (0..<25).map { _ in (0..<3).map { _ in Double(random.uniform()) } }
        let values = points.map { sin(5 * $0[0]) + 0.05 * Double(random.normal()) }
        let fit = GaussianProcess.fitted(inputs: points, targets: values)
        XCTAssertGreaterThan(fit.lengthScales[1], 4 * fit.lengthScales[0])
        XCTAssertGreaterThan(fit.lengthScales[2], 4 * fit.lengthScales[0])
        let shared = GaussianProcess.lengthScaleGrid.flatMap { scale in
            GaussianProcess.noiseVariances.map {
                GaussianProcess(
                    inputs: points, targets: values, lengthScales: [scale, scale, scale], noiseVariance: $0)
            }
        }.map(\.logMarginalLikelihood).max()!
        XCTAssertGreaterThan(fit.logMarginalLikelihood, shared + 1)
    }

    func testExpectedImprovement() {
        XCTAssertEqual(
            GaussianProcess.expectedImprovement(mean: 1, std: 0, best: 0.5, exploration: 0), 0.5, accuracy: 1e-12)
        XCTAssertEqual(GaussianProcess.expectedImprovement(mean: 0, std: 0, best: 0.5), 0)
        // With zero mean gain, EI = σ·φ(0).
        XCTAssertEqual(
            GaussianProcess.expectedImprovement(mean: 0.5, std: 2, best: 0.5, exploration: 0),
            2 / (2 * Double.pi).squareRoot(), accuracy: 1e-9)
        XCTAssertGreaterThan(
            GaussianProcess.expectedImprovement(mean: 0.4, std: 0.3, best: 0.5),
            GaussianProcess.expectedImprovement(mean: 0.4, std: 0.1, best: 0.5))
    }

    /// On a smooth function of two variables, a few suggestions find a better point than the
    /// initial ones.
    func testBayesianOptimizationImproves() {
        func f(_ p: [Double]) -> Double { -((p[0] - 0.7) * (p[0] - 0.7) + (p[1] - 0.2) * (p[1] - 0.2)) }
        let random = Random(seed: 3)
        var points = (0..<4).map { _ in [Double(random.uniform()), Double(random.uniform())] }
        var values = points.map(f)
        let initialBest = values.max()!
        let optimizer = BayesianOptimization(dimensions: 2, candidates: 500)
        for _ in 0..<10 {
            let next = optimizer.suggest(points: points, values: values, random: random).point
            points.append(next)
            values.append(f(next))
        }
        XCTAssertGreaterThan(values.max()!, initialBest)
        XCTAssertGreaterThan(values.max()!, -0.01)
    }

    /// The surrogate's noise, fitted by marginal likelihood: close to the true noise of a noisy
    /// function, small for a smooth one.
    func testFittedNoise() {
        let random = Random(seed: 7)
        let points = (0..<40).map { _ in [Double(random.uniform()), Double(random.uniform())] }
        let smooth = points.map { sin(3 * $0[0]) + cos(2 * $0[1]) }
        let noisy = smooth.map { $0 + 0.3 * Double(random.normal()) }
        let optimizer = BayesianOptimization(dimensions: 2, candidates: 50)
        let noisyFit = optimizer.suggest(points: points, values: noisy, random: random)
        XCTAssertGreaterThan(noisyFit.surrogate.noiseStandardDeviation, 0.15)
        XCTAssertLessThan(noisyFit.surrogate.noiseStandardDeviation, 0.6)
        XCTAssertLessThan(
            optimizer.suggest(points: points, values: smooth, random: random).surrogate.noiseStandardDeviation, 0.1)
        XCTAssertTrue(noisyFit.point.allSatisfy { (0...1).contains($0) })
    }
}
