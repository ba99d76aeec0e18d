import XCTest
@testable import Engine

/// Each optimizer runs three steps on f(w) = ½‖w − t‖² (gradient w − t) from w = (1, −2, 0.5)
/// with t = (0.5, 0.5, 0.5); the third weight starts at its optimum, so its gradient is 0.
/// Expected values were computed by hand from the `torch.optim` update rules (in double
/// precision, written out step by step), not by this engine.
final class OptimizerTests: XCTestCase {
    let target: [Float] = [0.5, 0.5, 0.5]

    func run(_ make: ([Parameter]) -> Optimizer, steps: Int = 3) -> [Float] {
        let parameter = Parameter("w", role: .weight, value: Matrix(rows: 1, cols: 3, [1, -2, 0.5]))
        let optimizer = make([parameter])
        for _ in 0..<steps {
            parameter.gradient = Matrix(rows: 1, cols: 3, zip(parameter.value.storage, target).map { $0 - $1 })
            optimizer.step()
        }
        XCTAssertEqual(optimizer.steps, steps)
        return parameter.value.storage
    }

    /// Hyperparameters are Float32 here and Python floats in PyTorch; the engine derives
    /// 1 − β from the decimal the caller wrote (`decimal`), so the scalars match PyTorch's and
    /// three steps agree to float rounding (10⁻⁶ relative; Float32 arithmetic in 1 − β gave
    /// 10⁻⁵).
    func check(_ actual: [Float], _ expected: [Float], file: StaticString = #filePath, line: UInt = #line) {
        for (a, e) in zip(actual, expected) {
            XCTAssertEqual(a, e, accuracy: 1e-6 * max(1, abs(e)), file: file, line: line)
        }
    }

    func testSGD() {
        check(run { SGD($0, learningRate: 0.1) }, [0.8645, -1.3225, 0.5])
        check(run { SGD($0, learningRate: 0.1, momentum: 0.9) }, [0.743, -0.715, 0.5])
        check(run { SGD($0, learningRate: 0.1, momentum: 0.9, nesterov: true) }, [0.6636605, -0.3183025, 0.5])
        check(run { SGD($0, learningRate: 0.1, momentum: 0.9, dampening: 0.5, weightDecay: 0.01) },
              [0.798784587, -1.00575914, 0.4980273])
    }

    func testAdam() {
        check(run { Adam($0, learningRate: 0.1) }, [0.704871256, -1.70047393, 0.5])
        check(run { Adam($0, learningRate: 0.1, biasCorrection: false) }, [0.096310265, -0.776956324, 0.5])
        check(run { Adam($0, learningRate: 0.1, weightDecay: 0.1, amsgrad: true) }, [0.704173895, -1.70048455, 0.455426137])
        check(run { AdamW($0, learningRate: 0.1) }, [0.702258291, -1.69479096, 0.509350371])
    }

    /// With bias correction, m̂₁ = g and v̂₁ = g², so Adam's first step is lr·g/(|g| + ε):
    /// every weight with a gradient moves by lr, whatever the gradient's size. Without it
    /// the step is lr·(1 − β₁)g/(√(1 − β₂)|g| + ε) ≈ 3.16·lr: too large at first here, and
    /// then shrinking as m catches up faster than v.
    func testAdamFirstStepByHand() {
        check(run({ Adam($0, learningRate: 0.01) }, steps: 1), [1 - 0.01, -2 + 0.01, 0.5])
        let uncorrected = 0.01 * 0.1 / Float(0.001).squareRoot()
        check(run({ Adam($0, learningRate: 0.01, biasCorrection: false) }, steps: 1), [1 - uncorrected, -2 + uncorrected, 0.5])
    }

    func testNAdam() {
        check(run { NAdam($0, learningRate: 0.1) }, [0.764727046, -1.74652272, 0.5])
        check(run { NAdam($0, learningRate: 0.1, weightDecay: 0.1) }, [0.762577297, -1.7465951, 0.447621162])
    }

    func testRMSprop() {
        check(run { RMSprop($0) }, [0.790433242, -1.77446803, 0.5])
        check(run { RMSprop($0, learningRate: 0.01, weightDecay: 0.1, momentum: 0.9, centered: true) },
              [0.567012767, -1.53912648, 0.444023048])
    }

    func testAdagrad() {
        check(run { Adagrad($0, learningRate: 0.1) }, [0.790899177, -1.77493936, 0.5])
        check(run { Adagrad($0, learningRate: 0.1, learningRateDecay: 0.1, initialAccumulator: 0.5) },
              [0.869154926, -1.7960512, 0.5])
    }

    func testAdadelta() {
        check(run { Adadelta($0) }, [0.990325867, -1.9902991, 0.5])
        check(run { Adadelta($0, learningRate: 0.5, weightDecay: 0.1) }, [0.995153894, -1.99514793, 0.495249435])
    }

