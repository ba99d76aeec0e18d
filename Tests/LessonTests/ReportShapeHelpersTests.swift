@testable import Engine
import LessonKit
import XCTest

/// The report shapes the lessons state their tables and verdicts through: one family's
/// verdicts at a time, a single A-vs-B line, the "–" cell, and significant-digit cells.
final class ReportShapeHelpersTests: XCTestCase {
    func testSignificantDigits() {
        XCTAssertEqual(0.012345.formatted(significantDigits: 3), "0.0123")
        XCTAssertEqual(123_456.0.formatted(significantDigits: 3), "1.23e+05")
        XCTAssertEqual(Float(2.5).formatted(significantDigits: 3), "2.5")
        XCTAssertEqual(0.0456.formatted(significantDigits: 2), "0.046")
    }

    func testValidationAccuracyOverTheLastEpochs() {
        let measure = Measure<RunResult>.validationAccuracy(lastEpochs: 2)
        XCTAssertEqual(measure.header, "validation, last 2")
        XCTAssertEqual(measure.quantity, "Validation accuracy (last 2 epochs)")
        let setting = SettingRuns.withValidation("a", validation: [[50, 60, 70], [40, 50, 60]])
        // Accuracies are stored as Float fractions: equal to 1e-4 points.
        for (value, expected) in zip(measure.summary(setting).values, [65.0, 55]) {
            XCTAssertEqual(value, expected, accuracy: 1e-4)
        }
        for (value, expected) in zip(Measure<RunResult>.bestValidation.summary(setting).values, [70.0, 60]) {
            XCTAssertEqual(value, expected, accuracy: 1e-4)
        }
        XCTAssertEqual(measure.summary(setting).count, 2)
    }

    func testSingleVerdictNamesBothSettings() {
        let better = SettingRuns.withValidation("wide", validation: [[70], [72], [71], [73]])
        let worse = SettingRuns.withValidation("narrow", validation: [[60], [61], [62], [62.5]])
        let line = Measure<RunResult>.validationAccuracy(lastEpochs: 1).verdict(
            better, against: worse, caveats: ["note"]
        ).line
        XCTAssertTrue(line.hasPrefix("Validation accuracy (last 1 epochs): wide is higher than narrow by 10."), line)
        XCTAssertTrue(line.hasSuffix("; note"), line)
    }

    /// `verdicts(on:)` is `verdicts()` regrouped family by family, each line with its setting's caveats.
    func testVerdictsOfOneFamily() {
        let reference = SettingRuns.withValidation("none", validation: [[60, 61], [62, 60], [61, 63]])
        let settings = [
            SettingRuns.withValidation("small", validation: [[60, 62], [63, 61], [60, 64]]),
            SettingRuns.withValidation("large", validation: [[70, 72], [73, 71], [70, 74]]),
        ]
        let comparisons = ComparisonsAgainstReference(
            settings, against: reference, measures: [.validationAccuracy(lastEpochs: 1), .bestValidation])
        let all = comparisons.verdicts()
        XCTAssertEqual(comparisons.verdicts(on: 0) + comparisons.verdicts(on: 1), [all[0], all[2], all[1], all[3]])
        let noted = comparisons.verdicts(on: 1) { ["caveat of \($0.label)"] }.map(\.line)
        XCTAssertTrue(noted[0].hasPrefix("Best validation accuracy: small"), noted[0])
        XCTAssertTrue(noted[0].hasSuffix("caveat of small"), noted[0])
        XCTAssertTrue(noted[1].hasSuffix("caveat of large"), noted[1])
    }

    func testDashWhereThereIsNothingToSummarize() {
        let trained = SettingRuns.withValidation("trained", validation: [[50, 60], [52, 62]])
        let empty = SettingRuns.withValidation("diverged at once", validation: [[], []])
        let column = TableColumn<RunResult>.measureOrDash(.bestValidation)
        XCTAssertEqual(column.header, "best validation")
        XCTAssertEqual(column.cell(trained), TableColumn.measure(.bestValidation).cell(trained))
        XCTAssertEqual(column.cell(trained), "61.00 ± 1.41")
        XCTAssertEqual(column.cell(empty), "–")
        let ruled = TableColumn<RunResult>.measureOrDash(.bestValidation) { $0.label == "trained" }
        XCTAssertEqual(ruled.cell(trained), "–")
    }
}
