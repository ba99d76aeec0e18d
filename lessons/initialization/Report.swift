import Engine
import Foundation
import LessonKit

extension InitializationLesson {
    /// "0.0123 ± 0.0045" (three significant digits, std to two), or the mean alone for one seed.
    static func significant(_ estimate: Estimate) -> String {
        estimate.mean.formatted(significantDigits: 3)
            + (estimate.count > 1 ? " ± " + estimate.std.formatted(significantDigits: 2) : "")
    }

    func reportSummary(_ context: LessonContext, _ report: Report, epochs: Int, trainCount: Int) {
        reportSymmetry(context, report, epochs: epochs)
        reportSignal(context, report)
        reportTraining(context, report, epochs: epochs, trainCount: trainCount)
        reportSlowConvergence(context, report)
        reportGainSweep(context, report, epochs: epochs)
    }

    /// Step 1: the spread of the weights across units, before and after training.
    func reportSymmetry(_ context: LessonContext, _ report: Report, epochs: Int) {
        let seeds = context.seeds.count, k = Self.lastK, g = Self.significant
        func spread(_ values: KeyPath<SymmetryRun, [Double]>, _ layer: Int) -> TableColumn<SymmetryRun> {
            TableColumn("layer \(layer + 1) \(values == \.spreadBefore ? "before" : "after")") { setting in
                g(Estimate(setting.runs.map { $0[keyPath: values][layer] }))
            }
        }
        context.report(
            SummaryTable(
                title:
                    "Symmetry (784→64→64→10, ReLU, \(epochs) epochs): spread of weights across the units of each hidden layer, mean ± std over \(seeds) seeds",
                settings: report.symmetry,
                columns: [
                    spread(\.spreadBefore, 0), spread(\.spreadAfter, 0), spread(\.spreadBefore, 1),
                    spread(\.spreadAfter, 1),
                    TableColumn("validation %, last \(k)") { $0.lastEpochs(k, .validationAccuracy).formatted() },
                ], settingHeader: "init"))
        func relative(_ setting: SettingRuns<SymmetryRun>) -> Estimate {
            Estimate(setting.runs.flatMap(\.relativeSpreadAfter))
        }
        let constant = relative(report.symmetry[0]), random = relative(report.symmetry[1])
        context.report(
            String(
                format:
                    "After training, spread across units relative to the weights' mean size, largest over seeds and layers: all weights 0.01 %.1g, PyTorch default (smallest) %.2g.",
                constant.max, random.min))
        context.report(
            constant.max <= Self.symmetryTolerance
                ? String(
                    format:
                        "All weights 0.01: the units stayed identical up to float rounding (below %.0e relative; the exact digits depend on the CPU).",
                    Self.symmetryTolerance)
                : String(
                    format: "All weights 0.01: the spread exceeds %.0e relative: the units did not stay identical.",
                    Self.symmetryTolerance))
        context.report()
    }

    /// Steps 2 and 3: the signal through the deep networks at initialization, against the
    /// predicted factor per ReLU layer.
    func reportSignal(_ context: LessonContext, _ report: Report) {
        let seeds = context.seeds.count, g = Self.significant
        var signalTable = SummaryTable(
            title:
                "At initialization, \(depth) hidden layers of \(width), one batch: std of the activations and of ∂L/∂activation, first and last hidden layer (seed \(context.seeds[0]))",
            header: ["network", "init", "act std 1", "act std \(depth)", "grad std 1", "grad std \(depth)"])
        for profile in report.profiles[0] {
            let first = profile.layers.first!, last = profile.layers.last!
            signalTable.add(
                [profile.activation.rawValue, profile.scheme.name]
                    + [
                        first.activation.std, last.activation.std, first.outputGradient!.std,
                        last.outputGradient!.std,
                    ].map { $0.formatted(significantDigits: 3) })
        }
        context.report(signalTable)
        var ratioTable = SummaryTable(
            title:
                "ReLU network, layer \(depth) over layer 1 at initialization, mean ± std over \(seeds) seeds: predicted (factor per layer)^\(depth - 1), measured on the activations' std and on their spread over the batch (per unit, over the images)",
            header: ["init", "predicted", "std", "÷ predicted", "batch spread", "spread ÷ predicted"])
        for name in ["Xavier normal", "He normal", "PyTorch default"] {
            let scheme = Self.variancePreserving.first { $0.name == name }!
            let predicted = pow(predictedReLUFactor(scheme)!, Double(depth - 1))
            let std = report.signalRatio(.relu, name), spread = report.spreadRatio(.relu, name)
            ratioTable.add([
                name, predicted.formatted(significantDigits: 3), g(std),
                g(Estimate(std.values.map { $0 / predicted })), g(spread),
                g(Estimate(spread.values.map { $0 / predicted })),
            ])
        }
        context.report(ratioTable)
        for activation in [Activation.tanh, .relu] {
            let std = report.last(activation, "PyTorch default") { Double($0.layers.last!.activation.std) }
            let spread = report.last(activation, "PyTorch default") { $0.spreadOverBatch.last! }
            context.report(
                "  \(activation.rawValue), PyTorch default (biases drawn as nn.Linear draws them): layer \(depth) activation std \(g(std)), of which spread over the batch (the part that depends on the input) \(g(spread))."
            )
        }
        let gap = Estimate(
            zip(report.signalRatio(.relu, "He normal").values, report.signalRatio(.relu, "Xavier normal").values).map {
                $0 / $1
            })
        context.report(
            String(
                format: "  He normal over Xavier normal at layer %d: ×%@ (predicted √2^%d = %.1f).", depth, g(gap),
                depth - 1,
                pow(2, Double(depth - 1) / 2)))
        context.report()
    }

