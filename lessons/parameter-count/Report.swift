import Foundation
import LessonKit

extension ParameterCount {
    /// The per-layer table, numbered like the lecture's W⁽¹⁾, b⁽¹⁾ … for Linear layers.
    static func table(_ rows: [LayerCount], sizes: [Int]) -> SummaryTable {
        var table = SummaryTable(
            title: "Parameters of the \(sizes.map(String.init).joined(separator: "→")) MLP (ReLU)",
            header: ["layer", "weights", "biases", "total"])
        for row in rows {
            table.add([
                row.layer, SummaryTable.grouped(row.weights), SummaryTable.grouped(row.biases),
                SummaryTable.grouped(row.total),
            ])
        }
        table.add(["all layers", "", "", SummaryTable.grouped(rows.reduce(0) { $0 + $1.total })])
        return table
    }

    /// Step 1's report: the per-layer table, the lecture's sum, and a warning when the
    /// network was too large to build.
    func reportCount(_ context: LessonContext, rows: [LayerCount], sizes: [Int], built: Bool) {
        let total = rows.reduce(0) { $0 + $1.total }
        context.report(Self.table(rows, sizes: sizes))
        if sizes == Self.lectureSizes && !noBias && !batchnorm {
            context.report(
                "(5,000 + 100) + (10,000 + 100) + (1,000 + 10) = \(SummaryTable.grouped(total)), as in the lecture.")
        }
        if !built {
            let gigabytes = Double(total) * 4 / 1e9
            context.console.warn(
                String(
                    format:
                        "%@ parameters would take %.3g GB as 32-bit floats: counted from the sizes, not built (this lesson builds networks up to %@ parameters).",
                    SummaryTable.grouped(total), gigabytes, SummaryTable.grouped(Self.maximumBuiltParameters)))
        }
    }

    /// Step 2: how the total grows with width and depth, against the training set's size.
    func reportGrowth(_ context: LessonContext, _ growth: Growth) {
        context.report()
        var summary = SummaryTable(
            title:
                "Totals as the network grows (\(Self.imageSizes.inputs) inputs, \(Self.imageSizes.classes) classes, ReLU MLP)",
            header: ["network", "parameters", "per training image"])
        for (label, sizes) in growth.highlights {
            let count = Self.count(sizes)!
            summary.add([
                label, SummaryTable.grouped(count), String(format: "%.2f", Double(count) / Double(Self.trainingImages)),
            ])
        }
        context.report(summary)
        context.report()
        for crossing in growth.crossings {
            context.report(
                "\(crossing.inputs) inputs, two hidden layers of width w: more parameters than the \(SummaryTable.grouped(Self.trainingImages)) training images from w = \(crossing.width) on (\(SummaryTable.grouped(Self.count([crossing.inputs, crossing.width, crossing.width, Self.imageSizes.classes])!)) parameters)."
            )
        }
    }
}
