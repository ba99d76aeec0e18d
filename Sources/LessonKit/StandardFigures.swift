import Engine
import Foundation
import LabMath
import Plot

/// Panels that several lessons draw the same way.
public enum StandardPanels {
    /// Mean curves over seeds with ±1 standard deviation bands, one color per setting; each
    /// metric drawn in its own line style (the first solid, the second dashed: say so in the
    /// title), so that the legend needs one entry per setting. On a log scale the curves are
    /// geometric means with ×÷ one-std bands of the logarithm, which stay on the axis.
    public static func seedCurves<Run>(
        _ settings: [SettingRuns<Run>], metrics: [EpochMetric], title: String,
        yLabel: String? = nil, yScale: Scale = .linear, colors: [Int]? = nil,
        legend: LegendPosition = .below
    ) -> Panel {
        let series = settings.enumerated().flatMap { index, setting in
            seedSeries(setting, metrics: metrics, yScale: yScale, color: colors?[index] ?? index)
        }
        var panel = Panel(
            title: title, xLabel: "epoch", yLabel: yLabel ?? metrics.first?.label, yScale: yScale, legend: legend,
            series: series)
        // Whole epochs only: gnuplot would label a short run at 1.5, 2.5, …
        let epochs = settings.map { $0.runs.map(\.history.epochs.count).max() ?? 0 }.max() ?? 0
        if epochs <= 12 { panel.xTickStep = 1 }
        return panel
    }

    /// One setting's curves and bands for `seedCurves`, to combine with other series.
    public static func seedSeries<Run>(
        _ setting: SettingRuns<Run>, metrics: [EpochMetric], yScale: Scale = .linear, color: Int
    ) -> [Series] {
        var series: [Series] = []
        for (order, metric) in metrics.enumerated() {
            let x: [Double], band: (mean: [Double], lower: [Double], upper: [Double])
            if yScale == .log {
                band = geometricBand(setting.runs.map { $0.history.epochs.compactMap(metric.value) })
                x = band.mean.indices.map { Double($0 + 1) }
            } else {
                let curve = setting.curve(metric)
                x = curve.epochs
                band = (
                    curve.mean, zip(curve.mean, curve.std).map { $0 - $1 }, zip(curve.mean, curve.std).map { $0 + $1 }
                )
            }
            guard !x.isEmpty else { continue }
            if setting.runs.count > 1 {
                series.append(.band(nil, x: x, lower: band.lower, upper: band.upper, color: color))
            }
            series.append(
                .line(
                    order == 0 ? setting.label : nil, x: x, y: band.mean, style: order == 0 ? .lines : .dashed,
                    color: color))
        }
        return series
    }

    /// Per position, the geometric mean over seeds and the band mean ÷ f … mean × f, f the
    /// exponential of the standard deviation of the logarithms: the spread of a quantity
    /// drawn on a log axis. `perSeed[s][i]` is seed s's value at position i; positions some
    /// seeds lack use the others.
    public static func geometricBand(_ perSeed: [[Double]]) -> (mean: [Double], lower: [Double], upper: [Double]) {
        let length = perSeed.map(\.count).max() ?? 0
        var result: (mean: [Double], lower: [Double], upper: [Double]) = ([], [], [])
        for position in 0..<length {
            let logs = Estimate(
                perSeed.compactMap { position < $0.count && $0[position] > 0 ? log($0[position]) : nil })
            guard logs.count > 0 else { break }
            result.mean.append(exp(logs.mean))
            result.lower.append(exp(logs.mean - logs.std))
            result.upper.append(exp(logs.mean + logs.std))
        }
        return result
    }

