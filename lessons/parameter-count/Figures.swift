import Foundation
import LessonKit
import Plot

extension ParameterCount {
    static func perLayerFigure(_ rows: [LayerCount], sizes: [Int]) -> Figure {
        var linearNumber = 0
        let labels = rows.map { row -> String in
            if row.layer.hasPrefix("Linear") {
                linearNumber += 1
                return "layer \(linearNumber) " + row.layer.dropFirst("Linear".count)
            }
            return row.layer
        }
        let total = rows.reduce(0) { $0 + $1.total }
        let title =
            "Parameters per layer of the \(sizes.map(String.init).joined(separator: "→")) MLP: \(SummaryTable.grouped(total)) in all"
        return Figure(
            name: "per-layer",
            panels: [
                Panel(
                    title: title, yLabel: "parameters",
                    series: [
                        .bars("weights (W, or BatchNorm γ)", labels: labels, values: rows.map { Double($0.weights) }),
                        .bars("biases (b, or BatchNorm β)", labels: labels, values: rows.map { Double($0.biases) }),
                    ])
            ], layout: .single)
    }

    static func growthFigure(_ growth: Growth) -> Figure {
        let examples = Double(trainingImages)
        let widthSeries = growth.byWidth.enumerated().map { index, entry in
            Series.line(
                entry.label, x: growth.widths.map(Double.init), y: entry.totals.map(Double.init),
                style: .linesPoints, color: index)
        }
        let depthSeries = growth.byDepth.enumerated().map { index, entry in
            Series.line(
                entry.label, x: growth.depths.map(Double.init), y: entry.totals.map(Double.init),
                style: .linesPoints, color: index)
        }
        let widthRange = Double(growth.widths.first!)...Double(growth.widths.last!)
        // Slope guides for the 784-input curve: slope 1 (∝ w) at 3× its narrowest network,
        // slope 2 (∝ w²) at a third of its widest, clear of both curves (a guide through the
        // curve's own point lies on it where the slope is still 1). The curve leaves the
        // first only slowly: its w² term overtakes the 796·w term only at w = 796.
        let imageTotals = growth.byWidth[1].totals.map(Double.init)
        let guides: [Series] = [
            .line(
                "slope 1 (∝ w), 3× above the 784 curve's start", x: [widthRange.lowerBound, widthRange.upperBound],
                y: [3 * imageTotals.first!, 3 * imageTotals.first! * widthRange.upperBound / widthRange.lowerBound],
                style: .dashed, color: 9),
            .line(
                "slope 2 (∝ w²), ⅓ of the 784 curve's end", x: [widthRange.lowerBound, widthRange.upperBound],
                y: [
                    imageTotals.last! / 3 * pow(widthRange.lowerBound / widthRange.upperBound, 2),
                    imageTotals.last! / 3,
                ],
                style: .dashed, color: 10),
        ]
        let depthRange = Double(growth.depths.first!)...Double(growth.depths.last!)
        // Solid black, so that it is not mistaken for the dashed slope guides.
        let imagesLabel = "\(SummaryTable.grouped(trainingImages)) training images"
        return Figure(
            name: "growth", title: "Total parameters of an MLP with 10 classes",
            panels: [
                Panel(
                    title: "two hidden layers of width w (w² takes over from w only for wide layers)",
                    xLabel: "hidden width w",
                    yLabel: "parameters", xScale: .log, yScale: .log, xRange: widthRange,
                    markers: growth.crossings.map { Marker(x: Double($0.width), label: "w = \($0.width)") },
                    series: guides + widthSeries + [
                        .line(
                            imagesLabel, x: [widthRange.lowerBound, widthRange.upperBound],
                            y: [examples, examples], style: .lines, color: 6)
                    ]),
                Panel(
                    title: "hidden layers of width 100 (grows linearly)", xLabel: "number of hidden layers",
                    yLabel: "parameters",
                    series: depthSeries + [
                        .line(
                            imagesLabel, x: [depthRange.lowerBound, depthRange.upperBound],
                            y: [examples, examples], style: .lines, color: 6)
                    ]),
            ], layout: .pair)
    }
}
