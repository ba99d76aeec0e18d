import Engine
import Foundation
import LessonKit
import Plot

extension VanishingGradientsLesson {
    static func boundFigure() -> Figure {
        let z = (0...200).map { Double($0) / 10 - 10 }
        let depths = (1...20).map(Double.init)
        return Figure(name: "sigmoid", panels: [
            Panel(title: "the sigmoid and its derivative", xLabel: "z", series: [
                .line("σ(z)", x: z, y: z.map { Double(Sigmoid.sigmoid(Float($0))) }, color: 0),
                .line("σ′(z) = σ(z)(1 − σ(z)), at most 0.25", x: z, y: z.map { Double(sigmoidDerivative(Float($0))) }, color: 1),
            ]),
            Panel(title: "largest factor through L sigmoid layers: 0.25ᴸ", xLabel: "layers L", yLabel: "0.25ᴸ", yScale: .log,
                  markers: [Marker(x: 10, label: "0.25¹⁰ ≈ 9.5·10⁻⁷")], series: [
                      .line("0.25ᴸ", x: depths, y: depths.map { pow(0.25, $0) }, style: .linesPoints, color: 1),
                  ]),
        ], layout: .pair)
    }

    func gradientFigure(_ report: Report, epochs: Int, probeCount: Int) -> Figure {
        let layers = (1...(depth + 1)).map(Double.init)
        func perSeed(_ setting: SettingRuns<GradientRun>, _ trained: Bool) -> [[Double]] {
            setting.runs.map { trained ? $0.trainedNorms : $0.initialNorms }
        }
        // Bands end at the first layer whose gradients all vanished (dead ReLUs in a narrow net).
        func series(trained: Bool, overlay: Bool) -> [Series] {
            var series: [Series] = []
            for (index, setting) in report.runs.enumerated() {
                let band = StandardPanels.geometricBand(perSeed(setting, trained))
                let measured = Array(layers.prefix(band.mean.count))
                if setting.runs.count > 1 { series.append(.band(nil, x: measured, lower: band.lower, upper: band.upper, color: index)) }
                series.append(.line(setting.label, x: measured, y: band.mean, style: .linesPoints, color: index))
                // The prediction, anchored at the last hidden layer and carried down layer by layer.
                guard overlay, depth >= 2, index != 1, band.mean.count >= depth else { continue }
                let factor = index == 0 ? report.predictedFactor : 1
                let anchor = band.mean[depth - 1]
                let x = Array(layers.prefix(depth))
                series.append(.line(index == 0 ? String(format: "predicted ×0.25·√n·std(W) = ×1/%.1f per layer", 1 / factor)
                                               : "predicted for ReLU + He: ×1 per layer",
                                    x: x, y: x.map { anchor * pow(factor, Double(depth) - $0) }, style: .dashed, color: index))
            }
            return series
        }
        return Figure(name: "gradients", title: "‖∂L/∂W⁽ˡ⁾‖ on \(probeCount) images, \(depth) hidden layers of \(width) (layer 1 next to the input), ±1 std over \(report.runs[0].runs.count) seeds", panels: [
            Panel(title: "at initialization, with the predicted factor per layer (dashed)", xLabel: "layer l", yLabel: "gradient norm",
                  yScale: .log, series: series(trained: false, overlay: true)),
            Panel(title: "after \(epochs) epochs of SGD", xLabel: "layer l", yLabel: "gradient norm", yScale: .log,
                  series: series(trained: true, overlay: false)),
        ], layout: .pair)
    }

    func trainingFigure(_ runs: [SettingRuns<GradientRun>]) -> Figure {
        Figure(name: "training", title: "\(depth) hidden layers of \(width), SGD lr \(learningRate.value): mean ± std over \(runs[0].runs.count) seeds; training = running average over the epoch", panels: [
            StandardPanels.seedCurves(runs, metrics: [.validationAccuracy, .trainAccuracy],
                                      title: "accuracy: validation (solid), training (dashed)", yLabel: "accuracy (%)"),
            StandardPanels.seedCurves(runs, metrics: [.validationLoss, .trainLoss],
                                      title: "loss: validation (solid), training (dashed)", yLabel: "cross-entropy loss"),
        ], layout: .pair)
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
            if scaled.count > 1 { series.append(.band(nil, x: measured, lower: band.lower, upper: band.upper, color: index)) }
            series.append(.line(String(format: "weights × %.1f", scale), x: measured, y: band.mean, style: .linesPoints, color: index))
            if scale != 1 {
                let power = pow(Double(scale), Double(depth))
                series.append(.line(String(format: "× %.1f", scale) + Typography.superscript(depth) + " predicted", x: Array(layers.prefix(baseline.count)), y: baseline.map { $0 * power },
                                    style: .dashed, color: index))
            }
        }
        return Figure(name: "exploding", panels: [
            Panel(title: "ReLU net, He-init weights × k, at initialization: measured (points) and k\(Typography.superscript(depth)) × the k = 1 norms (dashed)",
                  xLabel: "layer l", yLabel: "gradient norm ‖∂L/∂W⁽ˡ⁾‖", yScale: .log, legend: .outside, series: series),
        ], layout: .single)
    }
}
