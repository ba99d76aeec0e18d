import Engine
import Foundation
import LessonKit
import TestSupport
import XCTest
@testable import lesson_momentum

final class MomentumTests: XCTestCase {
    /// The heavy-ball theory on the bowl: the measured rate per step matches the predicted
    /// one for every α; α = 0.5 beats 0.9 at the lesson's learning rate because the best α
    /// there is the slow direction's critical damping, 0.64; Polyak's α* for κ = 20 is 0.40.
    func testConvergenceRateMatchesTheory() {
        let sweep = RateSweep.measure(.quadratic(a: 1, b: 20), rate: 0.04, steps: 200)
        for (alpha, measured) in zip(sweep.alphas, sweep.measured) {
            XCTAssertEqual(measured!, sweep.predicted(alpha), accuracy: 0.02, "α = \(alpha)")
        }
        XCTAssertLessThan(sweep.predicted(0.5), sweep.predicted(0.9) - 0.02)
        XCTAssertEqual(sweep.criticalAlpha, 0.64, accuracy: 1e-6)
        let best = sweep.alphas.indices.min { sweep.measured[$0]! < sweep.measured[$1]! }!
        XCTAssertEqual(sweep.alphas[best], 0.65, accuracy: 0.051, "measured optimum next to critical damping")
        XCTAssertEqual(RateSweep.bestAlpha, 0.40, accuracy: 0.005)
        XCTAssertEqual(
            RateSweep.predicted(alpha: RateSweep.bestAlpha, rate: RateSweep.bestRate),
            (20.0.squareRoot() - 1) / (20.0.squareRoot() + 1), accuracy: 1e-3)
    }

    /// The double well: gradient descent and light momentum settle in the local minimum;
    /// momentum 0.9 rolls over the barrier into the lower one.
    func testMomentumEscapesTheLocalMinimum() {
        let runs = Dictionary(uniqueKeysWithValues: DoubleWell.runs(steps: 300).map { ($0.method.label, $0.xs.last!) })
        XCTAssertEqual(runs["gradient descent"]!, 0.960, accuracy: 0.01)
        XCTAssertEqual(runs["momentum 0.5"]!, 0.960, accuracy: 0.01)
        XCTAssertEqual(runs["momentum 0.9"]!, -1.036, accuracy: 0.01)
    }

    /// The double well's landmarks the report prints are where f′ vanishes: a minimum, the
    /// barrier (a maximum) and a minimum, each next to where the runs settle.
    func testDoubleWellStationaryPoints() {
        let points = DoubleWell.stationaryPoints
        XCTAssertEqual(points.count, 3)
        for x in points { XCTAssertEqual(DoubleWell.derivative(Float(x)), 0, accuracy: 1e-5, "f′(\(x))") }
        XCTAssertEqual(points[0], -1.036, accuracy: 0.001)
        XCTAssertEqual(points[1], 0.0755, accuracy: 0.001)
        XCTAssertEqual(points[2], 0.960, accuracy: 0.001)
        XCTAssertGreaterThan(DoubleWell.f(Float(points[1])), DoubleWell.f(Float(points[2])), "a barrier, not a minimum")
    }

    func testQuickRun() throws {
        let folder = try TemporaryFolder("momentum")
        defer { folder.remove() }
        let report = try MomentumLesson.parse(["--quick", "--quiet", "--output", folder.path]).perform()
        // The lecture's formulas and PyTorch's agree once Nesterov's variable is the look-ahead point.
        XCTAssertLessThan(report.classicalDifference, 1e-5)
        XCTAssertLessThan(report.nesterovDifference, 1e-5)
        func distance(_ path: MomentumLesson.Path, to minimum: (Float, Float)) -> Float {
            let p = path.points.last!
            return ((p.x - minimum.0) * (p.x - minimum.0) + (p.y - minimum.1) * (p.y - minimum.1)).squareRoot()
        }
        let bowl = Dictionary(uniqueKeysWithValues: report.quadratic.map { ($0.label, distance($0, to: (0, 0))) })
        // On the elongated bowl Nesterov gets much closer than plain gradient descent, and too
        // much momentum (0.99) keeps overshooting.
        XCTAssertLessThan(bowl["Nesterov 0.9"]!, bowl["gradient descent"]! / 3)
        XCTAssertGreaterThan(bowl["momentum 0.99"]!, bowl["momentum 0.5"]!)
        let banana = Dictionary(uniqueKeysWithValues: report.rosenbrock.map { ($0.label, $0) })
        XCTAssertLessThan(
            distance(banana["momentum 0.9"]!, to: (1, 1)), distance(banana["gradient descent"]!, to: (1, 1)) / 3)
        XCTAssertTrue(banana["momentum 0.99"]!.diverged, "momentum 0.99 leaves Rosenbrock's valley")
        // On images, over both seeds: momentum trains faster than plain SGD at the same
        // learning rate (every seed), which the matched rate η/(1 − α) mostly explains.
        let (slow, matched, momentum) = (report.runs[0], report.runs[1], report.runs[2])
        for (m, s) in zip(momentum.final(.trainLoss).values, slow.final(.trainLoss).values) {
            XCTAssertLessThan(m, s - 0.3)
        }
        for (m, s) in zip(matched.final(.trainLoss).values, slow.final(.trainLoss).values) {
            XCTAssertLessThan(m, s - 0.3)
        }
        for figure in ["surfaces", "rates", "double-well", "fashion-mnist", "differences"] {
            XCTAssertTrue(FileManager.default.fileExists(atPath: folder.file("momentum-\(figure).png")), figure)
        }
    }

    /// A learning rate that makes every method diverge is reported as divergence, not as a distance.
    func testDivergenceIsReported() {
        let paths = MomentumLesson.paths(
            .quadratic(a: 1, b: 20), from: (-4, 1.5), steps: 200, rate: 1e30, methods: MomentumLesson.methods)
        XCTAssertTrue(paths.allSatisfy(\.diverged))
    }

    func testImpossibleOptionsAreRejected() {
        for bad in [
            ["--quadratic-rate", "0"], ["--quadratic-rate", "inf"], ["--quadratic-rate", "nan"],
            ["--quadratic-rate", "-1"],
            ["--rosenbrock-rate", "inf"], ["--rosenbrock-steps", "0"], ["--quadratic-steps", "2000000000"],
            ["--rosenbrock-steps", "-5"], ["--learning-rate", "inf"], ["--learning-rate", "5"], ["--epochs", "0"],
            ["--seeds", "0"],
        ] {
            XCTAssertThrowsError(try MomentumLesson.parse(bad), "\(bad)")
        }
    }
}
