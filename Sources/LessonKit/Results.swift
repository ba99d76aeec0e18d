import Engine
import Foundation

/// What a lesson measured, written beside its figures as `<lesson>-results.json`: the
/// setup, every setting's summaries over seeds, named values, and the report it printed.
/// A lesson README's numbers are filled in from here (`ReadmeBlock`), never typed.
public struct LessonResults: Codable, Sendable {
    public struct SettingSummary: Codable, Sendable {
        public var label: String
        /// Per metric key: "final", "last_k" and "at_best_validation" estimates.
        public var metrics: [String: [String: Estimate]]
        public var testAccuracy: Estimate?
        public var bestValidationEpoch: Estimate?
    }

    public var lesson: String
    public var command: String
    public var seeds: [UInt64]
    public var quick: Bool
    /// The OpenBLAS kernel of the machine that made the run.
    public var blasKernel: String
    /// The window of "last_k" summaries, in epochs.
    public var lastK: Int
    public var settings: [SettingSummary] = []
    public var values: [String: Estimate] = [:]
    /// The summary lines the lesson printed, in order: the README's results block.
    public var report: [String] = []
    /// The figures written, in order: what the gallery shows.
    public var figures: [FigureEntry] = []
    /// Wall time of the whole run, in seconds.
    public var seconds: Double = 0

    public struct FigureEntry: Codable, Sendable, Equatable {
        /// File stem in the output folder, e.g. "dropout-curves".
        public var name: String
        public var title: String
        public init(name: String, title: String) {
            self.name = name
            self.title = title
        }
    }

    public init(lesson: String, command: String, seeds: [UInt64], quick: Bool, blasKernel: String, lastK: Int,
                report: [String] = []) {
        self.lesson = lesson
        self.command = command
        self.seeds = seeds
        self.quick = quick
        self.blasKernel = blasKernel
        self.lastK = lastK
        self.report = report
    }

    public static func fileName(lesson: String) -> String { "\(lesson)-results.json" }

    public func encoded() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return try encoder.encode(self)
    }

    public static func read(_ path: String) throws -> LessonResults {
        let decoder = JSONDecoder()
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return try decoder.decode(LessonResults.self, from: Data(contentsOf: URL(fileURLWithPath: path)))
    }
}

extension LessonResults.SettingSummary {
    static let summarized: [EpochMetric] = [.trainAccuracy, .validationAccuracy, .testAccuracy, .gap,
                                            .trainLoss, .validationLoss, .testLoss]

    init(_ setting: SettingRuns, lastK: Int) {
        label = setting.label
        metrics = [:]
        for metric in Self.summarized where setting.final(metric).count > 0 {
            var entry = ["final": setting.final(metric), "last_k": setting.lastEpochs(lastK, metric)]
            let atBest = setting.atBestValidation(metric)
            if atBest.count > 0 { entry["at_best_validation"] = atBest }
            metrics[metric.key] = entry
        }
        let test = setting.testAccuracy
        testAccuracy = test.count > 0 ? test : nil
        let best = Estimate(setting.bestValidationEpochs.compactMap { $0.map(Double.init) })
        bestValidationEpoch = best.count > 0 ? best : nil
    }
}

/// Every run's epoch history as one long CSV table (setting, seed, epoch, metrics), for
/// pandas or a spreadsheet: `<lesson>-runs.csv`.
enum HistoryTable {
    static let header = "setting,seed,epoch,learning_rate,train_loss,train_accuracy,validation_loss,validation_accuracy,test_loss,test_accuracy"

    static func csv(_ settings: [SettingRuns]) -> String {
        var lines = [header]
        for setting in settings {
            let label = "\"" + setting.label.replacingOccurrences(of: "\"", with: "\"\"") + "\""
            for (seed, run) in zip(setting.seeds, setting.runs) {
                for record in run.history.epochs {
                    let cells: [Float?] = [record.learningRate, record.trainLoss, record.trainAccuracy, record.validationLoss,
                                           record.validationAccuracy, record.testLoss, record.testAccuracy]
                    lines.append(([label, "\(seed)", "\(record.epoch)"] + cells.map { $0.map { "\($0)" } ?? "" })
                        .joined(separator: ","))
                }
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }
}

/// The generated part of a lesson README, between two marker comments, filled from the
/// lesson's results file so that README numbers cannot drift from the committed figures.
public enum ReadmeBlock {
    public static let begin = "<!-- results:begin: generated from figures/%@ by regenerate-figures; edit the lesson, not this block -->"
    public static let end = "<!-- results:end -->"

    public static func render(_ results: LessonResults) -> String {
        let seeds = results.seeds.count == 1 ? "1 seed" : "\(results.seeds.count) seeds"
        let first = results.seeds.first.map(String.init) ?? "?"
        let last = results.seeds.last.map(String.init) ?? "?"
        return """
            \(String(format: begin, LessonResults.fileName(lesson: results.lesson)))
            Measured by `\(results.command)` over \(seeds) (\(first)…\(last)); ± is one standard deviation over seeds.

            ```text
            \(results.report.joined(separator: "\n"))
            ```
            \(end)
            """
    }

    /// The README with its block replaced; nil when the README has no markers.
    public static func fill(_ readme: String, with results: LessonResults) -> String? {
        guard let start = readme.range(of: "<!-- results:begin"),
              let stop = readme.range(of: end, range: start.upperBound..<readme.endIndex) else { return nil }
        return readme.replacingCharacters(in: start.lowerBound..<stop.upperBound, with: render(results))
    }
}
