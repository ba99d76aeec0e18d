import Engine
import LessonKit
import Plot

extension RegularizersLesson {
    /// Each technique as a point (generalization gap, test accuracy) with ±1 std bars over
    /// seeds in both directions: down is less overfitting, up is better on new images.
    static func comparisonFigure(_ runs: [SettingRuns<FinalNetwork>], trainCount: Int, epochs: Int) -> Figure {
        // The palette without its pale yellow, which vanishes on white.
        let colors = [0, 1, 2, 3, 4, 5, 6, 8]
        let series: [Series] = runs.enumerated().flatMap { index, setting -> [Series] in
            let gap = setting.estimate(\.gap), test = setting.estimate(\.testAccuracy), color = colors[index % colors.count]
            // The two error bars as one line series with a break (NaN) between them.
            let bars = Series.line(setting.label, x: [gap.mean - gap.std, gap.mean + gap.std, .nan, gap.mean, gap.mean],
                                   y: [test.mean, test.mean, .nan, test.mean - test.std, test.mean + test.std], color: color)
            return [bars, .line(nil, x: [gap.mean], y: [test.mean], style: .linesPoints, color: color)]
        }
        return Figure(name: "comparison", panels: [
            Panel(title: "784→256→256→10, SGD + momentum, \(trainCount) images, up to \(epochs) epochs: mean ± std over \(runs[0].runs.count) seeds",
                  xLabel: "generalization gap: training − validation accuracy (points)", yLabel: "test accuracy (%)",
                  legend: .outside, series: series),
        ], layout: .single)
    }
}
