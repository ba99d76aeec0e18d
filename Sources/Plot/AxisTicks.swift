import Foundation

/// A labelled tick on an axis: a category's name at its position (the rows of a forest plot).
public struct AxisTick: Sendable, Equatable {
    public var position: Double
    public var label: String

    public init(_ label: String, at position: Double) {
        self.label = label
        self.position = position
    }
}

extension AxisTick {
    /// Ticks labelled with their values as the axis would print them (0.2, 0.5, 1, 2): for a log
    /// axis gnuplot labels only at powers of ten.
    public static func values(_ positions: [Double]) -> [AxisTick] {
        positions.map { AxisTick(String(format: "%g", $0), at: $0) }
    }

    /// Ticks at 1, 2 and 5 times each power of ten within `range` (positive; under two
    /// decades, also at 1.5, 3 and 7), labelled as gnuplot labels a log axis ("0.02", "50",
    /// "1e+06"): on an axis of one or two decades, where gnuplot labels only the powers of
    /// ten, values in between stay readable.
    public static func logarithmic(_ range: ClosedRange<Double>) -> [AxisTick] {
        precondition(range.lowerBound > 0, "a log axis holds positive values only")
        let multiples: [Double] = range.upperBound < 100 * range.lowerBound ? [1, 1.5, 2, 3, 5, 7] : [1, 2, 5]
        var ticks: [AxisTick] = []
        var decade = pow(10, (log10(range.lowerBound)).rounded(.down))
        while decade <= range.upperBound {
            for multiple in multiples where range.contains(multiple * decade) {
                // Rounded to 12 significant digits: 0.1 × 2 would print as 0.20000000000000001.
                let value = Double(String(format: "%.12g", multiple * decade))!
                ticks.append(AxisTick(String(format: "%g", value), at: value))
            }
            decade *= 10
        }
        return ticks
    }
}

extension Panel {
    /// The gnuplot command that puts `yTicks` on the y axis in place of numbers; nil without any.
    var yTicksCommand: String? { Self.ticksCommand("ytics", yTicks) }

    /// The gnuplot command that puts `xTicks` on the x axis in place of gnuplot's; nil without any.
    var xTicksCommand: String? { Self.ticksCommand("xtics", xTicks) }

    private static func ticksCommand(_ axis: String, _ ticks: [AxisTick]) -> String? {
        guard !ticks.isEmpty else { return nil }
        return "set \(axis) ("
            + ticks.map { "\(GnuplotScript.quoted($0.label)) \(GnuplotScript.number($0.position))" }
            .joined(separator: ", ") + ")"
    }
}

extension Panel {
    /// A log-scale panel's y ticks at powers of ten, all written alike ("10⁻⁵", "10⁰", "10¹⁵"):
    /// gnuplot's own labels mix "1e+15", "100000" and "1e-05" on an axis of many decades.
    public func withPowerOfTenTicks() -> Panel {
        let values = series.flatMap { drawn -> [Double] in
            guard case let .line(_, y, _) = drawn.content else { return [] }
            return y.filter { $0.isFinite && $0 > 0 }
        }
        guard let low = values.min(), let high = values.max() else { return self }
        let (first, last) = (Int(log10(low).rounded(.down)), Int(log10(high).rounded(.up)))
        // At most about six labelled decades.
        let stride = max(1, Int((Double(last - first) / 5).rounded(.up)))
        let superscripts: [Character: Character] = [
            "0": "⁰", "1": "¹", "2": "²", "3": "³", "4": "⁴", "5": "⁵", "6": "⁶", "7": "⁷", "8": "⁸", "9": "⁹",
            "-": "⁻",
        ]
        var panel = self
        let start = Int((Double(first) / Double(stride)).rounded(.down)) * stride
        panel.yTicks = Swift.stride(from: start, through: last, by: stride).map { exponent in
            AxisTick("10" + String(String(exponent).map { superscripts[$0]! }), at: pow(10, Double(exponent)))
        }
        return panel
    }
}
