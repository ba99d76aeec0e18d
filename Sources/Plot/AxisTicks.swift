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
