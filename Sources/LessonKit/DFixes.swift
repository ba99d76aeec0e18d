import Plot

extension StandardPanels {
    /// `differenceForests` for some rows of one Holm family: a family whose comparisons come in
    /// different units (a training loss and an accuracy in points) needs panels, and x-axes, per
    /// unit, while each row's colour still says whether it survives the correction over the
    /// whole family. `rows` are indices into `holm.differences` and `labels`; rows many times
    /// larger than others go to a panel of their own, as in `differenceForests`.
    public static func differenceForests(
        rows: [Int], of holm: Holm, labels: [String], title: String?, xLabel: String, decimals: Int = 2
    ) -> [Panel] {
        precondition(labels.count == holm.count, "one label per difference")
        let forest = ForestRows(labels: labels, differences: holm.differences, holm: holm, decimals: decimals)
        let groups =
            rows.isEmpty ? [[]] : forestScaleGroups(rows.map { holm.differences[$0] }).map { $0.map { rows[$0] } }
        let panels = groups.enumerated().map { position, group in
            forest.panel(
                group, keyFrom: position == groups.count - 1 ? rows : [],
                title: position == 0 ? title : "the same measure, rows on an x-axis of their own", xLabel: xLabel)
        }
        return panels.count > 1 ? panels.sharingLeftMargin() : panels
    }
}
