import Engine
import Foundation
import LessonKit
import Plot

extension HyperparametersLesson {
    /// What is searched, for figure titles.
    static func searchedSpace(_ budget: Budget) -> String {
        "784→width→10 MLP, SGD, \(budget.epochs) epoch\(budget.epochs == 1 ? "" : "s") on \(budget.trainSize) images; searched: learning rate 10⁻⁴…1, width 16…512, dropout 0…0.7"
    }

    /// Best validation accuracy so far against the trial number: mean over the repeated
    /// searches with a ±1 std band, one color per strategy. The y axis covers the range from
    /// the fifth trial on, where the strategies differ; the first few trials' lower values
    /// leave the panel at the bottom.
    static func progressFigure(_ runs: [SettingRuns<SearchRun>], trials: Int, budget: Budget) -> Figure {
        let x = (1...trials).map(Double.init)
        var series: [Series] = []
        var low = Double.infinity, high = -Double.infinity
        for (index, setting) in runs.enumerated() {
            let estimates = (1...trials).map { bestAfter($0, setting) }
            for estimate in estimates.suffix(max(trials - 4, 1)) {
                low = min(low, estimate.mean - estimate.std)
                high = max(high, estimate.mean + estimate.std)
            }
            if setting.runs.count > 1 {
                series.append(.spread(x: x, estimates, color: index))
            }
            series.append(.line(setting.label, x: x, y: estimates.map(\.mean), style: .linesPoints, color: index))
        }
        let count = runs.first?.runs.count ?? 0
        let margin = max((high - low) * 0.05, 0.5)
        return Figure(
            name: "progress", title: searchedSpace(budget),
            panels: [
                Panel(
                    title:
                        "best validation accuracy so far: mean ± std over \(count) repeated searches (earlier trials leave the axis)",
                    xLabel: "trial",
                    yLabel: "accuracy (%)", xRange: 1...Double(trials), yRange: (low - margin)...(high + margin),
                    legend: .outside, series: series)
            ], layout: .single)
    }

    /// The Gaussian process of one Bayesian search along the learning rate, after each
    /// checkpoint's trials: posterior mean ± σ over the trials (top row, shared axis) and the
    /// expected improvement that picks the next trial (bottom row).
    static func posteriorFigure(_ posteriors: [Posterior]) -> Figure {
        let accuracies = posteriors.flatMap {
            $0.observed.map { 100 * Double($0.accuracy) } + $0.curve.flatMap { [$0.mean - $0.std, $0.mean + $0.std] }
        }
        let range = (max(accuracies.min() ?? 0, 0) - 2)...(min(accuracies.max() ?? 100, 100) + 2)
        let top = posteriors.map { posterior in
            let x = posterior.curve.map(\.logRate)
            return Panel(
                title: String(
                    format: "%d trials; at width %d, dropout %.2f", posterior.trials, posterior.incumbent.width,
                    posterior.incumbent.dropout),
                xLabel: "log₁₀ learning rate", yLabel: "validation accuracy (%)", xRange: -4...0, yRange: range,
                legend: .hidden,
                series: [
                    .band(
                        "posterior mean ± σ", x: x, lower: posterior.curve.map { $0.mean - $0.std },
                        upper: posterior.curve.map { $0.mean + $0.std }, color: 2),
                    .line("posterior mean", x: x, y: posterior.curve.map(\.mean), color: 2),
                    .line(
                        "trials (any width and dropout)",
                        x: posterior.observed.map { log10(Double($0.setting.learningRate)) },
                        y: posterior.observed.map { 100 * Double($0.accuracy) }, style: .points, color: 6),
                ])
        }
        let bottom = posteriors.map { posterior in
            Panel(
                title: String(format: "EI; lr length scale %.2f", posterior.surrogate.lengthScales[0]),
                xLabel: "log₁₀ learning rate", yLabel: "EI (points)", xRange: -4...0, legend: .hidden,
                series: [
                    .line(nil, x: posterior.curve.map(\.logRate), y: posterior.curve.map(\.improvement), color: 1)
                ])
        }
        return Figure(
            name: "posterior",
            title:
                "First Bayesian search, along the learning rate: GP mean ± σ with the trials so far (top), expected improvement EI (bottom)",
            panels: top + bottom, layout: .smallMultiples)
    }

