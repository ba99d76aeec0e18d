@testable import Engine
import Foundation
import LessonKit
@testable import Plot
import XCTest

/// The fairness rules: Student's t (reference values from scipy 1.17), Holm's correction, the
/// verdict wording, convergence shares, choices on validation scored on test, and the forest plot.
final class FairnessTests: XCTestCase {
    func testStudentTMatchesScipy() {
        // scipy.stats.t.cdf(t, df)
        let cdfs: [(t: Double, df: Double, p: Double)] = [
            (1, 1, 0.75), (2, 3, 0.9303370157205785), (0.5, 7.3, 0.6841032365977792),
            (3, 10, 0.9933281724887152), (-2.5, 4, 0.03338327240599407), (10, 2, 0.9950737714883372),
            (1.5, 100, 0.9316174709376556),
        ]
        for (t, df, p) in cdfs {
            XCTAssertEqual(StudentT.cdf(t, degreesOfFreedom: df), p, accuracy: 1e-12, "cdf(\(t), \(df))")
        }
        // scipy.stats.t.ppf(0.975, df)
        let quantiles: [(df: Double, t: Double)] = [
            (1, 12.706204736174694), (2, 4.302652729749462), (3, 3.1824463052837078), (4, 2.7764451051977934),
            (9, 2.262157162798205), (30, 2.0422724563012378), (7.3, 2.345066736547703), (200, 1.9718962236339088),
        ]
        for (df, t) in quantiles {
            XCTAssertEqual(StudentT.quantile(0.975, degreesOfFreedom: df), t, accuracy: 1e-9, "t95(\(df))")
        }
        XCTAssertEqual(StudentT.quantile(0.025, degreesOfFreedom: 3), -3.1824463052837078, accuracy: 1e-9)
        // scipy.special.betainc(a, b, x)
        XCTAssertEqual(StudentT.regularizedIncompleteBeta(0.3, a: 2.5, b: 0.5), 0.018927124071945658, accuracy: 1e-13)
        XCTAssertEqual(StudentT.regularizedIncompleteBeta(0.9, a: 0.5, b: 0.5), 0.7951672353008665, accuracy: 1e-13)
        XCTAssertEqual(StudentT.regularizedIncompleteBeta(0.7, a: 10, b: 3), 0.25281534785499993, accuracy: 1e-13)
        XCTAssertEqual(StudentT.twoSidedPValue(2, degreesOfFreedom: 3), 0.13932596855884305, accuracy: 1e-12)
    }

    /// p-values of the paired and the Welch test agree with scipy, and p < 0.05 exactly when
    /// the 95 % interval excludes zero.
    func testPValuesMatchTheInterval() {
        let paired = Difference(Estimate([1, 2, 3, 2]), Estimate([0, 0, 3, 1]))
        XCTAssertEqual(paired.pValue, 0.09172111331157186, accuracy: 1e-12, "scipy.stats.ttest_rel")
        let welch = Difference(Estimate([80, 85, 90, 75, 88]), Estimate([70, 71, 76, 69, 72]), paired: false)
        XCTAssertEqual(welch.degreesOfFreedom, 5.507926179235486, accuracy: 1e-9)
        XCTAssertEqual(welch.pValue, 0.00831951501419464, accuracy: 1e-12, "scipy.stats.ttest_ind(equal_var=False)")
        for shift in stride(from: 0.0, through: 3.0, by: 0.25) {
            let d = Difference(Estimate([1, 2, 3, 2, 4].map { $0 + shift }), Estimate([1, 3, 2, 2, 3]))
            XCTAssertEqual(d.pValue < 0.05, d.isResolved, "shift \(shift): p = \(d.pValue), \(d.formatted())")
        }
        XCTAssertEqual(Difference(Estimate([1]), Estimate([0])).pValue, 1, "one seed measures no noise")
        let identical = Difference(Estimate([3, 1, 4, 1, 5]), Estimate([3, 1, 4, 1, 5]))
        XCTAssertEqual(identical.pValue, 1, "the same value on every seed rejects nothing")
        let family = Holm([
            identical, Difference(Estimate([1.0, 1.2, 0.9, 1.1, 1.3]), Estimate([0, 0.1, 0, 0.2, 0.1])),
        ])
        XCTAssertEqual(family.adjusted[0], 1)
        XCTAssertFalse(family.survives(0))
        XCTAssertTrue(family.survives(1), "one real comparison among two: \(family.adjusted)")
    }

