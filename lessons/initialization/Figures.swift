import Engine
import Foundation
import LessonKit
import Plot

extension InitializationLesson {
    /// One colour per initialization in every figure of the lesson (palette entry 6, black,
    /// stays free for reference lines). The drawn ones (the normal variants, the default and the
    /// plain normals) get hues far apart: blue, pink, green, sky blue, brown, wine; the uniform
    /// variants, left to the tables, take vermillion and orange.
    static func color(_ scheme: String) -> Int {
        let order = [
            "Xavier uniform", "Xavier normal", "He uniform", "He normal", "PyTorch default", "N(0, 0.001²)", "N(0, 1)",
            "N(0, 0.01²)",
        ]
        let colors = [1, 0, 4, 3, 2, 5, 10, 8]  // not 7: its pale yellow hardly shows on white
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

    /// The room below each signal panel, in characters: the tick labels and the axis label, and
    /// the key's rows under the bottom-left panel.
    static let signalBottomMargin = 8.0

    func signalFigure(_ profiles: [SignalProfile]) -> Figure {
        func panel(_ activation: Activation, gradient: Bool) -> Panel {
            let chosen = profiles.filter { $0.activation == activation && Self.drawnSchemes.contains($0.scheme.name) }
            let series: [Series] = chosen.map { profile in
                .line(
                    profile.scheme.name, x: profile.layers.indices.map { Double($0 + 1) },
                    y: profile.layers.map { Double(gradient ? $0.outputGradient!.std : $0.activation.std) },
                    style: .linesPoints, color: Self.color(profile.scheme.name))
            }
            // One key for the figure, under the bottom-left panel: the colours are the same in all
            // four. Every panel keeps the room for it below, so that all four plot areas have one
            // height and each column's shared y-range is one scale.
            var panel = Panel(
                title: "\(activation.rawValue) network: std of \(gradient ? "∂L/∂activation" : "activations")",
                xLabel: "hidden layer", yLabel: "standard deviation (log scale)", yScale: .log,
                legend: activation == .relu && !gradient ? .below : .hidden, series: series)
            panel.bottomMargin = Self.signalBottomMargin
            return panel
        }
        return Figure(
            name: "signal",
            title:
                "At initialization: does the signal keep its size through \(depth) layers? (one batch; predictions: next figure)",
            panels: zip(
                [panel(.tanh, gradient: false), panel(.relu, gradient: false)].sharingYRange(),
                [panel(.tanh, gradient: true), panel(.relu, gradient: true)].sharingYRange()
                    // Row by row: tanh's activations and gradients, then ReLU's; one y-range per column.
            ).flatMap { [$0, $1] }, layout: .pair)
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
            // What a prediction is checked against is drawn as markers, so that the dashed
            // prediction stays visible where it lies on the measurement; the default's std,
            // which no prediction concerns, as a line.
            series.append(
                .line(
                    profile.scheme.name + (isDefault ? ": std" : ": measured"), x: x,
                    y: profile.layers.map { Double($0.activation.std) },
                    style: isDefault ? .linesPoints : .marker, color: color))
            if isDefault {
                series.append(
                    .line(
                        "PyTorch default: spread over the batch", x: x, y: profile.spreadOverBatch, style: .marker,
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
                        "ReLU network at initialization: activation std per hidden layer, measured (dots) and predicted (dashed)",
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
            // Markers, so that the dashed prediction stays visible where it lies on them.
            signal.append(
                .line(
                    "\(activation.rawValue): measured (mean over seeds)", x: gains, y: measured.map(\.mean),
                    style: .marker,
                    color: colors[activation]))
            signal.append(
                .line(
                    "\(activation.rawValue): predicted (mean field)", x: gains, y: indices.map { predicted[$0].last },
                    style: .dashed,
                    color: colors[activation]))
            // The curve joins the gains at which every seed trained; a gain at which only some
            // did is a separate marker that says on how many seeds it rests.
            let diverged = indices.map { sweep[$0].estimate(\.divergedEpoch).count }
            let trained = zip(indices, diverged).filter { $1 == 0 }.map(\.0)
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
            for (index, count) in zip(indices, diverged) where count > 0 && count < sweep[index].runs.count {
                let seeds = sweep[index].runs.count - count
                accuracy.append(
                    .line(
                        "\(activation.rawValue), g = \(String(format: "%g", Self.gains[index % Self.gains.count])): \(seeds) seed\(seeds == 1 ? "" : "s") of \(sweep[index].runs.count), the rest diverged",
                        x: [Self.gains[index % Self.gains.count]],
                        y: [sweep[index].lastEpochs(Self.lastK, .validationAccuracy).mean], style: .marker,
                        color: colors[activation]))
            }
        }
        let markers = [Marker(x: 2.0.squareRoot(), label: "√2 (He)"), Marker(x: 5.0 / 3, label: "5/3")]
        var trainedPanel = Panel(
            title:
                "after training: validation accuracy, mean of the last \(Self.lastK) epochs ±1 std over \(sweep[0].runs.count) seeds; none where all diverged",
            xLabel: "gain g", yLabel: "validation accuracy (%)", xRange: 0.4...3.1, markers: markers,
            series: accuracy)
        // The marker labels sit in the top eighth of the panel (graph 0.88–0.95): the y-range
        // keeps the data below 0.8 of the height, so no label is drawn over a curve, and the
        // labelled ticks stop at 100 %.
        if let high = trainedPanel.drawnYValues.filter(\.isFinite).max(), high > 0 {
            let top = (high / 0.8 / 10).rounded(.up) * 10
            trainedPanel.yRange = 0...top
            trainedPanel.yTicks = AxisTick.values(stride(from: 0.0, through: min(top, 100), by: 20).map { $0 })
        }
        // The full range shows which gains stay at chance; its points-wide differences and ±1 std
        // bands between the gains that trained need a panel of their own, zoomed on those.
        var zoom = trainedPanel
        zoom.title = "the same, zoomed on the gains that trained (above 50 %); lines to lower points leave the panel"
        let trainedBands = trainedPanel.drawnYValues.filter { $0.isFinite && $0 > 50 }
        if let low = trainedBands.min(), let high = trainedBands.max() {
            // The top fifth stays free for the marker labels.
            let bottom = (low - 1).rounded(.down), top = (high + (high - low) / 4 + 1).rounded(.up)
            zoom.yRange = bottom...top
            // Labels every 2 points over the full run's span, every 5 over a wider one.
            let step: Double = top - bottom > 24 ? 5 : 2
            zoom.yTicks = AxisTick.values(
                stride(from: (bottom / step).rounded(.up) * step, through: top, by: step).map { $0 })
        }
        // The key of the panel above serves both.
        zoom.legend = .hidden
        return Figure(
            name: "gain-sweep", title: "\(depth) hidden layers of \(width), weights N(0, g²/n_in), zero biases",
            panels: [
                Panel(
                    title: "at initialization: std of layer \(depth)'s activations", xLabel: "gain g",
                    yLabel: "std (log scale)",
                    yScale: .log, xRange: 0.4...3.1, markers: markers, series: signal),
                trainedPanel, zoom,
            ].sharingLeftMargin(), layout: .stacked)
    }

    /// Two rows, tanh and ReLU, each comparing a variance-preserving init with the default on
    /// one x range and one y range (same bins, so equal heights are equal shares).
    func histogramFigure(_ profiles: [SignalProfile]) -> Figure {
        let shown: [(Activation, String)] = [
            (.tanh, "Xavier normal"), (.tanh, "PyTorch default"), (.relu, "He normal"), (.relu, "PyTorch default"),
        ]
        let layers = Array(Set([0, depth / 3, 2 * depth / 3, depth - 1])).sorted()
        var panels = shown.map { activation, name in
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
        }
        for row in stride(from: 0, to: panels.count, by: 2) {
            let top = panels[row...].prefix(2).flatMap(\.drawnYValues).max() ?? 1
            for index in row..<min(row + 2, panels.count) { panels[index].yRange = 0...(top * 1.05) }
        }
        return Figure(
            name: "histograms",
            title: "Distribution of each hidden layer's activations at initialization (one y-range per row)",
            panels: panels, layout: .pair)
    }

    func trainingFigure(_ runs: [SettingRuns<DeepRun>], epochs: Int) -> Figure {
        var panel = StandardPanels.seedCurves(
            runs, metrics: [.validationAccuracy, .trainAccuracy],
            title:
                "accuracy: validation (solid), training (dashed, running average over the epoch); the inits at chance coincide",
            yLabel: "accuracy (%)",
            colors: runs.map { Self.color($0.label) })
        // An init whose mean validation curve stays within a point of a later-drawn one's is
        // hidden under it: its legend entry says under which.
        let curves = runs.map { $0.curve(.validationAccuracy).mean }
        var hidden: [String: String] = [:]
        for (index, curve) in curves.enumerated() {
            let cover = curves.indices.dropFirst(index + 1).first { other in
                curves[other].count == curve.count && zip(curves[other], curve).allSatisfy { abs($0 - $1) < 1 }
            }
            if let cover { hidden[runs[index].label] = "\(runs[index].label) (under \(runs[cover].label))" }
        }
        panel.series = panel.series.map { series in
            var series = series
            series.title = series.title.map { hidden[$0] ?? $0 }
            return series
        }
        return Figure(
            name: "training",
            title:
                "\(depth) ReLU layers of \(width), SGD lr 0.01 momentum 0.9: mean ± std over \(runs.first?.runs.count ?? 0) seeds",
            panels: [panel], layout: .single)
    }

    /// The layers the update-to-data figure draws and the report prints: the first, the middle
    /// and the last.
    static func updateRatioLayers(_ history: [[Float]]) -> [Int] {
        let layerCount = history.first?.count ?? 0
        return Array(Set([0, layerCount / 2, layerCount - 1])).sorted()
    }

    func updateFigure(_ ratios: [(Scheme, [[Float]])]) -> Figure {
        // Layers that barely move (the tiny init's lower layers, ratios many decades down) would
        // stretch the shared axis over empty decades: the axis stops at 10⁻⁷, four decades under
        // the rule of thumb, and a panel's title names the layers that stay below it throughout
        // instead of drawing them on the axis's floor as if that were their value.
        let floor = 1e-7
        let drawn = ratios.flatMap { $0.1.flatMap { $0 } }.map(Double.init).filter { $0 >= floor }
        let low = max(floor, pow(10, log10(drawn.min() ?? floor).rounded(.down)))
        let high = pow(10, log10(drawn.max() ?? 1).rounded(.up))
        return Figure(
            name: "update-ratio",
            title:
                "Update-to-data ratio std(Δw)/std(w) per layer over the first steps (deep ReLU net, SGD lr 0.01 momentum 0.9)",
            panels: ratios.map { scheme, history in
                let steps = history.indices.map { Double($0 + 1) }
                let shown = Self.updateRatioLayers(history)
                let below = shown.filter { layer in history.allSatisfy { Double($0[layer]) < low } }
                var title = scheme.name
                if !below.isEmpty {
                    let names = below.map { "\($0 + 1)" }.joined(separator: " and ")
                    title +=
                        ": layer\(below.count > 1 ? "s" : "") \(names) below 10\(Typography.superscript(Int(log10(low).rounded()))) throughout, not drawn"
                }
                return Panel(
                    title: title, xLabel: "step", yLabel: "update / data", yScale: .log, yRange: low...high,
                    legend: .outside,
                    series: shown.enumerated().filter { !below.contains($0.element) }.map { index, layer in
                        // A step under the axis leaves a gap in its line (a row of NaN only: a break).
                        let drawn = history.map { Double($0[layer]) >= low }
                        return .line(
                            "layer \(layer + 1)", x: zip(steps, drawn).map { $1 ? $0 : .nan },
                            y: zip(history, drawn).map { $1 ? Double($0[layer]) : .nan }, color: index)
                    } + [
                        .line(
                            "10⁻³ (rule of thumb)", x: [1, Double(history.count)], y: [1e-3, 1e-3], style: .dashed,
                            color: 6)
                    ])
            }, layout: .stacked)
    }

    /// The running average of the minibatch loss per step, mean ± std over seeds, log axes.
    func slowFigure(_ runs: [SettingRuns<EscapeRun>]) -> Figure {
        var panel = StandardPanels.seedMinibatchLoss(
            runs, window: Self.lossWindow, batchSize: Self.batchSize,
            title:
                "784→64→64→10 from small weights: minibatch loss (running average over \(Self.lossWindow) steps), ±1 std over \(runs.first?.runs.count ?? 0) seeds",
            colors: runs.map { Self.color($0.label) })
        // The losses span about a decade: the axis fitted to them (no empty decade above the
        // chance line), labelled at 1-2-5, not only at the powers of ten.
        panel = [panel].sharingYRange()[0].labellingLogYRange()
        return Figure(name: "slow-convergence", panels: [panel], layout: .single)
    }
}