    /// A forest plot of differences against one baseline: a row per setting (in the given
    /// order, top to bottom, each labelled with its value), the mean difference as a tall tick
    /// on its 95 % interval's bar, and a dashed line at zero. The colour is the verdict: blue
    /// where the interval excludes zero (with `holm`: and survives Holm's correction), orange
    /// where it does so but not after Holm, grey "within noise"; a borderline verdict (an edge
    /// within a fifth of the width of zero, which a few more seeds could flip) has a dashed
    /// bar in its verdict's colour. The key says so in the verdict lines' words. The x-axis
    /// holds every bar with a margin, so no interval ends on the frame. Paired verdicts need
    /// this figure: ±1 std bars of each setting alone carry the seed noise that pairing
    /// removes, and so seem to contradict them.
    public static func differenceForest(
        _ labels: [String], _ differences: [Difference], holm: Holm? = nil,
        title: String?, xLabel: String, decimals: Int = 2
    ) -> Panel {
        precondition(labels.count == differences.count, "one label per difference")
        return ForestRows(labels: labels, differences: differences, holm: holm, decimals: decimals).panel(
            Array(differences.indices), keyFrom: Array(differences.indices), title: title, xLabel: xLabel)
    }

    /// `differenceForest` split into panels of rows of like size, each on its own x-axis, when
    /// some differences are many times larger than others: on one axis a 70-point difference
    /// squeezes a 2-point interval into a few pixels beside the zero line. Rows keep their order
    /// within a panel, and panels follow the order of their first rows; the first panel has
    /// `title`, each further one says which rows it holds, and the last one holds the key for
    /// every row; their plot areas align. One panel, as `differenceForest`, when the rows are of like size.
    public static func differenceForests(
        _ labels: [String], _ differences: [Difference], holm: Holm? = nil,
        title: String?, xLabel: String, decimals: Int = 2
    ) -> [Panel] {
        precondition(labels.count == differences.count, "one label per difference")
        let rows = ForestRows(labels: labels, differences: differences, holm: holm, decimals: decimals)
        // No rows (every pair left out) still give the one empty panel `differenceForest` gives.
        let groups = differences.isEmpty ? [[]] : forestScaleGroups(differences)
        func reach(_ group: [Int]) -> Double { group.map { forestExtent(differences[$0]) }.max() ?? 0 }
        let panels = groups.enumerated().map { position, group in
            var panelTitle = title
            if position > 0 {
                let larger = reach(group) > reach(groups[position - 1])
                panelTitle =
                    "the same comparison, rows with \(larger ? "larger" : "smaller") differences on an x-axis of their own"
            }
            let isLast = position == groups.count - 1
            return rows.panel(
                group, keyFrom: isLast ? Array(differences.indices) : [], title: panelTitle, xLabel: xLabel)
        }
        return panels.count > 1 ? panels.sharingLeftMargin() : panels
    }

    /// The rows of one Holm family in panels chosen by the caller, each group on an x-axis of
    /// its own: for a lesson whose text says which rows share a scale (every λ but the largest
    /// on one axis), where `differenceForests`' own grouping by size would split them
    /// differently from measure to measure. `groups` are indices into `holm.differences` and
    /// `labels`; each row's colour still says whether it survives the correction over the
    /// whole family.
    public static func differenceForests(
        groups: [[Int]], of holm: Holm, labels: [String], title: String?, xLabel: String, decimals: Int = 2
    ) -> [Panel] {
        precondition(labels.count == holm.count, "one label per difference")
        let forest = ForestRows(labels: labels, differences: holm.differences, holm: holm, decimals: decimals)
        let panels = groups.enumerated().map { position, group in
            forest.panel(
                group, keyFrom: position == groups.count - 1 ? groups.flatMap { $0 } : [],
                title: position == 0 ? title : "the same measure, rows on an x-axis of their own", xLabel: xLabel)
        }
        return panels.count > 1 ? panels.sharingLeftMargin() : panels
    }

