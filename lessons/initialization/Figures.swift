import Engine
import Foundation
import LessonKit
import Plot

extension InitializationLesson {
    /// One colour per initialization in every figure of the lesson (palette entry 6, black,
    /// stays free for reference lines).
    static func color(_ scheme: String) -> Int {
        let order = [
            "Xavier uniform", "Xavier normal", "He uniform", "He normal", "PyTorch default", "N(0, 0.001²)", "N(0, 1)",
            "N(0, 0.01²)",
        ]
        let colors = [0, 1, 2, 3, 4, 5, 10, 8]  // not 7: its pale yellow hardly shows on white
        return order.firstIndex(of: scheme.replacingOccurrences(of: "shallow, ", with: "")).map { colors[$0] } ?? 9
    }

    /// The predicted ReLU activation std per hidden layer, anchored at layer 1's measured std.
    func predictedReLUCurve(_ profile: SignalProfile) -> [Double]? {
        guard let factor = predictedReLUFactor(profile.scheme) else { return nil }
        let first = Double(profile.layers[0].activation.std)
        return profile.layers.indices.map { first * pow(factor, Double($0)) }
    }

    /// The schemes the signal figures draw: one of each family (the uniform variants lie on
    /// their normal twins; the table has them).
    static let drawnSchemes = ["Xavier normal", "He normal", "PyTorch default", "N(0, 0.001²)", "N(0, 1)"]

    func signalFigure(_ profiles: [SignalProfile]) -> Figure {
        func panel(_ activation: Activation, gradient: Bool) -> Panel {
            let chosen = profiles.filter { $0.activation == activation && Self.drawnSchemes.contains($0.scheme.name) }
            let series: [Series] = chosen.map { profile in
                .line(
                    profile.scheme.name, x: profile.layers.indices.map { Double($0 + 1) },
                    y: profile.layers.map { Double(gradient ? $0.outputGradient!.std : $0.activation.std) },
                    style: .linesPoints, color: Self.color(profile.scheme.name))
            }
            // One legend per row of the figure (the bottom one): the colours are the same in all four panels.
            return Panel(
                title: "\(activation.rawValue) network: std of \(gradient ? "∂L/∂activation" : "activations")",
                xLabel: "hidden layer", yLabel: "standard deviation (log scale)", yScale: .log,
                legend: activation == .relu ? .below : .hidden, series: series)
        }
        return Figure(
            name: "signal",
            title:
                "At initialization: does the signal keep its size through \(depth) layers? (one batch; predictions: next figure)",
            panels: [
                panel(.tanh, gradient: false), panel(.tanh, gradient: true), panel(.relu, gradient: false),
                panel(.relu, gradient: true),
            ], layout: .pair)
    }

    /// The ReLU activations under Xavier, He and PyTorch's default, on a range where their
    /// gaps are visible, with the predicted factor per layer: ×1/√2 for Xavier, ×1 for He,
    /// ×1/√6 for the default. The default's biases are drawn, so its activations' std is
    /// mostly the biases' spread; its prediction concerns the part that depends on the input,
    /// the spread over the batch, drawn beside it.
    func focusFigure(_ profiles: [SignalProfile]) -> Figure {
        let chosen = profiles.filter {
            $0.activation == .relu && ["Xavier normal", "He normal", "PyTorch default"].contains($0.scheme.name)
        }
        var series: [Series] = []
        for profile in chosen {
            let x = profile.layers.indices.map { Double($0 + 1) }
            let color = Self.color(profile.scheme.name)
            let isDefault = profile.scheme.name == "PyTorch default"
            series.append(
                .line(
                    profile.scheme.name + (isDefault ? ": std" : ""), x: x,
                    y: profile.layers.map { Double($0.activation.std) },
                    style: .linesPoints, color: color))
            if isDefault {
                series.append(
                    .line(
                        "PyTorch default: spread over the batch", x: x, y: profile.spreadOverBatch, style: .lines,
                        color: color))
            }
            guard let factor = predictedReLUFactor(profile.scheme) else { continue }
            let anchor = isDefault ? profile.spreadOverBatch[0] : Double(profile.layers[0].activation.std)
            let who = isDefault ? "the default's spread" : profile.scheme.name.components(separatedBy: " ")[0]
            series.append(
                .line(
                    String(format: "predicted for %@: ×%.3f per layer", who, factor),
                    x: x, y: x.map { anchor * pow(factor, $0 - 1) }, style: .dashed, color: color))
        }
        return Figure(
            name: "xavier-vs-he",
            panels: [
                Panel(
                    title:
                        "ReLU network at initialization: activation std per hidden layer, measured (solid) and predicted (dashed)",
                    xLabel: "hidden layer",
                    yLabel: "standard deviation (log scale)", yScale: .log, series: series)
            ], layout: .single)
    }

