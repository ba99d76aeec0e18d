// The two shapes most lesson reports take, written once: a table of settings × measures,
// and every setting against one reference on several measures, paired over seeds and
// corrected by Holm over the settings, one verdict line each.

/// A summary a lesson reports for each setting: its column header, its name in a verdict,
/// and how it is computed from a setting's runs.
public struct Measure<Run: RunRecord> {
    /// The table's column header, e.g. "gap, last 10".
    public let header: String
    /// The verdict's quantity, e.g. "Gap (last 10 epochs)".
    public let quantity: String
    public let unit: String
    public let decimals: Int
    public let summary: (SettingRuns<Run>) -> Estimate

    public init(
        _ header: String, quantity: String, unit: String = " points", decimals: Int = 2,
        _ summary: @escaping (SettingRuns<Run>) -> Estimate
    ) {
        self.header = header
        self.quantity = quantity
        self.unit = unit
        self.decimals = decimals
        self.summary = summary
    }

    /// A metric averaged over each run's last `k` epochs (a summary no single noisy epoch decides).
    public static func lastEpochs(_ k: Int, _ metric: EpochMetric, _ name: String) -> Measure {
        Measure("\(name), last \(k)", quantity: "\(name.prefix(1).uppercased() + name.dropFirst()) (last \(k) epochs)")
        {
            $0.lastEpochs(k, metric)
        }
    }

    /// Validation loss averaged over each run's last `k` epochs.
    public static func validationLoss(lastEpochs k: Int) -> Measure {
        Measure("validation loss, last \(k)", quantity: "Validation loss (last \(k) epochs)", unit: "", decimals: 3) {
            $0.lastEpochs(k, .validationLoss)
        }
    }

    /// Each run's lowest validation loss, wherever in the budget it fell: what a run stopped at
    /// its best epoch would have, so that an effect of the budget shows apart.
    public static func lowestValidationLoss(decimals: Int) -> Measure {
        Measure(
            "lowest validation loss", quantity: "Lowest validation loss (each run at its best epoch)", unit: "",
            decimals: decimals
        ) { $0.lowest(.validationLoss) }
    }

    /// The measure as a line under a heading of the report: its quantity indented, lower case.
    public var indented: Measure {
        Measure(
            header, quantity: "  " + quantity.prefix(1).lowercased() + quantity.dropFirst(), unit: unit,
            decimals: decimals, summary)
    }

    /// Test accuracy at each run's best-validation epoch: chosen on validation, scored on test.
    public static var testAtBestValidation: Measure {
        Measure("test at that epoch", quantity: "Test accuracy at the best-validation epoch") {
            $0.atBestValidation(.testAccuracy)
        }
    }

    /// Test accuracy after the last epoch.
    public static var finalTest: Measure {
        Measure("test, final", quantity: "Test accuracy after the last epoch") { $0.testAccuracy }
    }
}

/// A column of a settings × measures table: its header and a setting's cell, and for a cell
/// that shows an estimate, the estimate and its decimals (so that the table records where
/// the number is in the data files).
public struct TableColumn<Run: RunRecord> {
    public let header: String
    public let cell: (SettingRuns<Run>) -> String
    let estimate: (summary: (SettingRuns<Run>) -> Estimate, decimals: Int)?

    public init(_ header: String, cell: @escaping (SettingRuns<Run>) -> String) {
        self.header = header
        self.cell = cell
        estimate = nil
    }

    /// A column whose cell is `cell`, showing `summary` at `decimals` where it has a value.
    init(
        _ header: String, decimals: Int, summary: @escaping (SettingRuns<Run>) -> Estimate,
        cell: @escaping (SettingRuns<Run>) -> String
    ) {
        self.header = header
        self.cell = cell
        estimate = (summary, decimals)
    }

    /// The setting's cell and, when it is an estimate the data files hold, its source.
    func sourcedCell(_ setting: SettingRuns<Run>) -> (text: String, source: SummaryTable.CellSource?) {
        let text = cell(setting)
        return (
            text, estimate.flatMap { SummaryTable.CellSource($0.summary(setting), decimals: $0.decimals, text: text) }
        )
    }

    /// A measure's mean ± std over seeds.
    public static func measure(_ measure: Measure<Run>) -> TableColumn {
        .estimate(measure.header, decimals: measure.decimals, measure.summary)
    }

    /// Each run's best-validation epoch, mean ± std over seeds.
    public static var bestValidationEpoch: TableColumn {
        .estimate("best-validation epoch", decimals: 0) { $0.bestValidationEpoch }
    }

    /// How many runs were still improving when the budget of `epochs` ran out ("8/10").
    public static func stillImproving(budget epochs: Int) -> TableColumn {
        TableColumn("best in last 10 %") {
            let convergence = Convergence($0.runs.map(\.history), budget: epochs)
            return "\(convergence.lateRuns)/\(convergence.runs)"
        }
    }
}

extension SummaryTable {
    /// One row per setting (its label), one cell per column.
    public init<Run>(
        title: String, settings: [SettingRuns<Run>], columns: [TableColumn<Run>], settingHeader: String = "setting"
    ) {
        self.init(title: title, header: [settingHeader] + columns.map(\.header))
        for setting in settings {
            let cells = columns.map { $0.sourcedCell(setting) }
            add([setting.label] + cells.map(\.text), sources: [nil] + cells.map(\.source))
        }
    }
}

/// Every setting against one reference on each measure, paired over seeds, with one Holm
/// family per measure (the settings are the family): the "A vs the reference on M₁…Mₖ"
/// verdicts a lesson prints, and the families its forest plots draw.
public struct ComparisonsAgainstReference<Run: RunRecord> {
    public let reference: SettingRuns<Run>
    public let settings: [SettingRuns<Run>]
    public let measures: [Measure<Run>]
    /// One family per measure, in the order of `measures`; each in the order of `settings`.
    public let families: [Holm]

