import Engine
import Foundation
@testable import LabMath
import XCTest

final class SurfaceTests: XCTestCase {
    /// The analytic gradients agree with central differences.
    func testGradients() {
        for surface in [Surface.quadratic(a: 1, b: 20), .rosenbrock] {
            for (x, y) in [(Float(-1.2), Float(1)), (0.3, -0.4), (1.5, 2)] {
                let h: Float = 1e-3
                let (gx, gy) = surface.gradient(x, y)
                let nx = (surface.value(x + h, y) - surface.value(x - h, y)) / (2 * h)
                let ny = (surface.value(x, y + h) - surface.value(x, y - h)) / (2 * h)
                XCTAssertEqual(gx, nx, accuracy: 2e-2 * max(1, abs(nx)), surface.name)
                XCTAssertEqual(gy, ny, accuracy: 2e-2 * max(1, abs(ny)), surface.name)
            }
            XCTAssertEqual(surface.value(surface.minimum.x, surface.minimum.y), 0)
        }
    }

    func testTrajectoryFollowsTheOptimizer() {
        let path = Surface.quadratic(a: 1, b: 4).trajectory(from: (1, 1), steps: 3) { SGD($0, learningRate: 0.1) }
        XCTAssertEqual(path.count, 4)
        XCTAssertEqual(path[1].x, 0.9, accuracy: 1e-6)  // x − 0.1·x
        XCTAssertEqual(path[1].y, 0.6, accuracy: 1e-6)  // y − 0.1·4y
        XCTAssertEqual(path[3].y, 0.216, accuracy: 1e-6)
        // A diverging run stops early instead of filling the path with infinities.
        let diverging = Surface.quadratic().trajectory(from: (1, 1), steps: 1000) { SGD($0, learningRate: 1) }
        XCTAssertLessThan(diverging.count, 1001)
    }
}
