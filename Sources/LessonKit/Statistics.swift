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
            let denominator = (a.count > 1 ? va * va / Double(a.count - 1) : 0) + (b.count > 1 ? vb * vb / Double(b.count - 1) : 0)
            degreesOfFreedom = denominator > 0 ? (va + vb) * (va + vb) / denominator : 0
            self.paired = false
        }
    }

    /// Half-width of the 95 % confidence interval of the difference.
    public var margin: Double {
        degreesOfFreedom >= 1 ? Self.studentT95(degreesOfFreedom) * standardError : .infinity
    }

    /// Larger than the noise: the 95 % interval excludes zero. Identical differences on a
    /// few seeds (a zero spread, common with accuracies on small sets) estimate no noise at
    /// all, so they count only from five seeds on.
    public var isResolved: Bool {
        margin.isFinite && abs(mean) > margin && (!hasNoSpread || degreesOfFreedom >= 4)
    }

    /// Every seed gave the same difference (to rounding).
    var hasNoSpread: Bool { standardError <= 1e-9 * max(1, abs(mean)) }

    /// "+1.23 ± 0.40 (95 % CI, paired over 5 seeds)".
    public func formatted(decimals: Int = 2, unit: String = "") -> String {
        let sign = mean >= 0 ? "+" : "−"
        let interval = margin.isFinite ? " ± " + String(format: "%.\(decimals)f", margin) : ""
        return sign + String(format: "%.\(decimals)f", abs(mean)) + interval + unit
    }

    /// A sentence that never declares a winner the data do not support: "p = 0.5 is higher
    /// than no dropout by 1.23 ± 0.40 points" or "… within noise (−0.10 ± 0.35 points)".
    public func verdict(_ a: String, _ b: String, quantity: String, unit: String = " points", decimals: Int = 2) -> String {
        guard isResolved else {
            if hasNoSpread && margin.isFinite {
                return "\(quantity): \(a) − \(b) = \(String(format: "%+.\(decimals)f", mean))\(unit) on every seed; too few seeds to call it"
            }
            return "\(quantity): \(a) − \(b) = \(formatted(decimals: decimals, unit: unit)), within noise"
        }
        let size = String(format: "%.\(decimals)f ± %.\(decimals)f", abs(mean), margin)
        return "\(quantity): \(a) is \(mean > 0 ? "higher" : "lower") than \(b) by \(size)\(unit) (95 % interval)"
    }

    /// Two-sided 95 % quantile of Student's t for `df` degrees of freedom.
    static func studentT95(_ df: Double) -> Double {
        let table: [Double] = [12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228,
                               2.201, 2.179, 2.160, 2.145, 2.131, 2.120, 2.110, 2.101, 2.093, 2.086,
                               2.080, 2.074, 2.069, 2.064, 2.060, 2.056, 2.052, 2.048, 2.045, 2.042]
        let whole = Int(df.rounded(.down))
        if whole < 1 { return .infinity }
        return whole <= table.count ? table[whole - 1] : 1.960 + 2.4 / df
    }
}

extension Series {
    /// The band mean ± one standard deviation of estimates over seeds, one per x.
    public static func spread(x: [Double], _ estimates: [Estimate], color: Int) -> Series {
        .band(nil, x: x, lower: estimates.map { $0.mean - $0.std }, upper: estimates.map { $0.mean + $0.std }, color: color)
    }
}