    /// The textbook example: p = 0.01, 0.04, 0.03, 0.005 → Holm 0.03, 0.06, 0.06, 0.02
    /// (the third-smallest, 0.03 × 2, carries over to the largest, 0.04 × 1).
    func testHolmStepDown() {
        let adjusted = Holm.adjust([0.01, 0.04, 0.03, 0.005])
        for (value, expected) in zip(adjusted, [0.03, 0.06, 0.06, 0.02]) {
            XCTAssertEqual(value, expected, accuracy: 1e-15)
        }
        XCTAssertEqual(Holm.adjust([0.5, 0.9]), [1, 1], "adjusted p-values stop at 1")
    }

    /// Of three resolved comparisons, the weakest does not survive Holm over three; the
    /// verdict lines say so, and a comparison within noise gets no note.
    func testHolmInTheVerdictLine() {
        let base = Estimate([10, 11, 12, 13, 14])
        let strong = Estimate([13, 14.1, 14.9, 16.05, 16.95]), weak = Estimate([11.9, 11.6, 14.5, 13.2, 16.3])
        let noise = Estimate([10.5, 10.4, 12.9, 12.6, 14.2])
        let family = Holm([Difference(strong, base), Difference(weak, base), Difference(noise, base)])
        XCTAssertTrue(
            family.differences[0].isResolved && family.differences[1].isResolved && !family.differences[2].isResolved)
        XCTAssertTrue(family.survives(0))
        XCTAssertFalse(family.survives(1), "p = \(family.differences[1].pValue) × 2 ≥ 0.05")
        XCTAssertTrue(
            family.verdict(0, "strong", "base", quantity: "x").line.hasSuffix("; survives Holm over 3 comparisons"))
        XCTAssertTrue(
            family.verdict(1, "weak", "base", quantity: "x").line.hasSuffix("not after Holm over 3 comparisons"))
        XCTAssertFalse(family.verdict(2, "noise", "base", quantity: "x").line.contains("Holm"))
    }