    /// `differenceForests` for some rows of one Holm family: a family whose comparisons come in
    /// different units (a training loss and an accuracy in points) needs panels, and x-axes, per
    /// unit, while each row's colour still says whether it survives the correction over the
    /// whole family. `rows` are indices into `holm.differences` and `labels`. They share one
    /// x-axis unless an interval would span less than a twelfth of it (some 40 pixels: fewer
    /// hold too few dashes to show where a borderline bar ends, or to read it against the zero
    /// line); only then are they grouped by size as in
    /// `differenceForests`, each group on an x-axis of its own.
    public static func differenceForests(
        rows: [Int], of holm: Holm, labels: [String], title: String?, xLabel: String, decimals: Int = 2
    ) -> [Panel] {
        let shown = rows.map { holm.differences[$0] }
        let groups = readableOnOneAxis(shown) ? [rows] : forestScaleGroups(shown).map { $0.map { rows[$0] } }
        return differenceForests(
            groups: groups, of: holm, labels: labels, title: title, xLabel: xLabel, decimals: decimals)
    }

    /// Whether every interval spans at least a twelfth of an x-axis holding all of them and
    /// zero. Intervals of unknown width do not count.
    static func readableOnOneAxis(_ differences: [Difference]) -> Bool {
        let finite = differences.filter { $0.margin.isFinite }
        let ends: [Double] = finite.flatMap { [$0.interval.lowerBound, $0.interval.upperBound] } + [0]
        let span = ends.max()! - ends.min()!
        return finite.allSatisfy { $0.interval.upperBound - $0.interval.lowerBound >= span / 12 }
    }

    /// How far a row reaches from zero: the farther end of its interval (its mean where the
    /// interval is unknown).
    static func forestExtent(_ difference: Difference) -> Double {
        let ends =
            difference.margin.isFinite
            ? [difference.interval.lowerBound, difference.interval.upperBound] : [difference.mean]
        return ends.filter(\.isFinite).map(abs).max() ?? 0
    }

    /// The rows (indices, each group in the given order) grouped by reach from zero: going from
    /// the farthest-reaching row down, a row starts a new group when it reaches less than a
    /// sixth as far as its group's farthest; there its interval would span a few percent of the
    /// axis at most. Groups are ordered by their first row.
    static func forestScaleGroups(_ differences: [Difference]) -> [[Int]] {
        let byReach = differences.indices.sorted { forestExtent(differences[$0]) > forestExtent(differences[$1]) }
        var groups: [[Int]] = []
        for index in byReach {
            if let farthest = groups.last?.first,
                forestExtent(differences[index]) >= forestExtent(differences[farthest]) / 6
            {
                groups[groups.count - 1].append(index)
            } else {
                groups.append([index])
            }
        }
        return groups.map { $0.sorted() }.sorted { $0[0] < $1[0] }
    }

    /// The rows of a forest plot and their verdicts, drawn whole or in parts.
    struct ForestRows {
        let labels: [String]
        let differences: [Difference]
        let holm: Holm?
        let decimals: Int

        /// The verdicts, in key order: a title, a colour, and which rows have it.
        var kinds: [(title: String, color: Int, includes: (Int) -> Bool)] {
            [
                (
                    holm == nil ? "interval excludes 0" : "survives Holm", 0,
                    { [differences, holm] in differences[$0].isResolved && holm?.survives($0) != false }
                ),
                (
                    "not after Holm", 4,
                    { [differences, holm] in differences[$0].isResolved && holm?.survives($0) == false }
                ),
                ("within noise", 9, { [differences] in !differences[$0].isResolved }),
            ]
        }

