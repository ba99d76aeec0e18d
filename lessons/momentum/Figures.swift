import Engine
import Foundation
import LessonKit
import Plot

extension MomentumLesson {
    static func surfacesFigure(bowl: Surface, quadratic: [Path], banana: Surface, rosenbrock: [Path],
                               quadraticRate: Float, rosenbrockRate: Float) -> Figure {
        func labelled(_ paths: [Path]) -> [(label: String, points: [(x: Float, y: Float)])] {
            paths.map { ($0.diverged ? "\($0.label) (diverged after \($0.points.count - 1) steps)" : $0.label, $0.points) }
        }
        return Figure(name: "surfaces", title: "Paths from the same start (dots: one per step, or every few steps on long paths)", panels: [
            SurfacePaths.panel(bowl, around: (-4.5...1.5, -2...2), title: "\(bowl.name), lr \(quadraticRate)", paths: quadratic),
            StandardPanels.surfaceLoss(bowl, title: "bowl: f per step", paths: labelled(quadratic), colors: quadratic.map(\.method.color)),
            SurfacePaths.panel(banana, around: (-1.6...1.6, -0.5...2), title: "\(banana.name), lr \(rosenbrockRate)", paths: rosenbrock),
            StandardPanels.surfaceLoss(banana, title: "Rosenbrock: f per step", paths: labelled(rosenbrock), colors: rosenbrock.map(\.method.color)),
        ], columns: 2, panelSize: (660, 520))
    }

    static func ratesFigure(_ sweep: RateSweep) -> Figure {
        let fine = (0...198).map { Double($0) * 0.005 }
        let measured = zip(sweep.alphas, sweep.measured).compactMap { alpha, rate in rate.map { (Double(alpha), $0) } }
        return Figure(name: "rates", panels: [
            Panel(title: "bowl ½(x² + 20y²): error shrinks by this factor per step (lower is faster)",
                  xLabel: "momentum α", yLabel: "rate per step", yRange: 0.5...1.02,
                  markers: [Marker(x: Double(sweep.criticalAlpha), label: String(format: "critical damping at lr %.2g", sweep.rate)),
                            Marker(x: RateSweep.bestAlpha, label: String(format: "α* = ((√κ−1)/(√κ+1))² = %.2f", RateSweep.bestAlpha))],
                  series: [
                      .line("predicted, lr \(sweep.rate) (the lesson's)", x: fine, y: fine.map { RateSweep.predicted(alpha: $0, rate: Double(sweep.rate)) },
                            color: 0),
                      .line(String(format: "measured, lr %g", sweep.rate), x: measured.map(\.0), y: measured.map(\.1), style: .points, color: 1),
                      .line(String(format: "predicted, best lr η* = %.3f", RateSweep.bestRate), x: fine,
                            y: fine.map { RateSweep.predicted(alpha: $0, rate: RateSweep.bestRate) }, style: .dashed, color: 2),
                  ]),
        ], columns: 1, panelSize: (760, 460))
    }

    static func doubleWellFigure(_ runs: [DoubleWell.Run]) -> Figure {
        let xs = (0...200).map { -1.8 + Double($0) * 3.9 / 200 }
        var landscape: [Series] = [.line("f(x) = (x² − 1)² + 0.3x", x: xs, y: xs.map { Double(DoubleWell.f(Float($0))) }, color: 9)]
        for run in runs {
            let shown = Array(run.xs.prefix(80))
            landscape.append(.line(run.method.label, x: shown.map(Double.init), y: shown.map { Double(DoubleWell.f($0)) },
                                   style: .linesPoints, color: run.method.color))
        }
        return Figure(name: "double-well", title: "Momentum carries the weight over a barrier (lr \(DoubleWell.rate), from x = \(DoubleWell.start))", panels: [
            Panel(title: "the first 80 steps on the landscape", xLabel: "x", yLabel: "f(x)", yRange: -0.6...4, series: landscape),
            Panel(title: "x per step", xLabel: "step", yLabel: "x", series: runs.map { run in
                .line(run.method.label, values: run.xs, color: run.method.color)
            }),
        ], columns: 2, panelSize: (640, 440))
    }

    static func fashionFigure(_ runs: [SettingRuns], colors: [Int], trainCount: Int) -> Figure {
        Figure(name: "fashion-mnist", title: "784→128→10 on \(trainCount) Fashion-MNIST images, batch 64: mean ± std over \(runs[0].runs.count) seeds", panels: [
            StandardPanels.seedCurves(runs, metrics: [.validationAccuracy], title: "validation accuracy", colors: colors),
            {
                var panel = StandardPanels.seedCurves(runs, metrics: [.trainLoss], title: "training loss (running mean over each epoch)", colors: colors)
                panel.yScale = .log
                return panel
            }(),
        ], panelSize: (640, 480))
    }
}

