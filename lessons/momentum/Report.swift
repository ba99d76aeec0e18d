import Engine
import Foundation
import LabMath
import LessonKit

extension MomentumLesson {
    /// Step 2: how close each method gets, and which ones diverge.
    func reportSurfaces(
        _ context: LessonContext, quadratic: [Path], rosenbrock: [Path], bowlSteps: Int, bananaSteps: Int
    ) {
        func distance(_ path: Path, to minimum: (Float, Float)) -> String {
            if path.diverged { return "diverged after \(path.points.count - 1) steps" }
            let p = path.points.last!
            return String(
                format: "%.3g",
                ((p.x - minimum.0) * (p.x - minimum.0) + (p.y - minimum.1) * (p.y - minimum.1)).squareRoot())
        }
        var table = SummaryTable(
            title: "Distance to the minimum after the last step",
            header: [
                "method", "bowl (\(bowlSteps) steps, lr \(quadraticRate.value))",
                "Rosenbrock (\(bananaSteps) steps, lr \(rosenbrockRate.value))",
            ])
        for method in Self.methods {
            let q = quadratic.first { $0.label == method.label }!
            let r = rosenbrock.first { $0.label == method.label }
            table.add([method.label, distance(q, to: (0, 0)), r.map { distance($0, to: (1, 1)) } ?? "–"])
        }
        context.report()
        context.report(table)
    }

    /// Step 1's check: the lecture's formulas against the engine's.
    func reportLectureComparison(_ context: LessonContext, steps: Int, classical: Float, nesterov: Float) {
        context.report(
            String(
                format:
                    "Lecture's momentum vs the engine's SGD(momentum: 0.9) on the bowl, %d steps: largest difference %.2g.",
                steps, classical))
        context.report(
            String(
                format:
                    "Lecture's Nesterov (look-ahead gradient) vs SGD(momentum: 0.9, nesterov: true), comparing the engine's weights with the lecture's look-ahead point w − α·v: largest difference %.2g.",
                nesterov))
    }

    /// Step 3: the measured rate per step against the prediction, and Polyak's tuning.
    func reportRates(_ context: LessonContext, _ sweep: RateSweep) {
        context.report()
        context.report(
            String(
                format: "Bowl ½(x² + 20y²), lr %.3g: rate per step (distance ratio) measured / predicted:",
                quadraticRate.value))
        for alpha in [0, 0.5, 0.9] as [Float] {
            if let index = sweep.alphas.firstIndex(of: alpha) {
                context.report(
                    String(
                        format: "  α = %.1f: %@ / %.3f", alpha,
                        sweep.measured[index].map { String(format: "%.3f", $0) } ?? "diverged", sweep.predicted(alpha)))
            }
        }
        context.report(
            String(
                format: "  best α at this lr: %.2f (critical damping of the slow direction, (1 − √(η·1))²), rate %.3f.",
                sweep.criticalAlpha, sweep.predicted(sweep.criticalAlpha)))
        context.report(
            String(
                format:
                    "  with the best lr too (η* = 4/(√20 + 1)² = %.3f): α* = ((√κ − 1)/(√κ + 1))² = %.3f, rate %.3f (gradient descent at its best lr: %.3f).",
                RateSweep.bestRate, RateSweep.bestAlpha, (RateSweep.bestAlpha).squareRoot(), (20.0 - 1) / (20 + 1)))
    }

    /// Step 4: where each method ends in the double well.
    func reportDoubleWell(_ context: LessonContext, _ runs: [DoubleWell.Run]) {
        context.report()
        let points = DoubleWell.stationaryPoints.map {
            String(format: "%.2f", $0).replacingOccurrences(of: "-", with: "−")
        }
        context.report(
            "Double well f(x) = (x² − 1)² + \(DoubleWell.tilt)x from x = \(String(format: "%g", DoubleWell.start)), lr \(DoubleWell.rate): local minimum at x ≈ \(points[2]), global at x ≈ \(points[0]), the barrier between them (a local maximum) at x ≈ \(points[1])."
        )
        for run in runs {
            context.report(
                String(
                    format: "  %@: ends at x = %.3f (f = %.3f), the %@ minimum", run.method.label, run.xs.last!,
                    DoubleWell.f(run.xs.last!), run.xs.last! < 0 ? "global" : "local"))
        }
    }