        /// The rows `shown` (indices into the differences, top to bottom) with a key for the
        /// verdicts of the rows `keyFrom`, none if it is empty.
        func panel(_ shown: [Int], keyFrom: [Int], title: String?, xLabel: String) -> Panel {
            let rows = shown.count
            func row(_ position: Int) -> Double { Double(rows - 1 - position) }
            var series: [Series] = [.line(nil, x: [0, 0], y: [-0.6, Double(rows) - 0.4], style: .dashed, color: 6)]
            for kind in kinds {
                let members = shown.indices.filter { kind.includes(shown[$0]) }
                let keyed = keyFrom.contains(where: kind.includes)
                guard !members.isEmpty || keyed else { continue }
                // Each row's bar and mean tick as pieces of one broken line (NaN between pieces);
                // borderline rows' bars go to a dashed line of the same colour. A verdict of rows
                // drawn in another panel gets a key entry only (its one point is not a number).
                var solid: (x: [Double], y: [Double]) = ([], []), dashed: (x: [Double], y: [Double]) = ([], [])
                for position in members {
                    let difference = differences[shown[position]], middle = row(position)
                    if difference.margin.isFinite {
                        let bar = [difference.interval.lowerBound, difference.interval.upperBound, .nan]
                        if difference.isBorderline {
                            dashed.x += bar
                            dashed.y += [middle, middle, .nan]
                        } else {
                            solid.x += bar
                            solid.y += [middle, middle, .nan]
                        }
                    }
                    solid.x += [difference.mean, difference.mean, .nan]
                    solid.y += [middle - 0.22, middle + 0.22, .nan]
                }
                if solid.x.isEmpty { solid = ([.nan], [.nan]) }
                series.append(.line(keyed ? kind.title : nil, x: solid.x, y: solid.y, color: kind.color))
                if !dashed.x.isEmpty {
                    series.append(.line(nil, x: dashed.x, y: dashed.y, style: .dashed, color: kind.color))
                }
            }
            if keyFrom.contains(where: { differences[$0].isBorderline }) {
                // A key entry only: what a dashed bar means.
                series.append(
                    .line(
                        "dashed bar: borderline (an interval edge within ⅕ of its width of 0)", x: [.nan], y: [.nan],
                        style: .dashed,
                        color: 6))
            }
            var panel = Panel(
                title: title, xLabel: xLabel, xRange: forestRange(shown.map { differences[$0] }),
                yRange: -0.6...(Double(rows) - 0.4), legend: keyFrom.isEmpty ? .hidden : .below, series: series)
            panel.yTicks = shown.enumerated().map { position, index in
                AxisTick("\(labels[index])  \(differences[index].formatted(decimals: decimals))", at: row(position))
            }
            return panel
        }
    }

    /// Zero and every interval (or mean, where the interval is unknown), with 5 % of the span
    /// on either side: gnuplot's own range may end exactly at a bar's end.
    static func forestRange(_ differences: [Difference]) -> ClosedRange<Double> {
        let ends = differences.flatMap { difference -> [Double] in
            difference.margin.isFinite
                ? [difference.interval.lowerBound, difference.interval.upperBound] : [difference.mean]
        }.filter(\.isFinite)
        let low = min(0, ends.min() ?? 0), high = max(0, ends.max() ?? 0)
        let margin = high > low ? 0.05 * (high - low) : 1
        return (low - margin)...(high + margin)
    }

    /// The running average of the minibatch loss per step, geometric mean ×÷ std over seeds,
    /// on log axes (the first steps and a late escape both visible), with chance level ln 10.
    /// With `fullWindowsOnly` the curves start at step `window`, each point the mean of the
    /// `window` losses up to it; otherwise the first steps average the losses so far.
    public static func seedMinibatchLoss<Run>(
        _ settings: [SettingRuns<Run>], window: Int, batchSize: Int, title: String,
        styles: [Series.Style]? = nil, colors: [Int]? = nil, fullWindowsOnly: Bool = false
    ) -> Panel {
        // The chance line first, so that runs stalled on it are drawn over it, not hidden.
        let last = Double(settings.flatMap { $0.runs.map(\.history.minibatchLosses.count) }.max() ?? 2)
        var series: [Series] = [
            .line("chance: ln 10", x: [1, max(last, 2)], y: [log(10), log(10)], style: .dashed, color: 6)
        ]
        for (index, setting) in settings.enumerated() {
            let band = geometricBand(
                setting.runs.map {
                    runningAverage(
                        $0.history.minibatchLosses.map(Double.init), window: window, fullWindowsOnly: fullWindowsOnly)
                })
            guard !band.mean.isEmpty else { continue }
            let firstStep = fullWindowsOnly ? window : 1
            let x = band.mean.indices.map { Double($0 + firstStep) }
            let color = colors?[index] ?? index
            if setting.runs.count > 1 {
                series.append(.band(nil, x: x, lower: band.lower, upper: band.upper, color: color))
            }
            series.append(.line(setting.label, x: x, y: band.mean, style: styles?[index] ?? .lines, color: color))
        }
        // The step axis ends just past the last step instead of at the next decade.
        return Panel(
            title: title, xLabel: "step (minibatch of \(batchSize), log scale)", yLabel: "training loss (log scale)",
            xScale: .log, yScale: .log, xRange: 1...max(last * 1.2, 2), series: series)
    }

