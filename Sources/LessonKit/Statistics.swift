import Plot
import Foundation
import LabMath

/// A quantity measured once per seed, summarized by its mean and sample standard deviation.
///
/// A lesson's claim rests on these, not on one run: a different CPU (another BLAS kernel,
/// another summation order) sends training elsewhere, so the digits of one seed are noise.
public struct Estimate: Sendable, Codable, Equatable, CustomStringConvertible {
    public let values: [Double]
    /// Where the values are in the data files, when a `SettingRuns` summary made them: what
    /// lets `regenerate-figures --check` recompute a verdict built on this estimate. Not part
    /// of the estimate's value (`==` and the results file's summaries ignore it).
    public let source: Source?

    public init(_ values: [Double], source: Source? = nil) {
        self.values = values
        self.source = source
    }

    /// A summary of one column of the data files for one setting: which rows, which column
    /// and which summary over each run's epochs.
    public struct Source: Sendable, Codable, Hashable {
        public enum Summary: String, Sendable, Codable {
            /// Each run's last epoch, in `<lesson>-runs.csv`.
            case final
            /// Each run's mean over its last `k` epochs, in `<lesson>-runs.csv`.
            case lastK = "last_k"
            /// Each run's epoch of highest validation accuracy, in `<lesson>-runs.csv`.
            case atBestValidation = "at_best_validation"
            /// Each run's epoch `epoch` (1-based), in `<lesson>-runs.csv`.
            case atEpoch = "at_epoch"
            /// Each run's mean over the `k` epochs from epoch `epoch` (1-based), in
            /// `<lesson>-runs.csv`: e.g. how much a run still gained late in its budget.
            case window
            /// Each run's lowest value in `column` over its epochs, in `<lesson>-runs.csv`: the
            /// best a loss got, whenever that was.
            case lowest
            /// Each run's epoch (1-based) of highest value in `column`, in `<lesson>-runs.csv`.
            case bestEpoch = "best_epoch"
            /// Each run's value in `<lesson>-per-run.csv`.
            case perRun = "per_run"
        }

        public let experiment: String
        public let setting: String
        /// The column: a metric of `runs.csv` (`gap_pct_points` is training minus validation
        /// accuracy) or a column of `per-run.csv`.
        public let column: String
        public let summary: Summary
        /// The window of a `last_k` summary.
        public let k: Int?
        /// The epoch of an `at_epoch` summary, the first of a `window`.
        public let epoch: Int?

        public init(
            experiment: String, setting: String, column: String, summary: Summary, k: Int? = nil, epoch: Int? = nil
        ) {
            self.experiment = experiment
            self.setting = setting
            self.column = column
            self.summary = summary
            self.k = k
            self.epoch = epoch
        }
    }

    public static func == (lhs: Estimate, rhs: Estimate) -> Bool { lhs.values == rhs.values }

    public var count: Int { values.count }
    public var mean: Double { values.isEmpty ? .nan : values.reduce(0, +) / Double(values.count) }

    /// Sample standard deviation (n − 1); zero for a single value.
    public var std: Double {
        guard values.count > 1 else { return 0 }
        let m = mean
        return (values.reduce(0) { $0 + ($1 - m) * ($1 - m) } / Double(values.count - 1)).squareRoot()
    }

    public var standardError: Double { values.isEmpty ? .nan : std / Double(values.count).squareRoot() }
    public var min: Double { values.min() ?? .nan }
    public var max: Double { values.max() ?? .nan }

    /// "84.12 ± 0.35" (mean ± standard deviation over seeds); just the mean for one seed.
    public func formatted(decimals: Int = 2) -> String {
        let mean = String(format: "%.\(decimals)f", mean)
        return count > 1 ? mean + " ± " + String(format: "%.\(decimals)f", std) : mean
    }

    public var description: String { formatted() }

    private enum CodingKeys: String, CodingKey { case values, mean, std }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(values, forKey: .values)
        try container.encode(mean, forKey: .mean)
        try container.encode(std, forKey: .std)
    }

    public init(from decoder: Decoder) throws {
        values = try decoder.container(keyedBy: CodingKeys.self).decode([Double].self, forKey: .values)
        source = nil
    }
}