    /// Step 4: the deep ReLU network trained from each initialization, and He against Xavier
    /// and Xavier against PyTorch's default.
    func reportTraining(_ context: LessonContext, _ report: Report, epochs: Int, trainCount: Int) {
        let seeds = context.seeds.count, k = Self.lastK
        // A setting whose every run diverged is not summarized.
        let allDiverged = { (setting: SettingRuns<DeepRun>) in
            setting.estimate(\.divergedEpoch).count == setting.runs.count
        }
        let lastValidation = Measure<DeepRun>.validationAccuracy(lastEpochs: k)
        context.report(
            SummaryTable(
                title:
                    "Deep ReLU network, SGD lr 0.01 momentum 0.9, \(epochs) epochs on \(trainCount) images, \(seeds) seeds; last \(k) = mean of the last \(k) epochs (%)",
                settings: report.runs,
                columns: [
                    .measureOrDash(.lastEpochs(k, .trainAccuracy, "train"), when: allDiverged),
                    .measureOrDash(lastValidation, when: allDiverged),
                    .measureOrDash(.bestValidation, when: allDiverged),
                    TableColumn("note") { setting in
                        let diverged = setting.estimate(\.divergedEpoch)
                        return diverged.count > 0
                            ? "\(diverged.count) of \(setting.runs.count) seeds diverged (epoch \(Int(diverged.min))–\(Int(diverged.max)))"
                            : ""
                    },
                ], settingHeader: "init"))
        let byName = Dictionary(uniqueKeysWithValues: report.runs.map { ($0.label, $0) })
        if let he = byName["He normal"], let xavier = byName["Xavier normal"], let standard = byName["PyTorch default"]
        {
            // Four comparisons stated together: each verdict says whether it survives Holm over the
            // four. He against Xavier after the first epoch too, to show how the gap narrows.
            let firstEpoch = Measure<DeepRun>("validation, epoch 1", quantity: "Validation accuracy after epoch 1") {
                $0.atEpoch(1, .validationAccuracy)
            }
            let comparisons = [
                (he, xavier, firstEpoch, false), (he, xavier, lastValidation, true),
                (he, xavier, .bestValidation, true), (xavier, standard, lastValidation, true),
            ]
            let holm = Holm(comparisons.map { a, b, measure, _ in Difference(measure.summary(a), measure.summary(b)) })
            // An arm still improving in the last 10 % of the budget: its verdicts on the end of the
            // budget carry the note.
            for (index, (a, b, measure, atEndOfBudget)) in comparisons.enumerated() {
                let caveats = atEndOfBudget ? [a, b].compactMap { $0.convergenceNote(budget: epochs) } : []
                context.report(holm.verdict(index, a.label, b.label, quantity: measure.quantity, caveats: caveats))
            }
        }
        reportUpdateRatios(context, report)
        context.report()
    }

    /// The update-to-data figure's layers in numbers: per init, each drawn layer's median ratio
    /// over the steps and its largest, so that "how fast does the last layer move" is read here,
    /// not guessed from a log axis.
    func reportUpdateRatios(_ context: LessonContext, _ report: Report) {
        guard let steps = report.updateRatios.first?.1.count, steps > 0 else { return }
        context.report(
            "Update-to-data ratio std(Δw)/std(w) over the first \(steps) steps (seed \(context.seeds[0]), the update-ratio figure), median over the steps (largest):"
        )
        for (scheme, history) in report.updateRatios {
            let cells = Self.updateRatioLayers(history).map { layer in
                let values = history.map { Double($0[layer]) }.sorted()
                let middle = values.count / 2
                let median = values.count % 2 == 1 ? values[middle] : (values[middle - 1] + values[middle]) / 2
                return
                    "layer \(layer + 1) \(median.formatted(significantDigits: 2)) (\(values.last!.formatted(significantDigits: 2)))"
            }
            context.report("  \(scheme.name): " + cells.joined(separator: ", "))
        }
    }

