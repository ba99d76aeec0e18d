import LessonKit
import Plot

extension AdamLesson {
    /// Validation accuracy per epoch: each arm's mean over seeds at the epochs measured (dots;
    /// the lines between them only join them), and its ±1 std over seeds at the last epoch, the
    /// arms' bars side by side just right of it, clear of the lines. Seven ±1 std bands over five epochs would cover one another.
    static func validationPanel(_ runs: [SettingRuns<LossRun>]) -> Panel {
        let barSpacing = 0.07
        var series: [Series] = []
        var last = 1.0
        for (index, setting) in runs.enumerated() {
            let curve = setting.curve(.validationAccuracy)
            guard let epoch = curve.epochs.last, let mean = curve.mean.last, let std = curve.std.last else { continue }
            last = max(last, epoch)
            series.append(
                .line(setting.label, x: curve.epochs, y: curve.mean, style: .linesPoints, color: colors[index]))
            if setting.runs.count > 1 {
                let x = epoch + barSpacing * Double(index + 1)
                series.append(.line(nil, x: [x, x], y: [mean - std, mean + std], color: colors[index]))
            }
        }
        var panel = Panel(
            title:
                "validation accuracy per epoch, mean over \(runs[0].runs.count) seeds; bars right of the last: ±1 std, in legend order",
            xLabel: "epoch", yLabel: "validation accuracy (%)",
            xRange: 0.8...(last + barSpacing * Double(runs.count + 1)), series: series)
        panel.xTickStep = 1
        return panel
    }
}