/// The difference a − b between two settings, judged against its own noise.
///
/// Runs of two settings under the same seeds share initial weights and batch order, so the
/// per-seed differences are *paired*: their spread is the noise of the comparison. Settings
/// measured on different seeds (or different counts) use Welch's unpaired form. The
/// difference is *resolved* when it exceeds the two-sided 95 % Student-t bound.
public struct Difference: Sendable, Codable {
    public let mean: Double
    public let standardError: Double
    public let degreesOfFreedom: Double
    public let paired: Bool
    /// Where a and b came from (`Estimate.source`), and whether the test was paired: what it
    /// takes to compute this difference again from the data files.
    public let comparison: Verdict.Comparison

    public init(_ a: Estimate, _ b: Estimate, paired: Bool = true) {
        if paired && a.count == b.count && a.count > 1 {
            let perSeed = Estimate(zip(a.values, b.values).map { $0 - $1 })
            mean = perSeed.mean
            standardError = perSeed.standardError
            degreesOfFreedom = Double(perSeed.count - 1)
            self.paired = true
        } else {
            let va = a.count > 0 ? a.std * a.std / Double(a.count) : 0
            let vb = b.count > 0 ? b.std * b.std / Double(b.count) : 0
            mean = a.mean - b.mean
            standardError = (va + vb).squareRoot()
            // Welch–Satterthwaite; one seed per side leaves no estimate of the noise.
            let denominator =
                (a.count > 1 ? va * va / Double(a.count - 1) : 0) + (b.count > 1 ? vb * vb / Double(b.count - 1) : 0)
            degreesOfFreedom = denominator > 0 ? (va + vb) * (va + vb) / denominator : 0
            self.paired = false
        }
        comparison = Verdict.Comparison(a: a.source, b: b.source, paired: self.paired)
    }

    /// Half-width of the 95 % confidence interval of the difference.
    public var margin: Double {
        degreesOfFreedom >= 1 ? StudentT.quantile(0.975, degreesOfFreedom: degreesOfFreedom) * standardError : .infinity
    }

    /// The 95 % confidence interval of the difference.
    public var interval: ClosedRange<Double> { (mean - margin)...(mean + margin) }

    /// Larger than the noise: the 95 % interval excludes zero. Identical differences on a
    /// few seeds (a zero spread, common with accuracies on small sets) estimate no noise at
    /// all, so they count only from five seeds on.
    public var isResolved: Bool {
        margin.isFinite && abs(mean) > margin && (!hasNoSpread || degreesOfFreedom >= 4)
    }

    /// The interval's edge nearest zero lies within a fifth of the interval's width of zero,
    /// on either side: a few more seeds could move the verdict across the line.
    public var isBorderline: Bool {
        margin.isFinite && margin > 0 && abs(abs(mean) - margin) < 0.2 * (2 * margin)
    }

    /// Two-sided p-value of the t-test of "no difference" (paired or Welch, as measured):
    /// below 0.05 exactly when the 95 % interval excludes zero. 1 when nothing measures the noise.
    public var pValue: Double {
        guard degreesOfFreedom >= 1, mean.isFinite else { return 1 }
        if hasNoSpread { return isResolved ? 0 : 1 }
        return StudentT.twoSidedPValue(mean / standardError, degreesOfFreedom: degreesOfFreedom)
    }

    /// Every seed gave the same difference (to rounding).
    var hasNoSpread: Bool { standardError <= 1e-9 * max(1, abs(mean)) }

    /// "paired over 5 seeds" or "Welch, 7.3 df": which test the interval comes from.
    public var method: String {
        paired
            ? "paired over \(Int(degreesOfFreedom) + 1) seeds"
            : "Welch, " + String(format: "%.1f", degreesOfFreedom) + " df"
    }

    /// "+1.23 ± 0.40 points": the mean and the half-width of its 95 % interval.
    public func formatted(decimals: Int = 2, unit: String = "") -> String {
        let interval = margin.isFinite ? " ± " + String(format: "%.\(decimals)f", margin) : ""
        return Self.signed(mean, decimals: decimals) + interval + unit
    }