    public init(_ settings: [SettingRuns<Run>], against reference: SettingRuns<Run>, measures: [Measure<Run>]) {
        self.reference = reference
        self.settings = settings
        self.measures = measures
        families = measures.map { measure in Holm(settings, against: reference, measure.summary) }
    }

    public var labels: [String] { settings.map(\.label) }

    /// The verdict lines, setting by setting and measure by measure within a setting;
    /// `caveats` adds a setting's notes (e.g. "not converged: …") to its last measure's line.
    public func verdicts(caveats: (SettingRuns<Run>) -> [String] = { _ in [] }) -> [Verdict] {
        verdicts(caveatsByMeasure: { setting, measureIndex in
            measureIndex == measures.count - 1 ? caveats(setting) : []
        })
    }
}

// Cells and notes the early-stopping, l2, regularizers, augmentation and bias-variance
// reports share.

extension TableColumn {
    /// Each setting's `summary`, mean ± std over seeds: a column that is no verdict's measure.
    public static func estimate(
        _ header: String, decimals: Int = 2, _ summary: @escaping (SettingRuns<Run>) -> Estimate
    ) -> TableColumn {
        TableColumn(header, decimals: decimals, summary: summary) { summary($0).formatted(decimals: decimals) }
    }
}

extension SettingRuns {
    /// "<label> not converged: 8/10 runs best in the last 4 of 40 epochs" (the label followed
    /// by `quantity` when one is named), for beside a verdict on a setting whose runs were still
    /// improving when the budget ran out; nil when they were not.
    public func convergenceNote(
        budget: Int, metric: EpochMetric = .validationAccuracy, lowerIsBetter: Bool = false, quantity: String? = nil
    ) -> String? {
        Convergence(runs.map(\.history), budget: budget, metric: metric, lowerIsBetter: lowerIsBetter).note.map {
            ([label] + [quantity].compactMap { $0 } + [$0]).joined(separator: " ")
        }
    }
}

extension ComparisonsAgainstReference {
    /// The verdict lines in the order of `verdicts(caveats:)`, each with the caveats that
    /// `caveats(setting, measureIndex)` gives for that measure's line: for a note that belongs
    /// beside a measure other than the last (a convergence judged on the validation loss,
    /// beside the validation-loss verdict).
    public func verdicts(caveatsByMeasure caveats: (SettingRuns<Run>, Int) -> [String]) -> [Verdict] {
        settings.indices.flatMap { index in
            measures.indices.map { verdict(index, on: $0, caveats: caveats(settings[index], $0)) }
        }
    }

    /// Setting `index` against the reference on measure `measureIndex`, with its family's note.
    func verdict(_ index: Int, on measureIndex: Int, caveats: [String]) -> Verdict {
        let measure = measures[measureIndex]
        return families[measureIndex].verdict(
            index, settings[index].label, reference.label, quantity: measure.quantity, unit: measure.unit,
            decimals: measure.decimals, caveats: caveats)
    }
}

extension ComparisonsAgainstReference {
    /// The verdict lines of one measure, setting by setting: for a report that states a whole
    /// family before the next; `caveats` adds a setting's notes to its line.
    public func verdicts(
        on measureIndex: Int, caveats: (SettingRuns<Run>) -> [String] = { _ in [] }
    ) -> [Verdict] {
        settings.indices.map { verdict($0, on: measureIndex, caveats: caveats(settings[$0])) }
    }
}

extension Measure {
    /// Setting `a` against setting `b` on this measure, paired over seeds: one verdict line, for
    /// a single comparison (a family of them goes through `ComparisonsAgainstReference` or `Holm`).
    public func verdict(_ a: SettingRuns<Run>, against b: SettingRuns<Run>, caveats: [String] = []) -> Verdict {
        Difference(summary(a), summary(b)).verdict(
            a.label, b.label, quantity: quantity, unit: unit, decimals: decimals, caveats: caveats)
    }
}

extension BinaryFloatingPoint {
    /// The value to `digits` significant digits ("%.3g": 0.0123, 1.23e+05), for the table cells
    /// of quantities that span decades.
    public func formatted(significantDigits digits: Int) -> String { String(format: "%.\(digits)g", Double(self)) }
}

extension Measure {
    /// Validation accuracy averaged over each run's last `k` epochs, named as a verdict states it.
    public static func validationAccuracy(lastEpochs k: Int) -> Measure {
        Measure("validation, last \(k)", quantity: "Validation accuracy (last \(k) epochs)") {
            $0.lastEpochs(k, .validationAccuracy)
        }
    }

    /// Each run's best validation accuracy (the epoch is chosen on the same images, so it reads
    /// high: a curve's peak, not a test score).
    public static var bestValidation: Measure {
        Measure("best validation", quantity: "Best validation accuracy") { $0.atBestValidation(.validationAccuracy) }
    }
}

extension TableColumn {
    /// A measure's mean ± std, or "–" for a setting with nothing to summarize: where
    /// `unavailable` says so (every run diverged, say), by default where the measure has no value.
    public static func measureOrDash(
        _ measure: Measure<Run>, when unavailable: ((SettingRuns<Run>) -> Bool)? = nil
    ) -> TableColumn {
        TableColumn(measure.header, decimals: measure.decimals, summary: measure.summary) { setting in
            let summary = measure.summary(setting)
            return unavailable?(setting) ?? (summary.count == 0) ? "–" : summary.formatted(decimals: measure.decimals)
        }
    }
}
