import Engine
import LessonKit
import Plot

extension LearningRateDecayLesson {
    static func schedulesFigure(_ runs: [SettingRuns]) -> Figure {
        let rate = EpochMetric(key: "learning_rate", label: "learning rate") { Double($0.learningRate) }
        return Figure(name: "schedules", title: "Learning rate per epoch (reduce-on-plateau: mean over seeds)", panels: [
            // The too-aggressive schedule falls to 10⁻¹⁴; cutting the axis at 10⁻⁵ keeps the others readable.
            Panel(title: "the too-aggressive decay falls out of the plot at the bottom",
                  xLabel: "epoch", yLabel: "learning rate (log scale)", yScale: .log, yRange: 1e-5...1,
                  series: runs.enumerated().map { index, setting in
                      let curve = setting.curve(rate)
                      return .line(setting.label, x: curve.epochs, y: curve.mean, style: .linesPoints, color: index)
                  }),
        ], columns: 1, panelSize: (820, 560))
    }

    static func curvesFigure(_ runs: [SettingRuns], learningRate: Float) -> Figure {
        Figure(name: "curves", title: "The same networks and batches under each schedule: mean ± std over \(runs[0].runs.count) seeds", panels: [
            StandardPanels.seedCurves(runs, metrics: [.validationAccuracy], title: "validation accuracy", legend: .outside),
            StandardPanels.seedCurves(runs, metrics: [.validationLoss], title: "validation loss", legend: .outside),
            {
                var panel = StandardPanels.seedCurves(runs, metrics: [.trainLoss],
                                                      title: "training loss (running mean over each epoch's minibatches, log scale)",
                                                      legend: .outside)
                panel.yScale = .log
                return panel
            }(),
        ], columns: 1, panelSize: (980, 380))
    }
}