/// Optimizer paths over light contour lines instead of a colour map, so that every path
/// colour stays visible; axes widen to show overshoots (diverged paths excepted).
enum SurfacePaths {
    static func panel(_ surface: Surface, around: (x: ClosedRange<Double>, y: ClosedRange<Double>), title: String,
                      paths: [MomentumLesson.Path]) -> Panel {
        var (x, y) = around
        for path in paths where !path.diverged {
            for point in path.points {
                x = min(x.lowerBound, Double(point.x))...max(x.upperBound, Double(point.x))
                y = min(y.lowerBound, Double(point.y))...max(y.upperBound, Double(point.y))
            }
        }
        let pad = (x: 0.03 * (x.upperBound - x.lowerBound), y: 0.03 * (y.upperBound - y.lowerBound))
        x = (x.lowerBound - pad.x)...(x.upperBound + pad.x)
        y = (y.lowerBound - pad.y)...(y.upperBound + pad.y)
        var series = [contours(surface, x: x, y: y)]
        for path in paths {
            let xs = path.points.map { Double($0.x) }, ys = path.points.map { Double($0.y) }
            let label = path.diverged ? "\(path.label) (diverged after \(path.points.count - 1) steps)" : path.label
            if path.points.count <= 150 {
                series.append(.line(label, x: xs, y: ys, style: .linesPoints, color: path.method.color))
            } else {
                let every = (path.points.count + 59) / 60
                series.append(.line(label, x: xs, y: ys, color: path.method.color))
                let marked = Swift.stride(from: 0, to: xs.count, by: every)
                series.append(.line(nil, x: marked.map { xs[$0] }, y: marked.map { ys[$0] }, style: .points, color: path.method.color))
            }
        }
        series.append(.line("minimum", x: [Double(surface.minimum.x)], y: [Double(surface.minimum.y)], style: .points, color: 6))
        return Panel(title: title, xLabel: "x", yLabel: "y", xRange: x, yRange: y, legend: .below, series: series)
    }

    /// Contour lines of log₁₀ f (marching squares), one series in grey with breaks between segments.
    static func contours(_ surface: Surface, x: ClosedRange<Double>, y: ClosedRange<Double>, cells: Int = 120) -> Series {
        let xs = (0...cells).map { x.lowerBound + Double($0) / Double(cells) * (x.upperBound - x.lowerBound) }
        let ys = (0...cells).map { y.lowerBound + Double($0) / Double(cells) * (y.upperBound - y.lowerBound) }
        let z = ys.map { b in xs.map { a in log10(Double(surface.value(Float(a), Float(b))) + 1e-6) } }
        let flat = z.flatMap { $0 }.filter(\.isFinite)
        guard let low = flat.min(), let high = flat.max(), high > low else { return .line(nil, x: [], y: [], color: 9) }
        let levels = (1...9).map { low + (high - low) * Double($0) / 10 }
        var outX: [Double] = [], outY: [Double] = []
        for level in levels {
            for i in 0..<cells {
                for j in 0..<cells {
                    // Corners counter-clockwise: (j, i), (j+1, i), (j+1, i+1), (j, i+1).
                    let corners = [(xs[j], ys[i], z[i][j]), (xs[j + 1], ys[i], z[i][j + 1]),
                                   (xs[j + 1], ys[i + 1], z[i + 1][j + 1]), (xs[j], ys[i + 1], z[i + 1][j])]
                    var crossings: [(Double, Double)] = []
                    for edge in 0..<4 {
                        let (a, b) = (corners[edge], corners[(edge + 1) % 4])
                        if (a.2 < level) != (b.2 < level) {
                            let t = (level - a.2) / (b.2 - a.2)
                            crossings.append((a.0 + t * (b.0 - a.0), a.1 + t * (b.1 - a.1)))
                        }
                    }
                    for pair in Swift.stride(from: 0, to: crossings.count - 1, by: 2) {
                        outX += [crossings[pair].0, crossings[pair + 1].0, .nan]
                        outY += [crossings[pair].1, crossings[pair + 1].1, .nan]
                    }
                }
            }
        }
        return .line(nil, x: outX, y: outY, color: 9)
    }
}
