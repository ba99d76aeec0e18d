import Engine
import Foundation
import LessonKit
import Plot

extension InitializationLesson {
    /// One colour per initialization in every figure of the lesson (palette entry 6, black,
    /// stays free for reference lines).
    static func color(_ scheme: String) -> Int {
        let order = ["Xavier uniform", "Xavier normal", "He uniform", "He normal", "PyTorch default", "N(0, 0.001²)", "N(0, 1)", "N(0, 0.01²)"]
        let colors = [0, 1, 2, 3, 4, 5, 10, 8]   // not 7: its pale yellow hardly shows on white
        return order.firstIndex(of: scheme.replacingOccurrences(of: "shallow, ", with: "")).map { colors[$0] } ?? 9
    }

    /// The predicted ReLU activation std per hidden layer, anchored at layer 1's measured std.
    func predictedReLUCurve(_ profile: SignalProfile) -> [Double]? {
        guard let factor = predictedReLUFactor(profile.scheme) else { return nil }
        let first = Double(profile.layers[0].activation.std)
        return profile.layers.indices.map { first * pow(factor, Double($0)) }
    }

    func signalFigure(_ profiles: [SignalProfile]) -> Figure {
        func panel(_ activation: Activation, gradient: Bool) -> Panel {
            let chosen = profiles.filter { $0.activation == activation }
            var series: [Series] = []
            for profile in chosen {
                let x = profile.layers.indices.map { Double($0 + 1) }
                let color = Self.color(profile.scheme.name)
                series.append(.line(profile.scheme.name, x: x,
                                    y: profile.layers.map { Double(gradient ? $0.outputGradient!.std : $0.activation.std) },
                                    style: .linesPoints, color: color))
                if activation == .relu, !gradient, ["Xavier normal", "He normal", "PyTorch default"].contains(profile.scheme.name),
                   let predicted = predictedReLUCurve(profile) {
                    series.append(.line(nil, x: x, y: predicted, style: .dashed, color: color))
                }
            }
            return Panel(title: "\(activation.rawValue) network: std of \(gradient ? "∂L/∂activation" : "activations")"
                            + (activation == .relu && !gradient ? " (dashed: predicted)" : ""),
                         xLabel: "hidden layer", yLabel: "standard deviation", yScale: .log, series: series)
        }
        return Figure(name: "signal", title: "At initialization: does the signal keep its size through \(depth) layers? (one batch)", panels: [
            panel(.tanh, gradient: false), panel(.tanh, gradient: true), panel(.relu, gradient: false), panel(.relu, gradient: true),
        ], layout: .pair)
    }

    /// The ReLU activations under Xavier, He and PyTorch's default only, on a range where their
    /// gaps are visible, with the predicted factor per layer: ×1/√2 for Xavier, ×1 for He,
    /// ×1/√6 for the default.
    func focusFigure(_ profiles: [SignalProfile]) -> Figure {
        let chosen = profiles.filter {
            $0.activation == .relu && ($0.scheme.name.hasPrefix("Xavier") || $0.scheme.name.hasPrefix("He") || $0.scheme.name == "PyTorch default")
        }
        var series: [Series] = []
        for profile in chosen {
            let x = profile.layers.indices.map { Double($0 + 1) }
            let color = Self.color(profile.scheme.name)
            series.append(.line(profile.scheme.name, x: x, y: profile.layers.map { Double($0.activation.std) }, style: .linesPoints, color: color))
            if profile.scheme.name.hasSuffix("normal") || profile.scheme.name == "PyTorch default", let predicted = predictedReLUCurve(profile) {
                let who = profile.scheme.name == "PyTorch default" ? "the default" : profile.scheme.name.components(separatedBy: " ")[0]
                series.append(.line(String(format: "predicted for %@: ×%.3f per layer", who, predictedReLUFactor(profile.scheme)!),
                                    x: x, y: predicted, style: .dashed, color: color))
            }
        }
        return Figure(name: "xavier-vs-he", panels: [
            Panel(title: "ReLU network at initialization: activation std per hidden layer, Xavier, He and PyTorch's default", xLabel: "hidden layer",
                  yLabel: "standard deviation (log scale)", yScale: .log, series: series),
        ], layout: .single)
    }

