import Foundation
import LessonKit

extension VanishingGradientsLesson {
    func reportSummary(_ context: LessonContext, _ report: Report, epochs: Int, probeCount: Int, trainCount: Int) {
        let k = Self.lastK, seeds = context.seeds.count
        context.report()
        context.report(
            SummaryTable(
                title:
                    "Gradient norms ‖∂L/∂W‖ on one batch of \(probeCount) images, geometric mean ×/÷ spread over \(seeds) seeds",
                settings: report.runs,
                columns: [
                    TableColumn("layer 1 at init") { Self.scientific(GradientRun.norms($0, trained: false, layer: 0)) },
                    TableColumn("layer \(depth + 1) at init") {
                        Self.scientific(GradientRun.norms($0, trained: false, layer: depth))
                    },
                    TableColumn("ratio 1/last (log₁₀)") {
                        Estimate($0.estimate(\.attenuation).values.map(log10)).formatted(decimals: 1)
                    },
                    TableColumn("layer 1 trained") { Self.scientific(GradientRun.norms($0, trained: true, layer: 0)) },
                ], settingHeader: "network"))
        context.report(
            "Factor per hidden layer from one layer's ‖∂L/∂W‖ to the next one down (layers 2…\(depth); below 1: vanishing), measured as the endpoint ratio (‖∂W⁽²⁾‖/‖∂W⁽\(depth)⁾‖)^(1/\(depth - 2)) (mean ± std over \(seeds) seeds) and predicted √n·σ_W·√E[f′(z)²] (0.25·√n·σ_W for a sigmoid with small z):"
        )
        for (index, setting) in report.runs.enumerated() {
            let measured = setting.estimate(\.factor)
            guard measured.count > 0 else { continue }
            let std = Double(Self.networks[index].initializer.standardDeviation(fanIn: width, fanOut: width) ?? 0)
            let small =
                Self.networks[index].activation == .sigmoid
                ? String(format: "; 0.25·√n·σ_W = %.3f", 0.25 * Double(width).squareRoot() * std) : ""
            context.report(
                String(
                    format: "  %@: measured %@, predicted %.3f (√n·σ_W = %.3f%@)", setting.label,
                    measured.formatted(decimals: 3), report.predictedFactors[index], Double(width).squareRoot() * std,
                    small))
        }
        context.report()
        let validation = Measure<GradientRun>.validationAccuracy(lastEpochs: k)
        context.report(
            SummaryTable(
                title:
                    "Accuracy (%) over \(seeds) seeds, \(trainCount) training images, \(epochs) epochs; last \(k) = mean of the last \(k) epochs",
                settings: report.runs,
                columns: [
                    .measure(.lastEpochs(k, .trainAccuracy, "train")),
                    .measure(validation), .measure(.bestValidation),
                ], settingHeader: "network"))
        // Every network against the sigmoid with PyTorch's default, and ReLU against tanh: Holm over all of them.
        let tanh = report.setting(Self.networks[3].name), relu = report.setting(Self.networks[4].name)
        let pairs = report.runs.dropFirst().map { ($0, report.sigmoid) } + [(relu, tanh)]
        let holm = Holm(pairs.map { Difference(validation.summary($0.0), validation.summary($0.1)) })
        for (index, pair) in pairs.enumerated() {
            // A run still improving in the last 10 % of the budget: its verdict carries the note.
            let caveats = [pair.0, pair.1].compactMap { $0.convergenceNote(budget: epochs) }
            context.report(
                holm.verdict(index, pair.0.label, pair.1.label, quantity: validation.quantity, caveats: caveats))
        }
        // The best epoch is picked and scored on the same validation images: a second look at
        // ReLU against tanh, outside the family above, that favours the noisier network.
        context.report(Measure<GradientRun>.bestValidation.verdict(relu, against: tanh))
        context.report()
        var exploding = SummaryTable(
            title:
                "ReLU network, He weights × k, at initialization: ‖∂L/∂W⁽ˡ⁾‖(k) / ‖∂L/∂W⁽ˡ⁾‖(1), geometric mean over the layers",
            header: ["k", "predicted k^\(depth)", "measured", "measured / k^\(depth)", "‖∂L/∂logits‖(k) / (1)"])
        for (index, scale) in Self.scales.enumerated() where scale != 1 {
            let (weights, logits) = Self.explodingRatios(report.scaled, scaleIndex: index)
            let power = pow(Double(scale), Double(depth))
            exploding.add([
                String(format: "%.1f", scale), power.formatted(significantDigits: 3), Self.scientific(weights),
                Self.scientific(Estimate(weights.values.map { $0 / power })), Self.scientific(logits),
            ])
        }
        context.report(exploding)
        reportExplodingTilt(context, report.scaled)
    }

    /// Measured ÷ k^depth at the first and the last layer, and their ratio: how far the scaled
    /// network's points tilt away from the exploding figure's dashed lines, not only shift.
    func reportExplodingTilt(_ context: LessonContext, _ scaled: [[Scaled]]) {
        var tilt = SummaryTable(
            title:
                "Measured / k^\(depth) by layer (the exploding figure's points over its dashed lines), geometric mean over seeds",
            header: ["k", "layer 1", "layer \(depth + 1)", "layer \(depth + 1) / layer 1"])
        for (index, scale) in Self.scales.enumerated() where scale != 1 {
            let first = Self.ratioToPrediction(scaled, scaleIndex: index, layer: 0)
            let top = Self.ratioToPrediction(scaled, scaleIndex: index, layer: depth)
            tilt.add([
                String(format: "%.1f", scale), Self.scientific(Estimate(first)), Self.scientific(Estimate(top)),
                Self.scientific(Estimate(zip(top, first).map { $0 / $1 })),
            ])
        }
        context.report()
        context.report(tilt)
    }

    /// "1.3e-08 (×/÷ 1.4)": geometric mean and geometric spread, for quantities spanning decades.
    static func scientific(_ estimate: Estimate) -> String {
        let logs = Estimate(estimate.values.map { log10(max($0, 1e-300)) })
        guard logs.count > 0 else { return "–" }
        let mean = pow(10, logs.mean).formatted(significantDigits: 3)
        return logs.count > 1 ? mean + String(format: " (×/÷ %.2g)", pow(10, logs.std)) : mean
    }
}