    /// Layer-\(depth) activation std at initialization and trained accuracy against the gain:
    /// where the signal neither collapses nor explodes, training works.
    func gainFigure(_ sweep: [SettingRuns<GainRun>], predicted: [(first: Double, last: Double)]) -> Figure {
        let colors: [Activation: Int] = [.tanh: 0, .relu: 1]
        var signal: [Series] = [], accuracy: [Series] = []
        for activation in [Activation.tanh, .relu] {
            let indices = sweep.indices.filter { sweep[$0].label.hasPrefix(activation.rawValue + ",") }
            let gains = indices.map { Self.gains[$0 % Self.gains.count] }
            let measured = indices.map { sweep[$0].estimate(\.lastLayerStd) }
            signal.append(
                .line(
                    "\(activation.rawValue): measured (mean over seeds)", x: gains, y: measured.map(\.mean),
                    style: .linesPoints,
                    color: colors[activation]))
            signal.append(
                .line(
                    "\(activation.rawValue): predicted (mean field)", x: gains, y: indices.map { predicted[$0].last },
                    style: .dashed,
                    color: colors[activation]))
            let trained = indices.filter { sweep[$0].estimate(\.divergedEpoch).count < sweep[$0].runs.count }
            let final = trained.map { sweep[$0].lastEpochs(Self.lastK, .validationAccuracy) }
            let x = trained.map { Self.gains[$0 % Self.gains.count] }
            if sweep[0].runs.count > 1 {
                accuracy.append(
                    .band(
                        nil, x: x, lower: final.map { $0.mean - $0.std }, upper: final.map { $0.mean + $0.std },
                        color: colors[activation]))
            }
            accuracy.append(
                .line(activation.rawValue, x: x, y: final.map(\.mean), style: .linesPoints, color: colors[activation]))
        }
        let markers = [Marker(x: 2.0.squareRoot(), label: "√2 (He)"), Marker(x: 5.0 / 3, label: "5/3")]
        return Figure(
            name: "gain-sweep", title: "\(depth) hidden layers of \(width), weights N(0, g²/n_in), zero biases",
            panels: [
                Panel(
                    title: "at initialization: std of layer \(depth)'s activations", xLabel: "gain g",
                    yLabel: "std (log scale)",
                    yScale: .log, xRange: 0.4...3.1, markers: markers, series: signal),
                Panel(
                    title:
                        "after training: validation accuracy, mean of the last \(Self.lastK) epochs, ±1 std over \(sweep[0].runs.count) seeds",
                    xLabel: "gain g", yLabel: "validation accuracy (%)", xRange: 0.4...3.1, markers: markers,
                    series: accuracy),
            ], layout: .stacked)
    }