    /// A verdict whose line never declares a winner the data do not support, and never reads
    /// "within noise" as "no effect": it names the largest effects either way the interval
    /// cannot exclude. "Test accuracy: p = 0.5 is higher than none by 1.19 ± 0.71 points
    /// (95 % interval, paired over 5 seeds)", "Test accuracy: augmentation − none = −0.27 ±
    /// 1.40 points, within noise (cannot exclude −1.67 or +1.14; paired over 5 seeds)".
    /// Borderline verdicts say so; `caveats` ("not converged: …") follow after "; ". The
    /// verdict keeps where the two estimates came from, for `LessonContext.report` to record.
    public func verdict(
        _ a: String, _ b: String, quantity: String, unit: String = " points", decimals: Int = 2,
        caveats: [String] = []
    ) -> Verdict {
        let wording = Verdict.Wording(
            a: a, b: b, quantity: quantity, unit: unit, decimals: decimals, caveats: caveats)
        return Verdict(line: line(wording, notes: []), comparison: comparison, wording: wording, holm: nil)
    }

    /// The verdict's sentence, with `notes` (Holm's) before the wording's caveats.
    func line(_ wording: Verdict.Wording, notes: [String]) -> String {
        let (a, b, quantity, unit, decimals) = (
            wording.a, wording.b, wording.quantity, wording.unit, wording.decimals
        )
        let line: String
        if !margin.isFinite {
            line =
                "\(quantity): \(a) − \(b) = \(Self.signed(mean, decimals: decimals))\(unit); too few seeds to estimate the noise"
        } else if hasNoSpread && abs(mean) <= 1e-12 {
            line =
                "\(quantity): \(a) − \(b) = \(Self.signed(mean, decimals: decimals))\(unit) on every seed: identical here"
        } else if hasNoSpread && !isResolved {
            line =
                "\(quantity): \(a) − \(b) = \(Self.signed(mean, decimals: decimals))\(unit) on every seed; too few seeds to call it"
        } else if isResolved {
            let size = String(format: "%.\(decimals)f ± %.\(decimals)f", abs(mean), margin)
            line =
                "\(quantity): \(a) is \(mean > 0 ? "higher" : "lower") than \(b) by \(size)\(unit) (95 % interval, \(method))"
        } else {
            let edges =
                Self.signed(interval.lowerBound, decimals: decimals) + " or "
                + Self.signed(interval.upperBound, decimals: decimals)
            line =
                "\(quantity): \(a) − \(b) = \(formatted(decimals: decimals, unit: unit)), within noise (cannot exclude \(edges); \(method))"
        }
        return ([line] + (isBorderline ? ["borderline"] : []) + notes + wording.caveats).joined(separator: "; ")
    }

    /// "+1.23", "−0.40" (a true minus sign), "+0.00" for values that round to zero.
    static func signed(_ value: Double, decimals: Int) -> String {
        let text = String(format: "%.\(decimals)f", abs(value))
        let isZero = Double(text) == 0
        return (value < 0 && !isZero ? "−" : "+") + text
    }
}

/// A verdict line as a lesson reports it, with what it takes to compute it again: the sources
/// of the two estimates compared (and of the whole family, for a Holm-corrected one) and the
/// wording. `LessonContext.report` records it in the results file's `verdicts`, and
/// `regenerate-figures --check` recomputes the line from the data files with the same code.
public struct Verdict: Sendable, Codable, Equatable, CustomStringConvertible {
    /// The estimates a difference compared and how (`paired` as measured: a paired request
    /// on unequal counts was Welch's).
    public struct Comparison: Sendable, Codable, Equatable {
        public let a: Estimate.Source?
        public let b: Estimate.Source?
        public let paired: Bool

        /// Both estimates came from the data files.
        var isDerivable: Bool { a != nil && b != nil }
    }

    /// The arguments of `verdict(…)` that shape the sentence.
    public struct Wording: Sendable, Codable, Equatable {
        public let a: String
        public let b: String
        public let quantity: String
        public let unit: String
        public let decimals: Int
        /// Appended as given (a convergence note is worded by the lesson, not recomputed).
        public let caveats: [String]
    }

    /// A Holm-corrected verdict's family: every comparison of the correction, and which one
    /// this line states.
    public struct HolmFamily: Sendable, Codable, Equatable {
        public let index: Int
        public let level: Double
        public let comparisons: [Comparison]
    }

    public let line: String
    public let comparison: Comparison
    public let wording: Wording
    public let holm: HolmFamily?
    /// The line's position in the results file's `report`, set when the lesson reports it.
    public internal(set) var reportIndex: Int?

