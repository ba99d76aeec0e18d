import Engine
import Foundation
import LabMath
import LessonKit
import Plot

extension HyperparametersLesson {
    /// What is searched, for figure titles.
    static func searchedSpace(_ budget: Budget) -> String {
        "784→width→10 MLP, SGD, \(budget.epochs) epoch\(budget.epochs == 1 ? "" : "s") on \(budget.trainSize) images; searched: learning rate 10⁻⁴…1, width 16…512, dropout 0…0.7"
    }

    /// Best validation accuracy so far against the trial number: mean over the repeated
    /// searches with a ±1 std band, one color per strategy; every trial on the top panel, and
    /// below, on axes fitted to them, the trials from the fifth on, where the strategies
    /// differ (the first trials' wide bands would leave a fitted axis).
    static func progressFigure(_ runs: [SettingRuns<SearchRun>], trials: Int, budget: Budget) -> Figure {
        let x = (1...trials).map(Double.init)
        let zoomFrom = min(5, trials)
        var all: [Series] = [], late: [Series] = []
        for (index, setting) in runs.enumerated() {
            let estimates = (1...trials).map { bestAfter($0, setting) }
            let tail = Array(estimates.suffix(from: zoomFrom - 1)), tailX = Array(x.suffix(from: zoomFrom - 1))
            if setting.runs.count > 1 {
                all.append(.spread(x: x, estimates, color: index))
                late.append(.spread(x: tailX, tail, color: index))
            }
            all.append(.line(setting.label, x: x, y: estimates.map(\.mean), style: .linesPoints, color: index))
            late.append(.line(setting.label, x: tailX, y: tail.map(\.mean), style: .linesPoints, color: index))
        }
        let count = runs.first?.runs.count ?? 0
        // Each panel's trial axis starts at its first trial: the zoom's empty first trials
        // would only squeeze it.
        func panel(_ title: String, _ series: [Series], from first: Int, legend: LegendPosition) -> Panel {
            var panel = Panel(
                title: title, xLabel: "trial", yLabel: "accuracy (%)",
                xRange: Double(first)...Double(max(trials, first + 1)),
                legend: legend, series: series)
            // Accuracies: the band's ±1 std stays on the axis only where it means something.
            let values = panel.drawnYValues
            if let low = values.min(), let high = values.max() {
                let margin = max((high - low) * 0.05, 0.5)
                panel.yRange = max(low - margin, 0)...min(high + margin, 100)
            }
            return panel
        }
        return Figure(
            name: "progress", title: searchedSpace(budget),
            panels: [
                panel(
                    "best validation accuracy so far: mean ± std over \(count) repeated searches, every trial", all,
                    from: 1, legend: .hidden),
                panel(
                    "the same from trial \(zoomFrom) on, on an axis fitted to it", late, from: zoomFrom,
                    legend: .below),
            ], layout: .stacked)
    }

