import Engine
import Foundation

/// A function of two variables with its gradient: the toy landscapes on which optimizers
/// are watched step by step.
public struct Surface: Sendable {
    public let name: String
    public let minimum: (x: Float, y: Float)
    public let value: @Sendable (Float, Float) -> Float
    public let gradient: @Sendable (Float, Float) -> (Float, Float)

    /// f = ½(a·x² + b·y²): an elongated bowl whose condition number is b/a.
    public static func quadratic(a: Float = 1, b: Float = 20) -> Surface {
        Surface(
            name: "quadratic ½(\(a)x² + \(b)y²)", minimum: (0, 0),
            value: { x, y in 0.5 * (a * x * x + b * y * y) },
            gradient: { x, y in (a * x, b * y) })
    }

    /// Rosenbrock's banana valley f = (1 − x)² + 100(y − x²)², minimum at (1, 1).
    public static let rosenbrock = Surface(
        name: "Rosenbrock (1 − x)² + 100(y − x²)²", minimum: (1, 1),
        value: { x, y in (1 - x) * (1 - x) + 100 * (y - x * x) * (y - x * x) },
        gradient: { x, y in (-2 * (1 - x) - 400 * x * (y - x * x), 200 * (y - x * x)) })

    /// Runs an optimizer from `start` for `steps` steps, feeding it this surface's gradient;
    /// returns the points visited, the start included. `makeOptimizer` receives the one
    /// parameter (a 1×2 matrix holding x and y).
    public func trajectory(
        from start: (Float, Float), steps: Int,
        makeOptimizer: ([Parameter]) -> Optimizer
    ) -> [(x: Float, y: Float)] {
        let point = Parameter("w", value: Matrix(rows: 1, cols: 2, [start.0, start.1]))
        let optimizer = makeOptimizer([point])
        var path = [(x: start.0, y: start.1)]
        for _ in 0..<steps {
            let (gx, gy) = gradient(point.value[0, 0], point.value[0, 1])
            point.gradient = Matrix(rows: 1, cols: 2, [gx, gy])
            optimizer.step()
            let (x, y) = (point.value[0, 0], point.value[0, 1])
            guard x.isFinite, y.isFinite, abs(x) < 1e6, abs(y) < 1e6 else { break }
            path.append((x, y))
        }
        return path
    }
}