    /// "Within noise" names the effects it cannot exclude, says which test, and never reads
    /// as "no effect"; an edge within a fifth of the width of zero is borderline.
    func testVerdictWording() {
        let a = Estimate([80.1, 81.5, 79.2, 80.9, 79.8]), b = Estimate([80.4, 80.6, 80.1, 81.3, 80.4])
        let within = Difference(a, b)
        let line = within.verdict("augmentation", "none", quantity: "Test accuracy").line
        let low = String(format: "%.2f", -within.interval.lowerBound),
            high = String(format: "%.2f", within.interval.upperBound)
        XCTAssertEqual(
            line,
            "Test accuracy: augmentation − none = −0.26 ± \(String(format: "%.2f", within.margin)) points, within noise "
                + "(cannot exclude −\(low) or +\(high); paired over 5 seeds)")
        XCTAssertFalse(within.isBorderline)
        XCTAssertFalse(line.contains("does not"))

        let welch = Difference(Estimate([80, 85, 90, 75, 88]), Estimate([70, 71, 76, 69, 72]), paired: false)
        XCTAssertTrue(welch.verdict("a", "b", quantity: "x").line.contains("a is higher than b by 12.00 ± 7."))
        XCTAssertTrue(welch.verdict("a", "b", quantity: "x").line.contains("(95 % interval, Welch, 5.5 df)"))

        // Mean 1, margin ≈ 0.81: resolved, but the lower edge (0.19) is within 0.2 × 1.62 of zero.
        let edge = Difference(Estimate([1.7, 0.3, 1.6, 0.4, 1.0]), Estimate([0, 0, 0, 0, 0]))
        XCTAssertTrue(edge.isResolved && edge.isBorderline, edge.formatted())
        XCTAssertTrue(edge.verdict("a", "b", quantity: "x").line.hasSuffix("paired over 5 seeds); borderline"))
        // Mean 1, margin ≈ 0.69: the lower edge (0.31) is just over a fifth of the width (0.27) from zero.
        let clear = Difference(Estimate([1.6, 0.4, 1.5, 0.5, 1.0]), Estimate([0, 0, 0, 0, 0]))
        XCTAssertTrue(clear.isResolved && !clear.isBorderline, clear.formatted())
        // Mean 1, margin ≈ 1.12: within noise, the lower edge 0.12 short of zero: borderline too.
        let justInside = Difference(Estimate([1.9, 0.1, 1.9, 0.1, 1.0]), Estimate([0, 0, 0, 0, 0]))
        XCTAssertTrue(!justInside.isResolved && justInside.isBorderline, justInside.formatted())
        XCTAssertEqual(
            Difference(Estimate([1, 2]), Estimate([0, 1])).verdict("a", "b", quantity: "x").line,
            "x: a − b = +1.00 points on every seed; too few seeds to call it")
        // Two arms that agree on every one of ten seeds are identical, not short of seeds.
        let same = Estimate([Double](repeating: 10, count: 10))
        XCTAssertEqual(
            Difference(same, same).verdict("a", "b", quantity: "x").line,
            "x: a − b = +0.00 points on every seed: identical here")
    }

    /// Runs whose best validation accuracy comes in the budget's last 10 % count as still
    /// improving; a run stopped early counts against the planned budget.
    func testConvergenceShare() {
        let rising = history(validation: (1...20).map { Double($0) })
        let peaked = history(validation: (1...20).map { -abs(Double($0) - 8) })
        let stoppedEarly = history(validation: [1, 2, 3, 4, 5])
        let setting = Convergence([rising, rising, peaked, stoppedEarly], budget: 20)
        XCTAssertEqual(setting.lateEpochs, 2)
        XCTAssertEqual(setting.lateRuns, 2)
        XCTAssertEqual(setting.share, 0.5)
        XCTAssertEqual(setting.note, "not converged: 2/4 runs best in the last 2 of 20 epochs")
        XCTAssertNil(Convergence([rising, peaked, peaked], budget: 20).note)
        XCTAssertEqual(Convergence.bestEpoch(peaked), 8)
        let losses = history(
            validation: (1...20).map(Double.init), validationLoss: (1...20).map { abs(Double($0) - 19) })
        XCTAssertEqual(Convergence.bestEpoch(losses, metric: .validationLoss, lowerIsBetter: true), 19)
    }

    /// The test value is read at the best-validation epoch, not at the best test epoch; a run
    /// that never evaluated test gives nothing rather than a validation number.
    func testScoreOnTestAtTheBestValidationEpoch() {
        let run = history(validation: [70, 75, 74, 73], test: [69, 72, 76, 77])
        XCTAssertEqual(SelectOnValidation.atBestValidation(run) ?? 0, 72, accuracy: 1e-4)
        XCTAssertNil(SelectOnValidation.atBestValidation(history(validation: [70, 75])))
        XCTAssertEqual(SelectOnValidation.atBestValidation([run, history(validation: [70, 75])]).count, 1)
    }

    /// The setting best on mean validation is scored on test; each seed's own choice gives
    /// the procedure's score.
    func testChosenOnValidation() {
        let validation = [Estimate([80, 82, 81]), Estimate([81, 81, 83]), Estimate([79, 80, 80])]
        let test = [Estimate([78, 79, 80]), Estimate([77, 80, 79]), Estimate([90, 90, 90])]
        let choice = ChosenOnValidation(validation: validation, test: test)
        XCTAssertEqual(choice.index, 1)
        XCTAssertEqual(choice.test.values, [77, 80, 79])
        XCTAssertEqual(choice.perSeedChoices, [1, 0, 1])
        XCTAssertEqual(choice.perSeedTest.values, [77, 79, 79])
        XCTAssertEqual(ChosenOnValidation(validation: validation, test: test, higherIsBetter: false).index, 2)
    }