    func histogramFigure(_ profiles: [SignalProfile]) -> Figure {
        let shown: [(Activation, String)] = [
            (.tanh, "Xavier normal"), (.tanh, "PyTorch default"), (.relu, "He normal"), (.relu, "PyTorch default"),
        ]
        let layers = Array(Set([0, depth / 3, 2 * depth / 3, depth - 1])).sorted()
        return Figure(
            name: "histograms", title: "Distribution of each hidden layer's activations at initialization",
            panels: shown.map { activation, name in
                let profile = profiles.first { $0.activation == activation && $0.scheme.name == name }!
                let range: ClosedRange<Float> = activation == .tanh ? -1...1 : 0...3
                return Panel(
                    title: "\(activation.rawValue), \(name)", xLabel: "activation", yLabel: "share of units (%)",
                    series: layers.enumerated().map { index, layer in
                        let output = profile.layers[layer].output.storage
                        // ReLU's exact zeros would dwarf the rest: the label gives their share.
                        let values = activation == .tanh ? output : output.filter { $0 > 0 }
                        let (centers, counts, _) = Series.binned(values, bins: 60, range: range)
                        let total = Double(max(output.count, 1))
                        let zeros =
                            activation == .relu
                            ? String(format: " (%.0f%% zero)", 100 * profile.layers[layer].activation.fractionZero) : ""
                        return .line(
                            String(format: "layer %d: std %.3f", layer + 1, profile.layers[layer].activation.std)
                                + zeros,
                            x: centers, y: counts.map { 100 * Double($0) / total }, color: index)
                    })
            }, layout: .pair)
    }

    func trainingFigure(_ runs: [SettingRuns<DeepRun>], epochs: Int) -> Figure {
        Figure(
            name: "training",
            title:
                "\(depth) ReLU layers of \(width), SGD lr 0.01 momentum 0.9: mean ± std over \(runs.first?.runs.count ?? 0) seeds",
            panels: [
                StandardPanels.seedCurves(
                    runs, metrics: [.validationAccuracy, .trainAccuracy],
                    title:
                        "accuracy: validation (solid), training (dashed, running average over the epoch); the inits at chance coincide",
                    yLabel: "accuracy (%)",
                    colors: runs.map { Self.color($0.label) })
            ], layout: .single)
    }

    func updateFigure(_ ratios: [(Scheme, [[Float]])]) -> Figure {
        // Layers that do not move at all would stretch the axis over ten empty decades: the
        // axis starts 10⁻⁷ (four decades under the rule of thumb) and such layers sit on its floor.
        let floor = 1e-7
        let all = ratios.flatMap { $0.1.flatMap { $0 } }.map { max(Double($0), floor) }
        let low = floor, high = pow(10, (log10(all.max() ?? 1)).rounded(.up))
        return Figure(
            name: "update-ratio",
            title:
                "Update-to-data ratio std(Δw)/std(w) per layer over the first steps (deep ReLU net, SGD lr 0.01 momentum 0.9)",
            panels: ratios.map { scheme, history in
                let steps = history.indices.map { Double($0 + 1) }
                let layerCount = history.first?.count ?? 0
                let shown = Array(Set([0, layerCount / 2, layerCount - 1])).sorted()
                return Panel(
                    title: scheme.name, xLabel: "step", yLabel: "update / data", yScale: .log, yRange: low...high,
                    legend: .outside,
                    series: shown.enumerated().map { index, layer in
                        .line(
                            "layer \(layer + 1)", x: steps, y: history.map { max(Double($0[layer]), floor) },
                            color: index)
                    } + [
                        .line(
                            "10⁻³ (rule of thumb)", x: [1, Double(history.count)], y: [1e-3, 1e-3], style: .dashed,
                            color: 6)
                    ])
            }, layout: .stacked)
    }

    /// The running average of the minibatch loss per step, mean ± std over seeds, log axes.
    func slowFigure(_ runs: [SettingRuns<EscapeRun>]) -> Figure {
        Figure(
            name: "slow-convergence",
            panels: [
                StandardPanels.seedMinibatchLoss(
                    runs, window: Self.lossWindow, batchSize: Self.batchSize,
                    title:
                        "784→64→64→10 from small weights: minibatch loss (running average over \(Self.lossWindow) steps), ±1 std over \(runs.first?.runs.count ?? 0) seeds",
                    colors: runs.map { Self.color($0.label) })
            ], layout: .single)
    }
}
