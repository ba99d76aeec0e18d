import Engine
import Foundation
import LessonKit
import Plot

extension OptimizersLesson {
    /// The grey of context curves and contours (palette index).
    static let grey = 9

    /// One panel per optimizer on shared axes (small multiples): its mean curve over seeds
    /// with a ±1 std band in its own color, the other optimizers' means in grey behind it.
    /// The y axis is logarithmic only when the data span more than a decade.
    static func curvesFigure(_ outcomes: [Outcome], metric: EpochMetric, name: String, title: String) -> Figure {
        let curves = outcomes.map { $0.runs.curve(metric) }
        let lows = curves.flatMap { zip($0.mean, $0.std).map { $0 - $1 } }, highs = curves.flatMap { zip($0.mean, $0.std).map { $0 + $1 } }
        let scale: Scale = (lows.min() ?? 1) > 0 && (highs.max() ?? 1) / (lows.min() ?? 1) > 10 ? .log : .linear
        let range = paddedRange(low: lows.min() ?? 0, high: highs.max() ?? 1, scale: scale)
        let panels = outcomes.enumerated().map { index, outcome in
            var series: [Series] = curves.enumerated().filter { $0.offset != index }.map { _, curve in
                .line(nil, x: curve.epochs, y: curve.mean, color: grey)
            }
            let own = curves[index]
            if outcome.runs.runs.count > 1 {
                series.append(.band(nil, x: own.epochs, lower: zip(own.mean, own.std).map { $0 - $1 },
                                    upper: zip(own.mean, own.std).map { $0 + $1 }, color: outcome.entry.color))
            }
            series.append(.line(outcome.entry.name, x: own.epochs, y: own.mean, style: .linesPoints, color: outcome.entry.color))
            return Panel(title: "\(outcome.entry.short), lr \(outcome.entry.networkRate)", xLabel: "epoch", yLabel: metric.label,
                         yScale: scale, yRange: range, legend: .hidden, series: series)
        }
        return Figure(name: name, title: title, panels: panels, columns: 3, panelSize: (420, 300))
    }

    /// A range around [low, high] with a margin; on a log scale a factor, never below a positive floor.
    static func paddedRange(low: Double, high: Double, scale: Scale) -> ClosedRange<Double> {
        switch scale {
        case .log:
            let floor = max(low, 1e-12)
            return (floor / 1.15)...(max(high, floor * 1.01) * 1.15)
        case .linear:
            let margin = max((high - low) * 0.05, 1e-9)
            return (low - margin)...(high + margin)
        }
    }

    /// Rosenbrock's level sets f = c, exactly: x = 1 + √c·cos θ, y = x² + (√c/10)·sin θ.
    static func rosenbrockContours(levels: [Double] = [0.01, 0.1, 0.5, 2, 5, 20, 50, 200, 500, 2000]) -> [Series] {
        levels.map { c in
            let thetas = (0...600).map { 2 * Double.pi * Double($0) / 600 }
            let x = thetas.map { 1 + c.squareRoot() * cos($0) }
            let y = zip(x, thetas).map { $0 * $0 + c.squareRoot() / 10 * sin($1) }
            return .line(nil, x: x, y: y, color: grey)
        }
    }

    /// The axes every path panel shares: the region of the valley shown before, widened to
    /// every point any optimizer visits (so that no overshoot is clipped).
    static func pathRange(_ outcomes: [Outcome]) -> (x: ClosedRange<Double>, y: ClosedRange<Double>) {
        let points = outcomes.flatMap(\.path)
        let xs = points.map { Double($0.x) } + [-1.6, 1.6], ys = points.map { Double($0.y) } + [-0.5, 2]
        let (x0, x1, y0, y1) = (xs.min()!, xs.max()!, ys.min()!, ys.max()!)
        return ((x0 - 0.05 * (x1 - x0))...(x1 + 0.05 * (x1 - x0)), (y0 - 0.05 * (y1 - y0))...(y1 + 0.05 * (y1 - y0)))
    }

    /// One panel per optimizer: its path over grey contours of f, a dot every `stride` steps.
    static func rosenbrockFigure(_ outcomes: [Outcome], steps: Int) -> Figure {
        let (xRange, yRange) = pathRange(outcomes)
        let stride = max(1, steps / 20)
        let contours = rosenbrockContours()
        let panels = outcomes.map { outcome in
            let path = outcome.path
            let marked = Swift.stride(from: 0, to: path.count, by: stride).map { path[$0] }
            return Panel(title: "\(outcome.entry.short), lr \(outcome.entry.surfaceRate): ends \(String(format: outcome.surfaceDistance < 0.01 ? "%.0e" : "%.2g", outcome.surfaceDistance)) away",
                         xLabel: "x", yLabel: "y", xRange: xRange, yRange: yRange, legend: .hidden,
                         series: contours + [
                             .line(nil, x: path.map { Double($0.x) }, y: path.map { Double($0.y) }, color: outcome.entry.color),
                             .line(nil, x: marked.map { Double($0.x) }, y: marked.map { Double($0.y) }, style: .points, color: outcome.entry.color),
                             .line(nil, x: [Double(start.0), 1], y: [Double(start.1), 1], style: .points, color: 6),
                         ])
        }
        return Figure(name: "rosenbrock",
                      title: "Rosenbrock's valley: \(steps) steps from (−1.2, 1.2) towards (1, 1) (black), a dot every \(stride); grey: contours",
                      panels: panels, columns: 3, panelSize: (420, 320))
    }

    /// f per step, one panel per optimizer on shared log axes, the others in grey.
    static func rosenbrockLossFigure(_ outcomes: [Outcome], steps: Int) -> Figure {
        let curves = outcomes.map { outcome in outcome.path.map { Double(max(Surface.rosenbrock.value($0.x, $0.y), 1e-14)) } }
        let all = curves.flatMap { $0 }
        let range = paddedRange(low: all.min()!, high: all.max()!, scale: .log)
        let panels = outcomes.enumerated().map { index, outcome in
            let others: [Series] = curves.enumerated().filter { $0.offset != index }.map { _, values in
                .line(nil, x: values.indices.map(Double.init), y: values, color: grey)
            }
            return Panel(title: "\(outcome.entry.short), lr \(outcome.entry.surfaceRate)", xLabel: "step", yLabel: "f (log scale)",
                         yScale: .log, xRange: 0...Double(steps), yRange: range, legend: .hidden,
                         series: others + [.line(nil, x: curves[index].indices.map(Double.init), y: curves[index], color: outcome.entry.color)])
        }
        return Figure(name: "rosenbrock-f", title: "f per step on Rosenbrock's valley; grey: the other optimizers",
                      panels: panels, columns: 3, panelSize: (420, 280))
    }
}
