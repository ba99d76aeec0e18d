import Foundation

/// One y-range for panels that are compared: the union of what they draw, so that equal
/// heights mean equal values across the panels (gnuplot would fit each panel on its own).
extension Figure {
    /// This figure with every panel on the same y-range (see `[Panel].sharingYRange()`).
    public func sharingYRange() -> Figure {
        var figure = self
        figure.panels = panels.sharingYRange()
        return figure
    }
}

extension Array where Element == Panel {
    /// The panels with one x-range: the smallest and largest x any of them draws (lines,
    /// points, bands) with a margin of 3 % of the span, so that forest plots of differences
    /// in one unit put equal differences at equal places. Unchanged if nothing finite is drawn.
    public func sharingXRange() -> [Panel] {
        let values = flatMap(\.drawnXValues).filter(\.isFinite)
        guard let low = values.min(), let high = values.max() else { return self }
        let margin = high > low ? 0.03 * (high - low) : Swift.max(abs(high) * 0.05, 1e-9)
        return map { panel in
            var panel = panel
            panel.xRange = (low - margin)...(high + margin)
            return panel
        }
    }

    /// The panels with one y-range: the smallest and largest value any of them draws on its
    /// first y axis (lines, points, bands) with a margin of 3 % of the span, or on a log axis a
    /// factor of 1.15 around the positive values. Unchanged if nothing finite is drawn.
    public func sharingYRange() -> [Panel] {
        let logarithmic = contains { $0.yScale == .log }
        let values = flatMap(\.drawnYValues).filter { $0.isFinite && (!logarithmic || $0 > 0) }
        guard let low = values.min(), let high = values.max() else { return self }
        let range: ClosedRange<Double>
        if logarithmic {
            range = (low / 1.15)...(high * 1.15)
        } else {
            let margin = high > low ? 0.03 * (high - low) : Swift.max(abs(high) * 0.05, 1e-9)
            range = (low - margin)...(high + margin)
        }
        return map { panel in
            var panel = panel
            panel.yRange = range
            return panel
        }
    }
}

extension Array where Element == Panel {
    /// The panels with one left margin, wide enough for the longest y tick label among them
    /// (gnuplot's own numeric labels counted as `numericLabelCharacters`), so that panels over
    /// one another have their plot areas, and so their x-axes, one above the other.
    public func sharingLeftMargin(numericLabelCharacters: Int = 6) -> [Panel] {
        let needed = map { panel -> Int in
            let labels = panel.yTicks.isEmpty ? numericLabelCharacters : panel.yTicks.map(\.label.count).max() ?? 0
            // A character either side of the labels, and two for a y-axis title turned on its side.
            return labels + 2 + (panel.yLabel == nil ? 0 : 2)
        }
        let margin = Double(needed.max() ?? 0)
        return map { panel in
            var panel = panel
            panel.leftMargin = margin
            return panel
        }
    }
}

extension Panel {
    /// How many decades the first y axis spans: its range if set, else what is drawn on it.
    var yDecades: Double {
        let values = yRange.map { [$0.lowerBound, $0.upperBound] } ?? drawnYValues
        let positive = values.filter { $0.isFinite && $0 > 0 }
        guard let low = positive.min(), let high = positive.max() else { return 0 }
        return log10(high / low)
    }

    /// The x values of the series drawn (lines, points, bands, scatter).
    public var drawnXValues: [Double] {
        series.flatMap { series -> [Double] in
            switch series.content {
            case let .line(x, _, _): x
            case let .band(x, _, _): x
            case let .scatter(x, _, _, _, _): x
            default: []
            }
        }
    }

    /// The y values of the series drawn against the first y axis.
    public var drawnYValues: [Double] {
        series.filter { !$0.onSecondAxis }.flatMap { series -> [Double] in
            switch series.content {
            case let .line(_, y, _): y
            case let .band(_, lower, upper): lower + upper
            case let .scatter(_, y, _, _, _): y
            default: []
            }
        }
    }
}

extension Panel {
    /// This panel with 1-2-5 labels (`AxisTick.logarithmic`) over its set y-range: for a log
    /// axis of a decade or two, where gnuplot labels only the powers of ten. Fit the range
    /// first (`[panel].sharingYRange()`, which also drops empty decades). Unchanged without
    /// a range.
    public func labellingLogYRange() -> Panel {
        var panel = self
        panel.yTicks = yRange.map(AxisTick.logarithmic) ?? []
        return panel
    }
}