    init(line: String, comparison: Comparison, wording: Wording, holm: HolmFamily?) {
        self.line = line
        self.comparison = comparison
        self.wording = wording
        self.holm = holm
    }

    public var description: String { line }

    enum CodingKeys: String, CodingKey {
        case line, comparison, wording, holm
        case reportIndex = "report_index"
    }

    /// Every estimate the line rests on came from the data files.
    public var isDerivable: Bool { (holm?.comparisons ?? [comparison]).allSatisfy(\.isDerivable) }

    /// The line computed again from the estimates `estimate` gives for each source, by the
    /// code that made it; nil when an estimate is missing.
    public func recomputed(_ estimate: (Estimate.Source) -> Estimate?) -> String? {
        func difference(_ comparison: Comparison) -> Difference? {
            guard let a = comparison.a.flatMap(estimate), let b = comparison.b.flatMap(estimate) else { return nil }
            return Difference(a, b, paired: comparison.paired)
        }
        guard let holm else { return difference(comparison).map { $0.line(wording, notes: []) } }
        let differences = holm.comparisons.compactMap(difference)
        guard differences.count == holm.comparisons.count else { return nil }
        return Holm(differences, level: holm.level).line(holm.index, wording)
    }
}

/// Student's t distribution, for intervals and p-values of differences over few seeds.
public enum StudentT {
    /// P(T ≤ t) for `degreesOfFreedom` ν > 0 (not necessarily whole: Welch's ν is not).
    public static func cdf(_ t: Double, degreesOfFreedom ν: Double) -> Double {
        precondition(ν > 0, "Student's t needs positive degrees of freedom")
        guard t.isFinite else { return t > 0 ? 1 : 0 }
        let tail = 0.5 * regularizedIncompleteBeta(ν / (ν + t * t), a: ν / 2, b: 0.5)
        return t > 0 ? 1 - tail : tail
    }

    /// P(|T| ≥ |t|).
    public static func twoSidedPValue(_ t: Double, degreesOfFreedom ν: Double) -> Double {
        precondition(ν > 0, "Student's t needs positive degrees of freedom")
        guard t.isFinite else { return 0 }
        return regularizedIncompleteBeta(ν / (ν + t * t), a: ν / 2, b: 0.5)
    }

    /// The t with P(T ≤ t) = p, by bisection on the CDF (monotone, so it cannot miss).
    public static func quantile(_ p: Double, degreesOfFreedom ν: Double) -> Double {
        precondition(p > 0 && p < 1 && ν > 0, "a quantile needs 0 < p < 1 and positive degrees of freedom")
        if p < 0.5 { return -quantile(1 - p, degreesOfFreedom: ν) }
        var (low, high) = (0.0, 1.0)
        while cdf(high, degreesOfFreedom: ν) < p { (low, high) = (high, 2 * high) }
        // 1e-12 relative is far above Double's resolution, so the halving always gets there.
        while high - low > 1e-12 * high {
            let middle = (low + high) / 2
            if cdf(middle, degreesOfFreedom: ν) < p { low = middle } else { high = middle }
        }
        return (low + high) / 2
    }

    /// I_x(a, b), the regularized incomplete beta function, by Lentz's continued fraction
    /// (Numerical Recipes §6.4), on the side of the symmetry I_x(a, b) = 1 − I_{1−x}(b, a)
    /// where the fraction converges fast.
    public static func regularizedIncompleteBeta(_ x: Double, a: Double, b: Double) -> Double {
        precondition(a > 0 && b > 0 && (0...1).contains(x), "I_x(a, b) needs a, b > 0 and 0 ≤ x ≤ 1")
        if x == 0 || x == 1 { return x }
        let logBeta: Double = lgamma(a) + lgamma(b) - lgamma(a + b)
        let logFront: Double = a * log(x) + b * log(1 - x) - logBeta
        if x < (a + 1) / (a + b + 2) { return exp(logFront) * continuedFraction(x, a: a, b: b) / a }
        return 1 - exp(logFront) * continuedFraction(1 - x, a: b, b: a) / b
    }