    /// Step 5: the table over optimizers, and five comparisons stated together.
    func reportFashionMNIST(_ context: LessonContext, _ runs: [SettingRuns<RunResult>], epochs: Int, trainCount: Int) {
        let k = min(3, epochs)
        context.report()
        context.report(
            SummaryTable(
                title:
                    "784→128→10 on \(trainCount) images, \(epochs) epochs, batch 64: mean ± std over \(context.seeds.count) seeds, last \(k) = mean of the last \(k) epochs",
                settings: runs,
                columns: [
                    .estimate("train loss, final", decimals: 4) { $0.final(.trainLoss) },
                    .estimate("validation %, final") { $0.final(.validationAccuracy) },
                    .estimate("validation %, last \(k)") { $0.lastEpochs(k, .validationAccuracy) },
                    // Runs still improving near the end of the budget, a wider window than the
                    // verdicts' "not converged" note (the last 10 %, one epoch here).
                    TableColumn("val. peak in last 2") { setting in
                        let late = setting.bestValidationEpochs.filter { ($0 ?? 0) > epochs - 2 }.count
                        return "\(late)/\(setting.runs.count)"
                    },
                ], settingHeader: "optimizer"))
        let (slow, matched, momentum, nesterov) = (runs[0], runs[1], runs[2], runs[3])
        let comparisons = Self.fashionComparisons(runs, epochs: epochs)
        // Beside each verdict, the convergence note of either arm still improving at the budget's end.
        let arms = Dictionary(uniqueKeysWithValues: [
            ("momentum 0.9", momentum), ("SGD at the same lr", slow), ("SGD at lr η/(1 − α)", matched),
            ("Nesterov 0.9", nesterov),
        ])
        func caveats(_ a: String, _ b: String) -> [String] {
            [a, b].compactMap { arms[$0]?.convergenceNote(budget: epochs) }
        }
        let holm = Holm(comparisons.map(\.difference))
        for (index, comparison) in comparisons.enumerated() {
            let notes = caveats(comparison.a, comparison.b)
            context.report(
                comparison.isLoss
                    ? holm.verdict(
                        index, comparison.a, comparison.b, quantity: comparison.quantity, unit: "", decimals: 4,
                        caveats: notes)
                    : holm.verdict(index, comparison.a, comparison.b, quantity: comparison.quantity, caveats: notes))
        }
        // How far from converged the budget leaves each arm: its last epoch's fall in training loss.
        guard epochs >= 2 else { return }
        for arm in runs {
            context.report(
                Difference(arm.final(.trainLoss), arm.atEpoch(epochs - 1, .trainLoss)).verdict(
                    "epoch \(epochs)", "epoch \(epochs - 1)", quantity: "Training loss, \(arm.label)", unit: "",
                    decimals: 4))
        }
    }

    /// One of the five Fashion-MNIST comparisons the report states together (one Holm family).
    struct FashionComparison {
        let a: String
        let b: String
        let quantity: String
        let difference: Difference
        /// A training-loss difference (no unit, four decimals), else validation accuracy in points.
        let isLoss: Bool
    }

    /// The five comparisons, in the report's order, for its verdicts and the differences figure.
    static func fashionComparisons(_ runs: [SettingRuns<RunResult>], epochs: Int) -> [FashionComparison] {
        let k = min(3, epochs)
        let (slow, matched, momentum, nesterov) = (runs[0], runs[1], runs[2], runs[3])
        func loss(_ a: String, _ b: String, _ x: SettingRuns<RunResult>, _ y: SettingRuns<RunResult>)
            -> FashionComparison
        {
            FashionComparison(
                a: a, b: b, quantity: "Final training loss",
                difference: Difference(x.final(.trainLoss), y.final(.trainLoss)), isLoss: true)
        }
        func validation(_ a: String, _ b: String, _ x: SettingRuns<RunResult>, _ y: SettingRuns<RunResult>)
            -> FashionComparison
        {
            FashionComparison(
                a: a, b: b, quantity: "Validation (last \(k))",
                difference: Difference(x.lastEpochs(k, .validationAccuracy), y.lastEpochs(k, .validationAccuracy)),
                isLoss: false)
        }
        return [
            loss("momentum 0.9", "SGD at the same lr", momentum, slow),
            loss("momentum 0.9", "SGD at lr η/(1 − α)", momentum, matched),
            validation("momentum 0.9", "SGD at lr η/(1 − α)", momentum, matched),
            loss("Nesterov 0.9", "momentum 0.9", nesterov, momentum),
            validation("Nesterov 0.9", "momentum 0.9", nesterov, momentum),
        ]
    }
}
