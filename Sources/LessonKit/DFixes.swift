import Plot

extension StandardPanels {
    /// `differenceForest` for some rows of one Holm family: a family whose comparisons come in
    /// different units (a training loss and an accuracy in points) needs a panel, and an
    /// x-axis, per unit, while each row's colour still says whether it survives the correction
    /// over the whole family. `rows` are indices into `holm.differences` and `labels`.
    public static func differenceForest(
        rows: [Int], of holm: Holm, labels: [String], title: String?, xLabel: String, decimals: Int = 2
    ) -> Panel {
        precondition(labels.count == holm.count, "one label per difference")
        return ForestRows(labels: labels, differences: holm.differences, holm: holm, decimals: decimals).panel(
            rows, keyFrom: rows, title: title, xLabel: xLabel)
    }
}