    /// The trials of one search per strategy in the (learning rate, width) plane.
    static func spaceFigure(_ searches: [Search]) -> Figure {
        let accuracies = searches.flatMap { $0.trials.map { 100 * Double($0.accuracy) } }
        let colors = accuracies.min()!...max(accuracies.max()!, accuracies.min()! + 1)
        return Figure(
            name: "search-space",
            title:
                "One search of each strategy (the first seed): trials colored by validation accuracy (dropout not shown)",
            panels: searches.map { search in
                // An x range wider than 5 makes gnuplot tick every whole decade; at 4.4 it ticks
                // every half and the labels run into each other in a panel this narrow.
                Panel(
                    title: "\(search.strategy.rawValue) search", xLabel: "log₁₀ learning rate",
                    yLabel: "log₂ hidden width",
                    xRange: -4.6...0.6, yRange: 3.8...9.2, legend: .hidden,
                    series: [
                        .scatter(
                            nil, x: search.trials.map { log10(Double($0.setting.learningRate)) },
                            y: search.trials.map { log2(Double($0.setting.width)) },
                            value: search.trials.map { 100 * Double($0.accuracy) },
                            valueLabel: "validation accuracy (%)",
                            valueRange: colors)
                    ])
            }, layout: .triple)
    }

    /// Validation accuracy against each hyperparameter, every random trial of every search.
    static func marginalsFigure(_ searches: [Search]) -> Figure {
        let trials = searches.flatMap(\.trials)
        let accuracy = trials.map { 100 * Double($0.accuracy) }
        let dimensions: [(String, (Setting) -> Double)] = [
            ("log₁₀ learning rate", { log10(Double($0.learningRate)) }),
            ("log₂ hidden width", { log2(Double($0.width)) }),
            ("dropout probability", { Double($0.dropout) }),
        ]
        return Figure(
            name: "marginals",
            title:
                "Random search, all \(trials.count) trials of \(searches.count) searches: validation accuracy against each hyperparameter",
            panels: dimensions.map { name, value in
                var panel = Panel(
                    xLabel: name, yLabel: "validation accuracy (%)", yRange: 0...100, legend: .hidden,
                    series: [
                        .line(nil, x: trials.map { value($0.setting) }, y: accuracy, style: .points, color: 0)
                    ])
                // Whole powers only: gnuplot's half steps crowd a panel a third of the page wide.
                if name.hasPrefix("log") { panel.xTickStep = 1 }
                return panel
            }, layout: .triple)
    }

    /// Minibatch losses of batch 8 and batch 128 on one shared linear axis (the losses span
    /// about a decade, where a log axis would show a single tick).
    static func zigzagFigure(_ runs: [(batchSize: Int, history: History)]) -> Figure {
        let losses = runs.flatMap(\.history.minibatchLosses).map(Double.init).filter(\.isFinite)
        let range = 0...((losses.max() ?? 3) * 1.05)
        return Figure(
            name: "zigzag", title: "One epoch of 784→128→10, SGD lr 0.05: minibatch loss on a shared axis",
            panels: runs.enumerated().map { index, run in
                let steps = run.history.minibatchLosses.count
                var panel = StandardPanels.minibatchLoss(
                    run.history, title: "batch \(run.batchSize): \(steps) steps",
                    window: max(10, steps / 20), colors: (index == 0 ? 5 : 4, index))
                panel.yScale = .linear
                panel.yRange = range
                panel.xRange = 0...1
                return panel
            }, layout: .pair)
    }
}