    private static func continuedFraction(_ x: Double, a: Double, b: Double) -> Double {
        let tiny = 1e-300
        func guarded(_ value: Double) -> Double { abs(value) < tiny ? tiny : value }
        var c = 1.0, d = 1 / guarded(1 - (a + b) * x / (a + 1))
        var result = d
        for m in 1...300 {
            let m = Double(m)
            let even = m * (b - m) * x / ((a + 2 * m - 1) * (a + 2 * m))
            d = 1 / guarded(1 + even * d)
            c = guarded(1 + even / c)
            result *= d * c
            let odd = -(a + m) * (a + b + m) * x / ((a + 2 * m) * (a + 2 * m + 1))
            d = 1 / guarded(1 + odd * d)
            c = guarded(1 + odd / c)
            let step = d * c
            result *= step
            if abs(step - 1) < 1e-15 { break }
        }
        return result
    }
}

extension Series {
    /// The band mean ± one standard deviation of estimates over seeds, one per x.
    public static func spread(x: [Double], _ estimates: [Estimate], color: Int) -> Series {
        .band(
            nil, x: x, lower: estimates.map { $0.mean - $0.std }, upper: estimates.map { $0.mean + $0.std },
            color: color)
    }
}

/// Ordinary least squares of y on the columns of `rows`, through the normal equations:
/// each coefficient and the half-width of its 95 % interval (Student t with n − p degrees
/// of freedom, the residual variance estimated with n − p).
public struct OrdinaryLeastSquares: Sendable {
    public let coefficients: [(coefficient: Double, margin: Double)]

    public init?(_ rows: [[Double]], _ y: [Double]) {
        let n = rows.count, p = rows.first?.count ?? 0
        guard n > p, p > 0 else { return nil }
        var normal = [Double](repeating: 0, count: p * p), right = [Double](repeating: 0, count: p)
        for (row, target) in zip(rows, y) {
            for i in 0..<p {
                right[i] += row[i] * target
                for j in 0..<p { normal[i * p + j] += row[i] * row[j] }
            }
        }
        guard let factor = Cholesky.factor(normal, size: p) else { return nil }
        let beta = Cholesky.solve(factor, size: p, right)
        let residuals = zip(rows, y).map { row, target in target - zip(row, beta).map(*).reduce(0, +) }
        let variance = residuals.map { $0 * $0 }.reduce(0, +) / Double(n - p)
        let t = StudentT.quantile(0.975, degreesOfFreedom: Double(n - p))
        coefficients = (0..<p).map { j in
            // The j-th diagonal element of (XᵀX)⁻¹: the j-th component of (XᵀX)⁻¹·e_j.
            let unit = (0..<p).map { $0 == j ? 1.0 : 0 }
            let inverseDiagonal = Cholesky.solve(factor, size: p, unit)[j]
            return (beta[j], t * (variance * inverseDiagonal).squareRoot())
        }
    }
}

/// Spearman's rank correlation and its two-sided p-value (the t approximation with n − 2
/// degrees of freedom, as scipy's `spearmanr` computes it); tied values share their mean rank.
public struct SpearmanCorrelation: Sendable {
    public let rho: Double
    public let pValue: Double

    public init(_ x: [Double], _ y: [Double]) {
        let (rx, ry) = (Self.ranks(x), Self.ranks(y))
        let n = Double(x.count)
        let (mx, my) = (rx.reduce(0, +) / n, ry.reduce(0, +) / n)
        let covariance = zip(rx, ry).map { ($0 - mx) * ($1 - my) }.reduce(0, +)
        let spread = (rx.map { ($0 - mx) * ($0 - mx) }.reduce(0, +) * ry.map { ($0 - my) * ($0 - my) }.reduce(0, +))
            .squareRoot()
        rho = spread > 0 ? covariance / spread : .nan
        let t = rho * ((n - 2) / max(1 - rho * rho, .leastNonzeroMagnitude)).squareRoot()
        pValue = n > 2 && rho.isFinite ? StudentT.twoSidedPValue(t, degreesOfFreedom: n - 2) : .nan
    }

    /// 1-based ranks, ties given the mean of the ranks they span.
    public static func ranks(_ values: [Double]) -> [Double] {
        let order = values.indices.sorted { values[$0] < values[$1] }
        var ranks = [Double](repeating: 0, count: values.count)
        var start = 0
        while start < order.count {
            var end = start
            while end + 1 < order.count && values[order[end + 1]] == values[order[start]] { end += 1 }
            for position in start...end { ranks[order[position]] = Double(start + end) / 2 + 1 }
            start = end + 1
        }
        return ranks
    }
}