    /// The first step (1-based) at which the running average of the minibatch loss over
    /// `window` steps falls below `level`: when a stalled network escapes. Nil if it never does.
    /// With `fullWindowsOnly` only steps from `window` on count, each judged on the mean of
    /// exactly `window` losses (before it the running average is a mean of fewer).
    public static func escapeStep(
        _ history: History, window: Int, below level: Double, fullWindowsOnly: Bool = false
    ) -> Int? {
        let firstStep = fullWindowsOnly ? window : 1
        return runningAverage(
            history.minibatchLosses.map(Double.init), window: window, fullWindowsOnly: fullWindowsOnly
        ).firstIndex { $0 < level }.map { $0 + firstStep }
    }

    /// Every minibatch loss against the epoch (iteration / iterations per epoch), log scale,
    /// with a running average over `window` iterations: the lecture's loss plots.
    public static func minibatchLoss(
        _ history: History, title: String, xLabel: String = "epoch", window: Int,
        averageTitle: String = "running average",
        colors: (raw: Int, average: Int) = (5, 1)
    ) -> Panel {
        let losses = history.minibatchLosses.map(Double.init)
        let epochs = losses.indices.map { Double($0 + 1) / Double(history.batchesPerEpoch) }
        return Panel(
            title: title, xLabel: xLabel, yLabel: "minibatch loss", yScale: .log,
            series: [
                .line("minibatch loss", x: epochs, y: losses, color: colors.raw),
                .line(averageTitle, x: epochs, y: runningAverage(losses, window: window), color: colors.average),
            ])
    }

    /// The mean of the last `window` values at each index; before index `window − 1` the mean
    /// of the values so far, unless `fullWindowsOnly`, which starts the result at index
    /// `window − 1` (empty when there are fewer than `window` values).
    public static func runningAverage(_ values: [Double], window: Int, fullWindowsOnly: Bool = false) -> [Double] {
        var result: [Double] = []
        var sum = 0.0
        for (index, value) in values.enumerated() {
            sum += value
            if index >= window { sum -= values[index - window] }
            if index + 1 >= window || !fullWindowsOnly { result.append(sum / Double(min(index + 1, window))) }
        }
        return result
    }

    /// An optimizer's path over a 2-D surface, for `surfacePaths` and `surfaceLoss`.
    public struct SurfacePath {
        public var label: String
        public var points: [(x: Float, y: Float)]
        public var color: Int
        /// The path stopped early because f stopped being a number.
        public var diverged: Bool

        public init(label: String, points: [(x: Float, y: Float)], color: Int, diverged: Bool = false) {
            self.label = label
            self.points = points
            self.color = color
            self.diverged = diverged
        }

        var title: String { diverged ? "\(label) (diverged after \(points.count - 1) steps)" : label }
    }

    /// The axes that show `around` and every point of every path that did not diverge, with
    /// a small margin: overshoots are never clipped. Panels compared side by side share it.
    public static func surfaceRange(_ paths: [SurfacePath], around: (x: ClosedRange<Double>, y: ClosedRange<Double>))
        -> (x: ClosedRange<Double>, y: ClosedRange<Double>)
    {
        let points = paths.filter { !$0.diverged }.flatMap(\.points)
        let xs = points.map { Double($0.x) } + [around.x.lowerBound, around.x.upperBound]
        let ys = points.map { Double($0.y) } + [around.y.lowerBound, around.y.upperBound]
        let (x0, x1, y0, y1) = (xs.min()!, xs.max()!, ys.min()!, ys.max()!)
        return ((x0 - 0.03 * (x1 - x0))...(x1 + 0.03 * (x1 - x0)), (y0 - 0.03 * (y1 - y0))...(y1 + 0.03 * (y1 - y0)))
    }