    /// One labelled row per setting from top to bottom, a zero line, and colours that tell a
    /// resolved interval, one that fails Holm, and one within noise apart.
    func testDifferenceForest() throws {
        let base = Estimate([10, 11, 12, 13, 14])
        let differences = [
            Difference(Estimate([13, 14.1, 14.9, 16.05, 16.95]), base),
            Difference(Estimate([11.9, 11.6, 14.5, 13.2, 16.3]), base),
            Difference(Estimate([10.5, 10.4, 12.9, 12.6, 14.2]), base),
        ]
        let panel = StandardPanels.differenceForest(
            ["strong", "weak", "noise"], differences, holm: Holm(differences),
            title: "t", xLabel: "difference")
        XCTAssertEqual(
            panel.yTicks.map(\.label),
            [
                "strong  +3.00 ± 0.10", "weak  +1.50 ± " + String(format: "%.2f", differences[1].margin),
                "noise  +0.12 ± " + String(format: "%.2f", differences[2].margin),
            ])
        XCTAssertEqual(panel.yTicks.map(\.position), [2, 1, 0])
        // "weak" is borderline (its lower edge lies within a fifth of the interval's width of 0).
        XCTAssertEqual(differences.map(\.isBorderline), [false, true, false])
        XCTAssertEqual(
            panel.series.compactMap(\.title),
            [
                "survives Holm", "not after Holm", "within noise",
                "dashed bar: borderline (an interval edge within ⅕ of its width of 0)",
            ])
        XCTAssertEqual(panel.series.compactMap { $0.title == nil ? nil : $0.color }, [0, 4, 9, 6])
        guard case let .line(x, _, _) = panel.series[0].content else { return XCTFail("the zero line comes first") }
        XCTAssertEqual(x, [0, 0])
        // The borderline row's bar is dashed in its verdict's colour; its mean tick stays solid.
        let dashedBars = panel.series.filter {
            if case let .line(_, _, style) = $0.content {
                $0.title == nil && style == .dashed && $0.color == 4
            } else {
                false
            }
        }
        guard dashedBars.count == 1, case let .line(barX, barY, _) = dashedBars[0].content else {
            return XCTFail("one dashed bar, for the borderline row")
        }
        XCTAssertEqual(
            barX.prefix(2).map { $0 }, [differences[1].interval.lowerBound, differences[1].interval.upperBound])
        XCTAssertEqual(barY.prefix(2).map { $0 }, [1, 1])
        // Every bar inside the x-axis, with room on either side.
        let range = try XCTUnwrap(panel.xRange)
        for difference in differences {
            XCTAssertLessThan(range.lowerBound, min(0, difference.interval.lowerBound))
            XCTAssertGreaterThan(range.upperBound, difference.interval.upperBound)
        }
        let script = GnuplotScript(Figure(name: "forest", panels: [panel], layout: .single)).script
        XCTAssertTrue(script.contains("set ytics ('strong  +3.00 ± 0.10' 2.0, 'weak  +1.50 ± "), script)
    }

    private func history(validation: [Double], validationLoss: [Double]? = nil, test: [Double]? = nil) -> History {
        var history = History()
        history.epochs = validation.indices.map { index in
            EpochRecord(
                epoch: index + 1, learningRate: 0.1, trainLoss: 1, trainAccuracy: nil,
                validationLoss: validationLoss.map { Float($0[index]) },
                validationAccuracy: Float(validation[index] / 100),
                testLoss: nil, testAccuracy: test.map { Float($0[index] / 100) }, seconds: 0)
        }
        return history
    }
}
