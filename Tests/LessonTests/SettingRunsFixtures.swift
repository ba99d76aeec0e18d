@testable import Engine
import LessonKit

extension SettingRuns where Run == RunResult {
    /// One setting whose runs have these validation accuracies (%) per epoch, one list per
    /// seed (seeds 0, 1, …), and nothing else measured.
    static func withValidation(_ label: String, validation: [[Double]]) -> SettingRuns<RunResult> {
        let runs = validation.map { accuracies in
            var history = History()
            history.epochs = accuracies.indices.map { index in
                EpochRecord(
                    epoch: index + 1, learningRate: 0.1, trainLoss: 1, trainAccuracy: nil, validationLoss: nil,
                    validationAccuracy: Float(accuracies[index] / 100), testLoss: nil, testAccuracy: nil, seconds: 0)
            }
            return RunResult(history: history)
        }
        return SettingRuns(label: label, seeds: runs.indices.map(UInt64.init), runs: runs)
    }
}
