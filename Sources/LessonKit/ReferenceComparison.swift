import Foundation

/// "Your run vs the committed reference": for each setting both runs measured, the headline
/// summary of each (mean ± std over its seeds) and whether they agree within noise.
///
/// The verdict is Welch's unpaired comparison (the two runs share no seeds' pairing once a
/// seed or the machine differs): the difference of the means with its 95 % interval from
/// Student's t with Welch–Satterthwaite degrees of freedom. If the interval contains 0 the
/// run "agrees within noise"; if not, it "differs beyond noise". With one seed on a side
/// there is no estimate of the noise, and the verdict says so.
public struct ReferenceComparison {
    public struct Row {
        public let experiment: String
        public let setting: String
        public let quantity: String
        public let yours: Estimate
        public let reference: Estimate
        public var difference: Difference { Difference(yours, reference, paired: false) }
        /// Nil when neither side has the seeds to estimate its noise.
        public var agrees: Bool? {
            guard yours.count > 1 || reference.count > 1 else { return nil }
            let difference = difference
            // Every seed of both runs gave the same value: agreement is equality.
            if difference.standardError == 0 { return difference.mean == 0 }
            guard difference.margin.isFinite else { return nil }
            return abs(difference.mean) <= difference.margin
        }

        public var verdict: String {
            switch agrees {
            case .some(true): "agrees within noise"
            case .some(false): "differs beyond noise (\(difference.formatted()))"
            case .none: "one seed a side: no noise estimate to judge by"
            }
        }
    }

    public let rows: [Row]
    /// Why nothing could be compared, if so.
    public let mismatch: String?

    /// The headline of a setting: its final test accuracy if measured per run, else the
    /// validation accuracy over the last epochs, else the training accuracy, else the final
    /// training loss.
    static func headline(_ summary: LessonResults.SettingSummary) -> (String, Estimate)? {
        if let test = summary.perRun["test_accuracy_pct"] { return ("test accuracy %", test) }
        for (key, name) in [(EpochMetric.validationAccuracy.key, "validation accuracy %"), (EpochMetric.trainAccuracy.key, "training accuracy %")] {
            if let estimate = summary.metrics[key]?["last_k"] { return ("\(name), last \(summary.lastK) epochs", estimate) }
        }
        return summary.metrics[EpochMetric.trainLoss.key]?["final"].map { ("final training loss", $0) }
    }

    public init(yours: LessonResults, reference: LessonResults) {
        guard yours.quick == reference.quick else {
            rows = []
            mismatch = "the reference is a \(reference.quick ? "--quick" : "full") run and yours \(yours.quick ? "a --quick" : "a full") one: no like-for-like comparison"
            return
        }
        rows = yours.settings.compactMap { mine in
            guard let theirs = reference.settings.first(where: { $0.experiment == mine.experiment && $0.label == mine.label && $0.columns == mine.columns }),
                  let (quantity, a) = Self.headline(mine),
                  let (referenceQuantity, b) = Self.headline(theirs), quantity == referenceQuantity else { return nil }
            return Row(experiment: mine.experiment, setting: mine.label, quantity: quantity, yours: a, reference: b)
        }
        mismatch = rows.isEmpty ? "no setting of your run is one the reference measured" : nil
    }

    public var lines: [String] {
        var lines = ["Your run vs the committed reference (mean ± std over seeds; agreement: Welch's 95 % interval of the difference contains 0):"]
        if let mismatch { return lines + ["  " + mismatch] }
        let experiments = Set(rows.map(\.experiment)).count > 1
        for row in rows {
            let name = experiments ? "\(row.experiment) / \(row.setting)" : row.setting
            lines.append("  \(name), \(row.quantity): yours \(row.yours.formatted()), reference \(row.reference.formatted()): \(row.verdict)")
        }
        return lines
    }
}

extension LessonContext {
    func compare(with reference: LessonResults) {
        let comparison = ReferenceComparison(yours: currentResults, reference: reference)
        console.summary("")
        for line in comparison.lines { console.summary(line) }
    }
}
