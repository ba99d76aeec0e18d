import Engine
import Foundation
import TestSupport
import XCTest
@testable import lesson_momentum

final class MomentumTests: XCTestCase {
    func testQuickRun() throws {
        let folder = try TemporaryFolder("momentum")
        defer { folder.remove() }
        let report = try MomentumLesson.parse(["--quick", "--quiet", "--output", folder.path]).perform()
        // The lecture's formulas and PyTorch's agree once Nesterov's variable is the look-ahead point.
        XCTAssertLessThan(report.classicalDifference, 1e-5)
        XCTAssertLessThan(report.nesterovDifference, 1e-5)
        func distance(_ path: [(x: Float, y: Float)], to minimum: (Float, Float)) -> Float {
            let p = path.last!
            return ((p.x - minimum.0) * (p.x - minimum.0) + (p.y - minimum.1) * (p.y - minimum.1)).squareRoot()
        }
        let bowl = Dictionary(uniqueKeysWithValues: report.quadratic.map { ($0.label, distance($0.points, to: (0, 0))) })
        // On the elongated bowl Nesterov gets much closer than plain gradient descent, and too
        // much momentum (0.99) keeps overshooting.
        XCTAssertLessThan(bowl["Nesterov 0.9"]!, bowl["gradient descent"]! / 3)
        XCTAssertGreaterThan(bowl["momentum 0.99"]!, bowl["momentum 0.5"]!)
        let banana = Dictionary(uniqueKeysWithValues: report.rosenbrock.map { ($0.label, distance($0.points, to: (1, 1))) })
        XCTAssertLessThan(banana["momentum 0.9"]!, banana["gradient descent"]! / 3)
        // On images, momentum learns faster than plain SGD at the same learning rate.
        let losses = report.runs.map { $0.history.last!.trainLoss }
        XCTAssertLessThan(losses[1], losses[0])
        XCTAssertLessThan(losses[2], losses[0])
        for figure in ["surfaces", "fashion-mnist"] {
            XCTAssertTrue(FileManager.default.fileExists(atPath: folder.file("momentum-\(figure).png")), figure)
        }
    }

    func testImpossibleOptionsAreRejected() {
        for bad in [["--quadratic-rate", "0"], ["--rosenbrock-steps", "0"]] {
            XCTAssertThrowsError(try MomentumLesson.parse(bad), "\(bad)")
        }
    }
}
