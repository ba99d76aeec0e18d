/// A labelled tick on an axis: a category's name at its position (the rows of a forest plot).
public struct AxisTick: Sendable, Equatable {
    public var position: Double
    public var label: String

    public init(_ label: String, at position: Double) {
        self.label = label
        self.position = position
    }
}

extension Panel {
    /// The gnuplot command that puts `yTicks` on the y axis in place of numbers; nil without any.
    var yTicksCommand: String? {
        guard !yTicks.isEmpty else { return nil }
        return "set ytics ("
            + yTicks.map { "\(GnuplotScript.quoted($0.label)) \(GnuplotScript.number($0.position))" }
            .joined(separator: ", ") + ")"
    }
}