    /// Paths over light grey contour lines of log₁₀ f (not a colour map, which would swallow
    /// paths of its own colours), each in its method's colour with a marker per step (every
    /// few steps on long paths), and the minimum in black. Paths that sprawl over more of the
    /// plane are drawn first, so they cannot cover the compact ones.
    public static func surfacePaths(
        _ surface: Surface, paths: [SurfacePath], range: (x: ClosedRange<Double>, y: ClosedRange<Double>),
        legend: LegendPosition = .below, title: String
    ) -> Panel {
        let cells = 120
        let xs = (0...cells).map {
            range.x.lowerBound + Double($0) / Double(cells) * (range.x.upperBound - range.x.lowerBound)
        }
        let ys = (0...cells).map {
            range.y.lowerBound + Double($0) / Double(cells) * (range.y.upperBound - range.y.lowerBound)
        }
        let z = ys.map { b in xs.map { a in log10(Double(surface.value(Float(a), Float(b))) + 1e-6) } }
        let finite = z.joined().filter(\.isFinite)
        let (low, high) = (finite.min() ?? 0, finite.max() ?? 1)
        var series: [Series] = [
            .contours(x: xs, y: ys, z: z, levels: (1...11).map { low + (high - low) * Double($0) / 12 })
        ]
        func extent(_ path: SurfacePath) -> Double {
            let xs = path.points.map { Double($0.x) }, ys = path.points.map { Double($0.y) }
            return ((xs.max() ?? 0) - (xs.min() ?? 0)) * ((ys.max() ?? 0) - (ys.min() ?? 0))
        }
        for path in paths.sorted(by: { extent($0) > extent($1) }) {
            series += pathSeries(
                path.title, x: path.points.map { Double($0.x) }, y: path.points.map { Double($0.y) }, color: path.color)
        }
        series.append(
            .line("minimum", x: [Double(surface.minimum.x)], y: [Double(surface.minimum.y)], style: .points, color: 6))
        return Panel(
            title: title, xLabel: "x", yLabel: "y", xRange: range.x, yRange: range.y, legend: legend, series: series)
    }

    /// An optimizer's path as a line with a dot per step, or, on long paths, a dot on each of
    /// the first `everyStepUpTo` steps and then every few steps (about 60 dots in all).
    public static func pathSeries(_ title: String?, x: [Double], y: [Double], color: Int, everyStepUpTo first: Int = 0)
        -> [Series]
    {
        let every = max(1, (x.count + 59) / 60)
        guard every > 1 else { return [.line(title, x: x, y: y, style: .linesPoints, color: color)] }
        let start = min(first, x.count)
        let marked = Array(0..<start) + Array(Swift.stride(from: start, to: x.count, by: every))
        return [
            .line(title, x: x, y: y, color: color),
            .line(nil, x: marked.map { x[$0] }, y: marked.map { y[$0] }, style: .points, color: color),
        ]
    }

    /// f along each path, per step, on a log scale.
    public static func surfaceLoss(
        _ surface: Surface, paths: [SurfacePath], title: String, legend: LegendPosition = .below
    ) -> Panel {
        Panel(
            title: title, xLabel: "step", yLabel: "f (log scale)", yScale: .log, legend: legend,
            series: paths.map { path in
                .line(
                    path.title, x: path.points.indices.map(Double.init),
                    y: path.points.map { Double(max(surface.value($0.x, $0.y), 1e-12)) }, color: path.color)
            })
    }
}

extension GrayImage {
    /// A matrix drawn as a picture, one pixel per element (Plot knows nothing of the engine,
    /// so the conversion lives here, where both meet).
    public init(_ matrix: Matrix) {
        self.init(rows: matrix.rows, cols: matrix.cols, matrix.storage)
    }
}

extension Series {
    /// A matrix as a grayscale picture (pixel (r, c) is element (r, c)).
    public static func image(_ matrix: Matrix, scale: ImageScale? = nil) -> Series {
        image(GrayImage(matrix), scale: scale)
    }
}