    /// Step 5: how long the shallow network sits at chance from small weights.
    func reportSlowConvergence(_ context: LessonContext, _ report: Report) {
        let seeds = context.seeds.count, k = Self.lastK
        context.report(
            SummaryTable(
                title:
                    "Slow convergence: 784→64→64→10 (ReLU), SGD lr 0.1, batch \(Self.batchSize), \(report.slow.first?.runs.first?.history.epochs.count ?? 0) epochs, \(seeds) seeds",
                settings: report.slow,
                columns: [
                    TableColumn("steps until loss < \(Self.escapeLoss) (running average over \(Self.lossWindow))") {
                        setting in
                        let escape = setting.estimate(\.stepsToEscape)
                        return escape.count == setting.runs.count
                            ? escape.formatted(decimals: 0)
                            : "\(escape.count) of \(setting.runs.count) seeds escaped"
                    },
                    TableColumn("validation, epoch 1") { setting in
                        Estimate(
                            setting.runs.compactMap {
                                $0.history.epochs.first?.validationAccuracy.map { 100 * Double($0) }
                            }
                        ).formatted()
                    },
                    .measure(.lastEpochs(k, .validationAccuracy, "validation")),
                ], settingHeader: "init"))
        for setting in report.slow {
            if let note = setting.convergenceNote(budget: setting.runs.first?.history.epochs.count ?? 0) {
                context.report("  " + note)
            }
        }
        context.report()
    }

    /// Step 6: the gain sweep, measured against the mean-field prediction.
    func reportGainSweep(_ context: LessonContext, _ report: Report, epochs: Int) {
        let seeds = context.seeds.count, k = Self.lastK, g = Self.significant
        var gainTable = SummaryTable(
            title:
                "Gain sweep: \(depth) hidden layers of \(width), weights N(0, g²/n_in), zero biases; SGD lr 0.01 momentum 0.9, \(epochs) epochs, \(seeds) seeds",
            header: [
                "network", "std 1: predicted", "measured", "std \(depth): predicted", "measured", "÷ predicted",
                "validation, last \(k)",
            ])
        for (index, setting) in report.gainSweep.enumerated() {
            let diverged = setting.estimate(\.divergedEpoch)
            let validation =
                diverged.count == setting.runs.count
                ? "diverged"
                : setting.lastEpochs(k, .validationAccuracy).formatted()
                    + (diverged.count > 0 && diverged.count < setting.runs.count ? " (\(diverged.count) diverged)" : "")
            let predictedLast = report.predictedGainStd[index].last
            let measuredLast = setting.estimate(\.lastLayerStd)
            gainTable.add([
                setting.label, report.predictedGainStd[index].first.formatted(significantDigits: 3),
                g(setting.estimate(\.firstLayerStd)), predictedLast.formatted(significantDigits: 3), g(measuredLast),
                g(Estimate(measuredLast.values.map { $0 / predictedLast })), validation,
            ])
        }
        context.report(gainTable)
        for activation in [Activation.tanh, .relu] {
            let arms = report.gainSweep.filter { $0.label.hasPrefix(activation.rawValue + ",") }
            guard
                let best = arms.max(by: {
                    $0.lastEpochs(k, .validationAccuracy).mean < $1.lastEpochs(k, .validationAccuracy).mean
                })
            else { continue }
            context.report(
                "  \(activation.rawValue): highest validation accuracy at \(best.label.components(separatedBy: ", ").last!) (picked on validation; the sweep shows the shape, not a tuned value)."
            )
            // The arms still improving at the end of the budget, beside the verdict that ranks them.
            for arm in arms {
                if let note = arm.convergenceNote(budget: epochs) { context.report("    " + note) }
            }
        }
        reportGainPairs(context, report)
    }

    /// The recommended gains against their neighbours, under each activation: √2 (He's, for
    /// ReLU) against 5/3 (PyTorch's, for tanh), and both against 2. Paired over seeds, Holm
    /// over every pair stated; an arm with a diverged seed has no value to pair and is left out.
    func reportGainPairs(_ context: LessonContext, _ report: Report) {
        let validation = Measure<GainRun>.validationAccuracy(lastEpochs: Self.lastK)
        let (root2, fiveThirds) = (2.0.squareRoot(), 5.0 / 3)
        let arms = Dictionary(uniqueKeysWithValues: report.gainSweep.map { ($0.label, $0) })
        let pairs = [Activation.tanh, .relu].flatMap { activation in
            [(fiveThirds, root2), (2, root2), (2, fiveThirds)].compactMap {
                a, b -> (SettingRuns<GainRun>, SettingRuns<GainRun>)? in
                let label = { GainSetting(activation: activation, gain: $0).label }
                guard let a = arms[label(a)], let b = arms[label(b)],
                    [a, b].allSatisfy({ $0.estimate(\.divergedEpoch).count == 0 })
                else { return nil }
                return (a, b)
            }
        }
        guard !pairs.isEmpty else { return }
        context.report(
            "  √2 and 5/3 against each other and against 2, paired over seeds, Holm over the \(pairs.count) pairs (arms with a diverged seed left out):"
        )
        let holm = Holm(pairs.map { Difference(validation.summary($0), validation.summary($1)) })
        for (index, (a, b)) in pairs.enumerated() {
            context.report(holm.verdict(index, a.label, b.label, quantity: "    " + validation.quantity))
        }
    }
}
