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
