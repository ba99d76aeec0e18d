import Engine
import Foundation
import LessonKit
import Plot

extension LearningRateDecayLesson {
    /// Palette index per setting: the constant baseline in black, so that its wide band is not
    /// confused with the light-blue reduce-on-plateau curve; the too-aggressive decay takes
    /// the baseline's blue.
    static func colors(_ runs: [SettingRuns<ScheduledRun>]) -> [Int] {
        runs.indices.map { index in index == 0 ? 6 : (index == 6 ? 0 : index) }
    }

    static func schedulesFigure(_ runs: [SettingRuns<ScheduledRun>]) -> Figure {
        let rate = EpochMetric(key: "learning_rate", label: "learning rate") { Double($0.learningRate) }
        let colors = colors(runs)
        return Figure(name: "schedules", title: "Learning rate per epoch (reduce-on-plateau: mean over seeds)", panels: [
            // The too-aggressive schedule falls to 10⁻¹⁴; cutting the axis at 10⁻⁵ keeps the others readable.
            Panel(title: "the too-aggressive decay falls out of the plot at the bottom",
                  xLabel: "epoch", yLabel: "learning rate (log scale)", yScale: .log, yRange: 1e-5...1,
                  series: runs.enumerated().map { index, setting in
                      let curve = setting.curve(rate)
                      return .line(setting.label, x: curve.epochs, y: curve.mean, style: .linesPoints, color: colors[index])
                  }),
        ], layout: .single)
    }

    static func curvesFigure(_ runs: [SettingRuns<ScheduledRun>], learningRate: Float) -> Figure {
        let colors = colors(runs)
        return Figure(name: "curves", title: "The same networks and batches under each schedule: mean ± std over \(runs[0].runs.count) seeds", panels: [
            StandardPanels.seedCurves(runs, metrics: [.validationAccuracy], title: "validation accuracy", colors: colors, legend: .outside),
            StandardPanels.seedCurves(runs, metrics: [.validationLoss], title: "validation loss", colors: colors, legend: .outside),
            // Linear and fitted to the data: a log axis over 0.1…10 squeezed the schedules'
            // differences into a sliver, and one over the data's narrow range has no ticks.
            StandardPanels.seedCurves(runs, metrics: [.trainLoss], title: "training loss (running mean over each epoch's minibatches)",
                                      colors: colors, legend: .outside),
        ], layout: .stacked)
    }
}
