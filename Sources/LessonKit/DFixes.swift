import Foundation
import Plot

extension StandardPanels {
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
        precondition(labels.count == holm.count, "one label per difference")
        let forest = ForestRows(labels: labels, differences: holm.differences, holm: holm, decimals: decimals)
        let shown = rows.map { holm.differences[$0] }
        let groups =
            readableOnOneAxis(shown) ? [rows] : forestScaleGroups(shown).map { $0.map { rows[$0] } }
        let panels = groups.enumerated().map { position, group in
            forest.panel(
                group, keyFrom: position == groups.count - 1 ? rows : [],
                title: position == 0 ? title : "the same measure, rows on an x-axis of their own", xLabel: xLabel)
        }
        return panels.count > 1 ? panels.sharingLeftMargin() : panels
    }

    /// Whether every interval spans at least a twelfth of an x-axis holding all of them and
    /// zero. Intervals of unknown width do not count.
    static func readableOnOneAxis(_ differences: [Difference]) -> Bool {
        let finite = differences.filter { $0.margin.isFinite }
        let ends: [Double] = finite.flatMap { [$0.interval.lowerBound, $0.interval.upperBound] } + [0]
        let span = ends.max()! - ends.min()!
        return finite.allSatisfy { $0.interval.upperBound - $0.interval.lowerBound >= span / 12 }
    }
}

extension Panel {
    /// A log-scale panel's y ticks at powers of ten, all written alike ("10⁻⁵", "10⁰", "10¹⁵"):
    /// gnuplot's own labels mix "1e+15", "100000" and "1e-05" on an axis of many decades.
    public func withPowerOfTenTicks() -> Panel {
        let values = series.flatMap { drawn -> [Double] in
            guard case let .line(_, y, _) = drawn.content else { return [] }
            return y.filter { $0.isFinite && $0 > 0 }
        }
        guard let low = values.min(), let high = values.max() else { return self }
        let (first, last) = (Int(log10(low).rounded(.down)), Int(log10(high).rounded(.up)))
        // At most about six labelled decades.
        let stride = max(1, Int((Double(last - first) / 5).rounded(.up)))
        let superscripts: [Character: Character] = [
            "0": "⁰", "1": "¹", "2": "²", "3": "³", "4": "⁴", "5": "⁵", "6": "⁶", "7": "⁷", "8": "⁸", "9": "⁹",
            "-": "⁻",
        ]
        var panel = self
        let start = Int((Double(first) / Double(stride)).rounded(.down)) * stride
        panel.yTicks = Swift.stride(from: start, through: last, by: stride).map { exponent in
            AxisTick("10" + String(String(exponent).map { superscripts[$0]! }), at: pow(10, Double(exponent)))
        }
        return panel
    }
}
