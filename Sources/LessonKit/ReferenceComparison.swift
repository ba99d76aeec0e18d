import Foundation

/// "Your run vs the committed reference": for each setting both runs measured, the headline
/// summary of each (mean ± std over its seeds) and whether they agree within noise.
///
/// The verdict is Welch's unpaired comparison (the two runs share no seeds' pairing once a
/// seed or the machine differs): the difference of the means with its interval from
/// Student's t with Welch–Satterthwaite degrees of freedom. The settings are judged
/// together: each interval is widened by Bonferroni's correction to a 95 % family-wise
/// level (level 1 − 0.05/m for m settings), so that a faithful run of a lesson with many
/// settings is not called off by chance on one of them. If the interval contains 0 the run
/// "agrees within noise"; if not, it "differs beyond noise". With one seed on a side there
/// is no estimate of the noise, and the verdict says so.
public struct ReferenceComparison {
    public struct Row {
        public let experiment: String
        public let setting: String
        public let quantity: String
        public let yours: Estimate
        public let reference: Estimate
        /// Settings judged together (Bonferroni's m).
        public let family: Int
        public var difference: Difference { Difference(yours, reference, paired: false) }

        /// Half-width of the corrected interval of the difference.
        public var margin: Double {
            let difference = difference
            guard difference.degreesOfFreedom > 0 else { return .infinity }
            return StudentT.quantile(1 - 0.025 / Double(family), degreesOfFreedom: difference.degreesOfFreedom)
                * difference.standardError
        }
        /// Nil when neither side has the seeds to estimate its noise.
        public var agrees: Bool? {
            guard yours.count > 1 || reference.count > 1 else { return nil }
            let difference = difference
            // Every seed of both runs gave the same value: agreement is equality.
            if difference.standardError == 0 { return difference.mean == 0 }
            guard margin.isFinite else { return nil }
            return abs(difference.mean) <= margin
        }

        public var verdict: String {
            switch agrees {
            case .some(true): "agrees within noise"
            case .some(false): "differs beyond noise (\(String(format: "%+.2f ± %.2f", difference.mean, margin)))"
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
        for (key, name) in [
            (EpochMetric.validationAccuracy.key, "validation accuracy %"),
            (EpochMetric.trainAccuracy.key, "training accuracy %"),
        ] {
            if let estimate = summary.metrics[key]?["last_k"] {
                return ("\(name), last \(summary.lastK) epochs", estimate)
            }
        }
        return summary.metrics[EpochMetric.trainLoss.key]?["final"].map { ("final training loss", $0) }
    }

    public init(yours: LessonResults, reference: LessonResults) {
        guard yours.quick == reference.quick else {
            rows = []
            mismatch =
                "the reference is a \(reference.quick ? "--quick" : "full") run and yours \(yours.quick ? "a --quick" : "a full") one: no like-for-like comparison"
            return
        }
        guard yours.splitSeed == reference.splitSeed else {
            rows = []
            func described(_ seed: UInt64?) -> String {
                seed.map { "one split from --split-seed \($0)" } ?? "a split per seed"
            }
            mismatch =
                "your run used \(described(yours.splitSeed)), the reference \(described(reference.splitSeed)): no like-for-like comparison"
            return
        }
        let pairs = yours.settings.compactMap { mine -> (LessonResults.SettingSummary, String, Estimate, Estimate)? in
            guard
                let theirs = reference.settings.first(where: {
                    $0.experiment == mine.experiment && $0.label == mine.label && $0.columns == mine.columns
                }),
                let (quantity, a) = Self.headline(mine),
                let (referenceQuantity, b) = Self.headline(theirs), quantity == referenceQuantity
            else { return nil }
            return (mine, quantity, a, b)
        }
        rows = pairs.map { mine, quantity, a, b in
            Row(
                experiment: mine.experiment, setting: mine.label, quantity: quantity, yours: a, reference: b,
                family: pairs.count)
        }
        mismatch = rows.isEmpty ? "no setting of your run is one the reference measured" : nil
    }

    public var lines: [String] {
        if let mismatch { return ["Your run vs the committed reference:", "  " + mismatch] }
        var lines = [
            "Your run vs the committed reference (mean ± std over seeds; agreement: Welch's interval of the difference, at a 95 % level over all \(rows.count) settings together, contains 0):"
        ]
        let experiments = Set(rows.map(\.experiment)).count > 1
        for row in rows {
            let name = experiments ? "\(row.experiment) / \(row.setting)" : row.setting
            lines.append(
                "  \(name), \(row.quantity): yours \(row.yours.formatted()), reference \(row.reference.formatted()): \(row.verdict)"
            )
        }
        return lines
    }
}

extension LessonContext {
    /// Prints "your run vs the reference", for lessons that run settings over seeds.
    func compare(with reference: LessonResults) {
        guard !currentResults.settings.isEmpty || !reference.settings.isEmpty else { return }
        let comparison = ReferenceComparison(yours: currentResults, reference: reference)
        console.summary("")
        for line in comparison.lines { console.summary(line) }
    }
}