    /// The lecture's cost adds (λ/n)Σ‖W‖²; for plain SGD that is weight decay 2λ/n.
    func testL2PenaltyMatchesSGDWeightDecay() {
        let random = Random(seed: 11)
        let data = Synthetic.blobs(count: 40, classes: 3, random: random)
        let penalized = Sequential.mlp([2, 8, 3], random: Random(seed: 5))
        let decayed = Sequential.mlp([2, 8, 3], random: Random(seed: 5))
        let lambda: Float = 0.2, batch = 10
        let penalty = L2Penalty(lambda: lambda)
        let withPenalty = Trainer(model: penalized, loss: CrossEntropyLoss(),
                                  optimizer: SGD(penalized.parameters, learningRate: 0.1), random: Random(seed: 1))
        // Weight decay applies to every parameter in PyTorch unless grouped, so give the
        // decay optimizer only the weights and a plain one the biases.
        let weights = decayed.parameters.filter { $0.role == .weight }
        let biases = decayed.parameters.filter { $0.role != .weight }
        let decay = SGD(weights, learningRate: 0.1, weightDecay: penalty.equivalentWeightDecay(batchSize: batch))
        let plain = SGD(biases, learningRate: 0.1)
        for start in stride(from: 0, to: 40, by: batch) {
            let (x, y) = data.batch(Array(start..<(start + batch))[...])
            withPenalty.step(x, y, l2: lambda)
            let (_, gradient) = CrossEntropyLoss()(decayed.forward(x), y)
            decayed.backward(gradient)
            decay.step()
            plain.step()
        }
        for (a, b) in zip(penalized.parameters, decayed.parameters) {
            for (x, y) in zip(a.value.storage, b.value.storage) { XCTAssertEqual(x, y, accuracy: 1e-6) }
        }
        XCTAssertNotEqual(penalized.parameters[0].value, Sequential.mlp([2, 8, 3], random: Random(seed: 5)).parameters[0].value)
    }
}

final class LeastSquaresTests: XCTestCase {
    func testRecoversAnExactLinearRelation() {
        let a = Matrix([[1, 0], [1, 1], [1, 2], [1, 3]])
        let b = Matrix([[1], [3], [5], [7]])   // b = 1 + 2x
        let w = LeastSquares.solve(a, b)
        XCTAssertEqual(w[0, 0], 1, accuracy: 1e-5)
        XCTAssertEqual(w[1, 0], 2, accuracy: 1e-5)
    }

    /// Least squares of noisy data: the residual is orthogonal to every column.
    func testResidualIsOrthogonalToTheColumns() {
        let random = Random(seed: 1)
        let x = random.uniformMatrix(rows: 40, cols: 1, 0, 1)
        let a = LeastSquares.legendreFeatures(x, degree: 9)
        let b = random.normalMatrix(rows: 40, cols: 1)
        let residual = Matrix.product(a, LeastSquares.solve(a, b)).zip(b, -)
        let projections = Matrix.product(a, transposeA: true, residual)
        XCTAssertLessThan(projections.storage.map(abs).max()!, 1e-4)
    }

    func testLegendreBasis() {
        let x = Matrix([[0], [0.5], [1]])   // t = −1, 0, 1
        let p = LeastSquares.legendreFeatures(x, degree: 3)
        // P₂(t) = (3t² − 1)/2, P₃(t) = (5t³ − 3t)/2
        XCTAssertEqual(p.row(0).map { $0 }, [1, -1, 1, -1])
        XCTAssertEqual(p.row(1).map { $0 }, [1, 0, -0.5, 0])
        XCTAssertEqual(p.row(2).map { $0 }, [1, 1, 1, 1])
    }
}

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
        let gp = GaussianProcess(inputs: inputs, targets: targets, lengthScale: 0.3)
        for (x, y) in zip(inputs, targets) {
            let (mean, std) = gp.predict(x)
            XCTAssertEqual(mean, y, accuracy: 0.01)
            XCTAssertLessThan(std, 0.05)
        }
        XCTAssertGreaterThan(gp.predict([0.65]).std, 5 * gp.predict([0.4]).std)
        XCTAssertGreaterThan(GaussianProcess.fitted(inputs: inputs, targets: targets).lengthScale, 0)
    }

    func testExpectedImprovement() {
        XCTAssertEqual(expectedImprovement(mean: 1, std: 0, best: 0.5, exploration: 0), 0.5, accuracy: 1e-12)
        XCTAssertEqual(expectedImprovement(mean: 0, std: 0, best: 0.5), 0)
        // With zero mean gain, EI = σ·φ(0).
        XCTAssertEqual(expectedImprovement(mean: 0.5, std: 2, best: 0.5, exploration: 0), 2 / (2 * Double.pi).squareRoot(), accuracy: 1e-9)
        XCTAssertGreaterThan(expectedImprovement(mean: 0.4, std: 0.3, best: 0.5), expectedImprovement(mean: 0.4, std: 0.1, best: 0.5))
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
            let next = optimizer.suggest(points: points, values: values, random: random)
            points.append(next)
            values.append(f(next))
        }
        XCTAssertGreaterThan(values.max()!, initialBest)
        XCTAssertGreaterThan(values.max()!, -0.01)
    }
}
