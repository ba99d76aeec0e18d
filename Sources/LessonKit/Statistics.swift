import Plot
import Foundation

/// A quantity measured once per seed, summarized by its mean and sample standard deviation.
///
/// A lesson's claim rests on these, not on one run: a different CPU (another BLAS kernel,
/// another summation order) sends training elsewhere, so the digits of one seed are noise.
public struct Estimate: Sendable, Codable, Equatable, CustomStringConvertible {
    public let values: [Double]

    public init(_ values: [Double]) { self.values = values }

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

    /// A sentence that never declares a winner the data do not support, and never reads
    /// "within noise" as "no effect": it names the largest effects either way the interval
    /// cannot exclude. "Test accuracy: p = 0.5 is higher than none by 1.19 ± 0.71 points
    /// (95 % interval, paired over 5 seeds)", "Test accuracy: augmentation − none = −0.27 ±
    /// 1.40 points, within noise (cannot exclude −1.67 or +1.14; paired over 5 seeds)".
    /// Borderline verdicts say so; `caveats` (a Holm note, "not converged") follow after "; ".
    public func verdict(
        _ a: String, _ b: String, quantity: String, unit: String = " points", decimals: Int = 2,
        caveats: [String] = []
    ) -> String {
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
        return ([line] + (isBorderline ? ["borderline"] : []) + caveats).joined(separator: "; ")
    }

    /// "+1.23", "−0.40" (a true minus sign), "+0.00" for values that round to zero.
    static func signed(_ value: Double, decimals: Int) -> String {
        let text = String(format: "%.\(decimals)f", abs(value))
        let isZero = Double(text) == 0
        return (value < 0 && !isZero ? "−" : "+") + text
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
