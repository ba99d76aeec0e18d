import Engine
import Foundation
import LessonKit
import Plot

extension VanishingGradientsLesson {
    static func boundFigure() -> Figure {
        let z = (0...200).map { Double($0) / 10 - 10 }
        let depths = (1...20).map(Double.init)
        return Figure(
            name: "sigmoid",
            panels: [
                Panel(
                    title: "the sigmoid and its derivative", xLabel: "z",
                    series: [
                        .line("σ(z)", x: z, y: z.map { Double(Sigmoid.sigmoid(Float($0))) }, color: 0),
                        .line(
                            "σ′(z) = σ(z)(1 − σ(z)), at most 0.25", x: z,
                            y: z.map { Double(sigmoidDerivative(Float($0))) }, color: 1),
                    ]),
                Panel(
                    title: "the σ′ factors alone through L layers: ≤ 0.25ᴸ", xLabel: "layers L",
                    yLabel: "0.25ᴸ (weights not included)",
                    yScale: .log,
                    markers: [Marker(x: 10, label: "0.25¹⁰ ≈ 9.5·10⁻⁷")],
                    series: [
                        .line("0.25ᴸ", x: depths, y: depths.map { pow(0.25, $0) }, style: .linesPoints, color: 1)
                    ]),
            ], layout: .pair)
    }

    func gradientFigure(_ report: Report, epochs: Int, probeCount: Int) -> Figure {
        let layers = (1...(depth + 1)).map(Double.init)
        // Bands end at the first layer whose gradients all vanished (dead ReLUs in a narrow net).
        func series(trained: Bool, overlay: Bool) -> [Series] {
            var series: [Series] = []
            for (index, setting) in report.runs.enumerated() {
                let band = StandardPanels.geometricBand(
                    setting.runs.map { trained ? $0.trainedNorms : $0.initialNorms })
                let measured = Array(layers.prefix(band.mean.count))
                if setting.runs.count > 1 {
                    series.append(.band(nil, x: measured, lower: band.lower, upper: band.upper, color: index))
                }
                series.append(.line(setting.label, x: measured, y: band.mean, style: .linesPoints, color: index))
                // The prediction, anchored at the last hidden layer and carried down layer by layer;
                // unlabelled, so that both panels share one legend and one height. A factor near
                // 1 would lie on the data: the factor figure shows those.
                let factor = report.predictedFactors[index]
                guard overlay, depth >= 2, band.mean.count >= depth, abs(log(factor)) > 0.2 else { continue }
                let anchor = band.mean[depth - 1]
                let x = Array(layers.prefix(depth))
                series.append(
                    .line(
                        nil, x: x, y: x.map { anchor * pow(factor, Double(depth) - $0) }, style: .dashed, color: index))
            }
            return series
        }
        return Figure(
            name: "gradients",
            title:
                "‖∂L/∂W⁽ˡ⁾‖ on \(probeCount) images, \(depth) hidden layers of \(width) (layer 1 next to the input), ±1 std over \(report.runs[0].runs.count) seeds",
            panels: [
                Panel(
                    title: "at initialization; dashed: the predicted factor per layer", xLabel: "layer l",
                    yLabel: "gradient norm",
                    yScale: .log, series: series(trained: false, overlay: true)),
                Panel(
                    title: "after \(epochs) epochs of SGD", xLabel: "layer l", yLabel: "gradient norm", yScale: .log,
                    legend: .hidden, series: series(trained: true, overlay: false)),
                // Taller than a pair: five networks' legend below the panels would leave the curves little room.
            ].withOneKey(entries: report.runs.count), layout: .surface)
    }

    /// Per network (one row each, top to bottom in the lesson's order), the measured factor per
    /// hidden layer (one point per seed) against the predicted one (a short bar), on one log axis.
    func factorFigure(_ report: Report) -> Figure {
        let rows = report.runs.count
        func row(_ index: Int) -> Double { Double(rows - index) }
        var series: [Series] = [
            .line(
                "0.25 = σ′(0), the lecture's factor", x: [0.25, 0.25], y: [0.5, Double(rows) + 0.5], style: .dashed,
                color: 6),
            .line("1: no vanishing", x: [1, 1], y: [0.5, Double(rows) + 0.5], style: .dashed, color: 5),
        ]
        for (index, setting) in report.runs.enumerated() {
            let measured = setting.runs.compactMap(\.factor)
            let predicted = report.predictedFactors[index]
            series.append(
                .line(
                    index == 0 ? "bar: predicted √n·σ_W·√E[f′(z)²], in each network's colour" : nil,
                    x: [predicted, predicted],
                    y: [row(index) - 0.3, row(index) + 0.3], color: index))
            series.append(
                .line(
                    index == 0 ? "points: measured, one per seed, in each network's colour" : nil, x: measured,
                    y: measured.map { _ in row(index) },
                    style: .points, color: index))
        }
        var panel = Panel(
            title:
                "gradient factor per hidden layer at initialization: (‖∂W⁽²⁾‖ / ‖∂W⁽\(Typography.superscript(depth))⁾‖)^(1/\(depth - 2))",
            xLabel: "‖∂L/∂W⁽ˡ⁾‖ / ‖∂L/∂W⁽ˡ⁺¹⁾‖ (log scale)", xScale: .log,
            xRange: 0.1...2, yRange: 0.5...(Double(rows) + 0.5), series: series)
        panel.yTicks = report.runs.enumerated().map { AxisTick($0.element.label, at: row($0.offset)) }
        panel.xTicks = AxisTick.values([0.1, 0.2, 0.5, 1, 2])
        return Figure(name: "factors", panels: [panel], layout: .single)
    }