    func histogramFigure(_ profiles: [SignalProfile]) -> Figure {
        let shown: [(Activation, String)] = [(.tanh, "Xavier normal"), (.tanh, "PyTorch default"), (.relu, "He normal"), (.relu, "PyTorch default")]
        let layers = Array(Set([0, depth / 3, 2 * depth / 3, depth - 1])).sorted()
        return Figure(name: "histograms", title: "Distribution of each hidden layer's activations at initialization", panels: shown.map { activation, name in
            let profile = profiles.first { $0.activation == activation && $0.scheme.name == name }!
            let range: ClosedRange<Float> = activation == .tanh ? -1...1 : 0...3
            return Panel(title: "\(activation.rawValue), \(name)", xLabel: "activation", yLabel: "share of units (%)",
                         series: layers.enumerated().map { index, layer in
                             let output = profile.layers[layer].output.storage
                             // ReLU's exact zeros would dwarf the rest: the label gives their share.
                             let values = activation == .tanh ? output : output.filter { $0 > 0 }
                             let (centers, counts, _) = Series.binned(values, bins: 60, range: range)
                             let total = Double(max(output.count, 1))
                             let zeros = activation == .relu
                                 ? String(format: " (%.0f%% zero)", 100 * profile.layers[layer].activation.fractionZero) : ""
                             return .line(String(format: "layer %d: std %.3f", layer + 1, profile.layers[layer].activation.std) + zeros,
                                          x: centers, y: counts.map { 100 * Double($0) / total }, color: index)
                         })
        }, layout: .pair)
    }

    func trainingFigure(_ runs: [SettingRuns<DeepRun>], epochs: Int) -> Figure {
        Figure(name: "training", title: "\(depth) ReLU layers of \(width), SGD lr 0.01 momentum 0.9: mean ± std over \(runs.first?.runs.count ?? 0) seeds", panels: [
            StandardPanels.seedCurves(runs, metrics: [.validationAccuracy, .trainAccuracy],
                                      title: "accuracy: validation (solid), training (dashed, running average over the epoch)", yLabel: "accuracy (%)",
                                      colors: runs.map { Self.color($0.label) }),
        ], layout: .single)
    }

    func updateFigure(_ ratios: [(Scheme, [[Float]])]) -> Figure {
        let floor = 1e-12
        let all = ratios.flatMap { $0.1.flatMap { $0 } }.map { max(Double($0), floor) }
        let low = pow(10, (log10(all.min() ?? floor)).rounded(.down)), high = pow(10, (log10(all.max() ?? 1)).rounded(.up))
        return Figure(name: "update-ratio", title: "Update-to-data ratio std(Δw)/std(w) per layer over the first steps (deep ReLU net, SGD lr 0.01 momentum 0.9)",
               panels: ratios.map { scheme, history in
                   let steps = history.indices.map { Double($0 + 1) }
                   let layerCount = history.first?.count ?? 0
                   let shown = Array(Set([0, layerCount / 2, layerCount - 1])).sorted()
                   return Panel(title: scheme.name, xLabel: "step", yLabel: "update / data", yScale: .log, yRange: low...high, legend: .outside,
                                series: shown.enumerated().map { index, layer in
                                    .line("layer \(layer + 1)", x: steps, y: history.map { Double(max($0[layer], 1e-12)) }, color: index)
                                } + [.line("10⁻³ (rule of thumb)", x: [1, Double(history.count)], y: [1e-3, 1e-3], style: .dashed, color: 6)])
               }, layout: .stacked)
    }

    /// The running average of the minibatch loss per step, mean ± std over seeds, log axes.
    func slowFigure(_ runs: [SettingRuns<EscapeRun>]) -> Figure {
        Figure(name: "slow-convergence", panels: [
            StandardPanels.seedMinibatchLoss(runs, window: Self.lossWindow, batchSize: Self.batchSize,
                                             title: "784→64→64→10 from small weights: minibatch loss (running average over \(Self.lossWindow) steps), ±1 std over \(runs.first?.runs.count ?? 0) seeds",
                                             colors: runs.map { Self.color($0.label) }),
        ], layout: .single)
    }
}
