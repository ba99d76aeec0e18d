import Plot

extension SettingRuns {
    /// The epochs (1-based) at which the runs reached their lowest value of `metric`, as
    /// "first–last" over the seeds ("16–28"), or the one epoch when they all agree: where
    /// `lowest(metric)`'s values fell in the budget, early (an overfitting run) or at its end
    /// (a run still improving).
    public func lowestEpochRange(_ metric: EpochMetric) -> String {
        let epochs = values(metric).compactMap { values in
            values.indices.filter { values[$0] != nil }.min { values[$0]! < values[$1]! }.map { $0 + 1 }
        }
        guard let first = epochs.min(), let last = epochs.max() else { return "–" }
        return first == last ? "\(first)" : "\(first)–\(last)"
    }
}

extension SettingRuns {
    /// The epoch (1-based) after which each run would have stopped had the lesson's patience
    /// rule watched `metric` instead: stop once `patience` epochs in a row fail to strictly
    /// improve on the best so far; a run whose patience never runs out counts its last epoch.
    /// Replayed on the per-epoch values as the data files hold them, so the files give the
    /// same epochs back.
    public func patienceStopEpochs(_ metric: EpochMetric, patience: Int, higherIsBetter: Bool) -> [Int] {
        values(metric).map { values in
            var best: Double?, sinceBest = 0
            for (index, value) in values.enumerated() {
                guard let value else { continue }
                if best.map({ higherIsBetter ? value > $0 : value < $0 }) ?? true {
                    best = value
                    sinceBest = 0
                } else {
                    sinceBest += 1
                    if sinceBest >= patience { return index + 1 }
                }
            }
            return values.count
        }
    }
}

extension StandardPanels {
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
}