    func trainingFigure(_ runs: [SettingRuns<GradientRun>]) -> Figure {
        // The default-init sigmoid is drawn first and the gain-1 sigmoid over it: both stay at
        // chance, so the first is hidden, and its legend entry (short: the right panel's legend
        // ends at the figure's edge) says where it is.
        let hidden = runs.count > 1 ? [runs[0].label: "sigmoid, default init (under gain 1)"] : [:]
        func panel(_ metrics: [EpochMetric], title: String, yLabel: String) -> Panel {
            var panel = StandardPanels.seedCurves(runs, metrics: metrics, title: title, yLabel: yLabel)
            panel.series = panel.series.map { series in
                var series = series
                series.title = series.title.map { hidden[$0] ?? $0 }
                return series
            }
            return panel
        }
        return Figure(
            name: "training",
            title:
                "\(depth) hidden layers of \(width), SGD lr \(learningRate.value): mean ± std over \(runs[0].runs.count) seeds; training = running average over the epoch",
            panels: [
                panel(
                    [.validationAccuracy, .trainAccuracy], title: "accuracy: validation (solid), training (dashed)",
                    yLabel: "accuracy (%)"),
                panel(
                    [.validationLoss, .trainLoss], title: "loss (solid/dashed as left)", yLabel: "cross-entropy loss"),
                // Taller than a pair, as the gradients figure: five networks' legend below the panels.
            ].withOneKey(entries: runs.count), layout: .surface)
    }

    func explodingFigure(_ scaled: [[Scaled]]) -> Figure {
        let layers = (1...(depth + 1)).map(Double.init)
        let reference = Self.scales.firstIndex(of: 1)!
        var series: [Series] = []
        let baseline = StandardPanels.geometricBand(scaled.map { $0[reference].norms.map(Double.init) }).mean
        for (index, scale) in Self.scales.enumerated() {
            let band = StandardPanels.geometricBand(scaled.map { $0[index].norms.map(Double.init) })
            // Bands end at the first layer whose gradients all vanished (dead ReLUs in a narrow net).
            let measured = Array(layers.prefix(band.mean.count))
            if scaled.count > 1 {
                series.append(.band(nil, x: measured, lower: band.lower, upper: band.upper, color: index))
            }
            series.append(
                .line(
                    String(format: "weights × %.1f", scale), x: measured, y: band.mean, style: .linesPoints,
                    color: index))
            if scale != 1 {
                let power = pow(Double(scale), Double(depth))
                series.append(
                    .line(
                        String(format: "× %.1f", scale) + Typography.superscript(depth) + " predicted",
                        x: Array(layers.prefix(baseline.count)), y: baseline.map { $0 * power },
                        style: .dashed, color: index))
            }
        }
        return Figure(
            name: "exploding",
            panels: [
                Panel(
                    title:
                        "ReLU net, He-init weights × k, at initialization: measured (points) and k\(Typography.superscript(depth)) × the k = 1 norms (dashed)",
                    xLabel: "layer l", yLabel: "gradient norm ‖∂L/∂W⁽ˡ⁾‖", yScale: .log, legend: .outside,
                    series: series)
            ], layout: .single)
    }
}

extension [Panel] {
    /// The key under the first panel only (the panels draw the same networks in the same
    /// colours), with one bottom margin for all, so that the plot areas stay level: five lines
    /// for the tick labels, the axis label and the space around them, one per key entry.
    func withOneKey(entries: Int) -> [Panel] {
        enumerated().map { index, panel in
            var panel = panel
            if index > 0 { panel.legend = .hidden }
            panel.bottomMargin = Double(5 + entries)
            return panel
        }
    }
}
