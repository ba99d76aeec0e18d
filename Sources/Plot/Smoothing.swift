extension Series {
    /// Each value replaced by the mean of the values around it: `window / 2` on either side and
    /// itself (`window` values for an odd window), the window narrowed symmetrically near
    /// either end so that it stays centred. A trailing running average lags half a window
    /// behind a falling loss, and bends where its window fills up at the start; this mean does
    /// neither. Non-finite values propagate to the means whose window holds them.
    public static func centredMean(_ values: [Double], window: Int) -> [Double] {
        precondition(window > 0, "a mean needs a window of at least one value")
        var sums = [0.0]
        sums.reserveCapacity(values.count + 1)
        for value in values { sums.append(sums.last! + value) }
        return values.indices.map { index in
            let half = min(window / 2, index, values.count - 1 - index)
            return (sums[index + half + 1] - sums[index - half]) / Double(2 * half + 1)
        }
    }
}

extension Series {
    /// A line of this line's centred means (`centredMean`) on the same x, titled `title` in
    /// palette colour `color`: the smooth curve drawn over a noisy one.
    /// With `fullWindowsOnly`, the line keeps only the points whose whole window lies inside
    /// the data, so that it does not bend back to the raw values at either end.
    public func centredMean(window: Int, title: String?, color: Int?, fullWindowsOnly: Bool = false) -> Series {
        guard case let .line(x, y, _) = content else { preconditionFailure("only a line has a running mean") }
        let means = Series.centredMean(y, window: window)
        guard fullWindowsOnly else { return .line(title, x: x, y: means, color: color) }
        let start = min(window / 2, y.count)
        let kept = start..<max(start, y.count - window / 2)
        return .line(title, x: Array(x[kept]), y: Array(means[kept]), color: color)
    }
}