    /// The Gaussian process of one Bayesian search along the learning rate, after each
    /// checkpoint's trials: posterior mean ± σ over the trials (top row) and the expected
    /// improvement that picks the next trial (bottom row), each row on one y-range. Every
    /// panel reads its fit at the same width and dropout, those of the last fit's best tried
    /// point: slices at different widths would not be comparable.
    static func posteriorFigure(_ posteriors: [Posterior]) -> Figure {
        let slice = posteriors.last!.incumbent
        let logRates = (0...100).map { -4 + 4 * Double($0) / 100 }
        let curves = posteriors.map { $0.reading(logRates, at: slice) }
        let top = zip(posteriors, curves).map { posterior, curve in
            Panel(
                title: "\(posterior.trials) trials", xLabel: "log₁₀ learning rate", yLabel: "validation accuracy (%)",
                xRange: -4...0, legend: .hidden,
                series: [
                    .band(
                        "posterior mean ± σ", x: logRates, lower: curve.map { $0.mean - $0.std },
                        upper: curve.map { $0.mean + $0.std }, color: 2),
                    .line("posterior mean", x: logRates, y: curve.map { $0.mean }, color: 2),
                    .line(
                        "trials (any width and dropout)",
                        x: posterior.observed.map { log10(Double($0.setting.learningRate)) },
                        y: posterior.observed.map { 100 * Double($0.accuracy) }, style: .points, color: 6),
                ])
        }
        let bottom = zip(posteriors, curves).map { posterior, curve in
            Panel(
                title: String(format: "EI; lr length scale %.2f", posterior.surrogate.lengthScales[0]),
                xLabel: "log₁₀ learning rate", yLabel: "EI (points)", xRange: -4...0, legend: .hidden,
                series: [.line(nil, x: logRates, y: curve.map { $0.improvement }, color: 1)])
        }
        var accuracyRow = top.sharingYRange()
        // Accuracies stay within 0…100 whatever σ's band does beyond the trials.
        for index in accuracyRow.indices {
            if let range = accuracyRow[index].yRange {
                accuracyRow[index].yRange = max(range.lowerBound, 0)...min(range.upperBound, 100)
            }
        }
        let improvementTop = bottom.flatMap(\.drawnYValues).max() ?? 1
        let improvementRow = bottom.map { panel in
            var panel = panel
            panel.yRange = 0...(improvementTop * 1.05)
            return panel
        }
        return Figure(
            name: "posterior",
            title: String(
                format:
                    "GP of the first Bayesian search along the learning rate at width %d, dropout %.2f: mean ± σ and trials (top), EI (bottom)",
                slice.width, slice.dropout),
            panels: accuracyRow + improvementRow, layout: .smallMultiples)
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
                // Odd, so that each step has a centre; centred, so that it does not lag.
                let window = max(10, steps / 20) | 1
                // Each panel's raw losses in a light colour, their mean in a dark one of like hue:
                // sky blue and blue, orange and brown (vermillion beside orange read as one).
                let (raw, smoothed) = index == 0 ? (5, 0) : (4, 10)
                var panel = StandardPanels.minibatchLoss(
                    run.history, title: "batch \(run.batchSize): \(steps) steps", window: window,
                    colors: (raw, smoothed))
                panel.series[1] = panel.series[0].centredMean(
                    window: window, title: "mean over the \(window) steps centred on each", color: smoothed,
                    fullWindowsOnly: true)
                panel.yScale = .linear
                panel.yRange = range
                panel.xRange = 0...1
                return panel
            }, layout: .pair)
    }

    /// The report's six paired verdicts, two Holm families of three: the best validation score
    /// each search found, and its chosen setting retrained and scored on test. The progress
    /// figure's ±1 std bands over searches carry the noise that pairing by seed removes.
    static func differencesFigure(_ comparisons: StrategyComparisons, trials: Int, searches: Int) -> Figure {
        Figure(
            name: "differences",
            title:
                "Search strategies: paired differences over \(searches) seeds, 95 % intervals, Holm over each panel's three",
            panels: [
                StandardPanels.differenceForest(
                    comparisons.labels, comparisons.best.differences, holm: comparisons.best,
                    title: "best validation accuracy after \(trials) trials: right is better",
                    xLabel: "difference in validation accuracy (points)"),
                StandardPanels.differenceForest(
                    comparisons.labels, comparisons.retested.differences, holm: comparisons.retested,
                    title: "the chosen setting retrained, test accuracy: right is better",
                    xLabel: "difference in test accuracy (points)"),
            ], layout: .stacked)
    }
}

extension HyperparametersLesson.Posterior {
    /// The surrogate along the learning rate (log₁₀, −4…0) at `slice`'s width and dropout:
    /// posterior mean and std (accuracy points) and the expected improvement over the best
    /// posterior mean at a tried point.
    func reading(_ logRates: [Double], at slice: HyperparametersLesson.Setting) -> [(
        mean: Double, std: Double, improvement: Double
    )] {
        let best = observed.map { surrogate.predict($0.setting.point).mean }.max()!
        return logRates.map { logRate in
            let (mean, std) = surrogate.predict([(logRate + 4) / 4, slice.point[1], slice.point[2]])
            return (mean, std, GaussianProcess.expectedImprovement(mean: mean, std: std, best: best))
        }
    }
}
