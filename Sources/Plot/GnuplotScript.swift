/// A figure translated to gnuplot: a script and the data file it reads.
///
/// The script is self-contained apart from its data file, which it finds beside itself
/// (through ARG0), so `gnuplot figures/<name>.gp` run from anywhere redraws
/// `<name>.png` and `<name>.svg` next to it. Every data series is one block of the data
/// file, selected with `index`. Text is drawn with `noenhanced`, so `_ ^ & { } @` in titles
/// are shown as typed.
public struct GnuplotScript: Sendable {
    public let script: String
    public let data: String

    /// Colors by palette index: Okabe–Ito (distinguishable with color-vision deficiencies),
    /// then four more for figures with many series (wine, grey, brown, indigo). The Okabe–Ito
    /// yellow (7) is pale on white: thin lines in it are hard to see. Black (6) suits a
    /// reference line, not a series with a band: its band is grey, like context curves.
    public static let palette = [
        "#0072B2", "#D55E00", "#009E73", "#CC79A7",
        "#E69F00", "#56B4E9", "#000000", "#F0E442",
        "#882255", "#888888", "#8C510A", "#332288",
    ]

    public init(_ figure: Figure) {
        var writer = Writer(figure: figure)
        writer.writeFigure()
        script = writer.script
        data = writer.data
    }

    /// A gnuplot string literal: single quotes, in which only a doubled quote is special.
    static func quoted(_ text: String) -> String {
        "'" + text.replacingOccurrences(of: "'", with: "''").replacingOccurrences(of: "\n", with: " ") + "'"
    }

    /// A value at the precision it has: one that came from a Float prints as that Float's
    /// shortest decimal (32.68, not 32.67999887466431).
    static func number(_ value: Double) -> String {
        guard value.isFinite else { return "NaN" }
        let single = Float(value)
        return Double(single) == value ? "\(single)" : "\(value)"
    }
}

private struct Writer {
    let figure: Figure
    var script = ""
    var data = ""
    private var blockCount = 0
    fileprivate var contourCount = 0

    init(figure: Figure) { self.figure = figure }

    mutating func line(_ text: String) { script += text + "\n" }

    /// Appends a data block and returns its index.
    mutating func block(title: String?, columns: [String], _ rows: [String]) -> Int {
        if blockCount > 0 { data += "\n\n" }
        data += "# block \(blockCount)" + (title.map { ": \($0)" } ?? "") + "\n"
        data += "# columns: " + columns.joined(separator: " ") + "\n"
        data += rows.joined(separator: "\n") + "\n"
        blockCount += 1
        return blockCount - 1
    }

    mutating func writeFigure() {
        let width = figure.panelSize.width * figure.columns
        let height = figure.panelSize.height * figure.rows + (figure.title == nil ? 0 : 30)
        // GitHub shows images at most ~880 px wide: scale the font with the width so that text
        // stays about 10 px tall on the page.
        let fontSize = max(10, Int((10 * Double(width) / 880).rounded()))
        line("# \(figure.name): written by Training Techniques Lab.")
        line("# Redraw with `gnuplot \(figure.name).gp` from any folder; the data is \(figure.name).dat beside it,")
        line("# one block per series (select with `index`). Edit freely: it is plain gnuplot.")
        line("script_dir = ARG0")
        line("n = strlen(script_dir)")
        line("while (n > 0 && script_dir[n:n] ne '/') { n = n - 1 }")
        line("script_dir = (n > 0) ? script_dir[1:n] : ''")
        line("data = script_dir.'\(figure.name).dat'")
        line("if (!exists('output_suffix')) output_suffix = ''")
        line("# gnuplot -e \"preview='dumb size 120,40'\" draws the figure on standard output instead. A text")
        line("# terminal draws a band's outline, not its fill, and cannot turn a label or dash a line:")
        line("# the preview leaves the bands and the grid out, writes each y label under its panel's")
        line("# title, and names the lines told apart only by their dashes in the key.")
        line("if (!exists('preview')) preview = ''")
        line("do for [format in (preview eq '' ? 'png svg' : 'preview')] {")
        line("if (format eq 'png') {")
        line("  set terminal pngcairo noenhanced size \(width),\(height) font 'DejaVu Sans,\(fontSize)'")
        line("} else {")
        line("  if (format eq 'svg') {")
        line(
            "    set terminal svg noenhanced size \(width),\(height) font 'DejaVu Sans,\(fontSize)' background '#ffffff'"
        )
        line("  } else {")
        line("    eval('set terminal '.preview)")
        line("  }")
        line("}")
        line(
            "if (format eq 'preview') { set output } else { set output script_dir.'\(figure.name).'.format.output_suffix }"
        )
        let title = figure.title.map { " title " + GnuplotScript.quoted($0) } ?? ""
        line("set multiplot layout \(figure.rows),\(figure.columns)\(title)")
        for panel in figure.panels { writePanel(panel) }
        line("unset multiplot")
        line("set output")
        line("}")
    }

    mutating func writePanel(_ panel: Panel) {
        line("reset")
        line("if (format ne 'preview') { set grid lc rgb '#dddddd' }")
        if let title = panel.title { line("set title \(GnuplotScript.quoted(title))") }
        if let label = panel.xLabel { line("set xlabel \(GnuplotScript.quoted(label))") }
        if let label = panel.yLabel { line("set ylabel \(GnuplotScript.quoted(label))") }
        if let previewTitle = panel.previewTitle {
            line("if (format eq 'preview') { set title \(previewTitle); unset ylabel; unset y2label }")
        }
        // '%g' keeps log-axis labels short (1e-07 rather than 0.0000001).
        if panel.xScale == .log { line("set logscale x"); line("set format x '%g'") }
        if panel.yScale == .log {
            line("set logscale y"); line("set format y '%g'")
            // Over many decades gnuplot puts its major ticks several decades apart but still
            // draws the 2…9 minor ticks of one decade under each, which clump into blobs.
            if panel.yDecades > 8 { line("set mytics 1") }
        }
        if let range = panel.xRange { line("set xrange [\(range.lowerBound):\(range.upperBound)]") }
        if let step = panel.xTickStep { line("set xtics \(GnuplotScript.number(step))") }
        if let range = panel.yRange { line("set yrange [\(range.lowerBound):\(range.upperBound)]") }
        if panel.equalAspect { line("set size ratio -1") }
        if let margin = panel.leftMargin { line("set lmargin \(GnuplotScript.number(margin))") }
        if let margin = panel.bottomMargin { line("set bmargin \(GnuplotScript.number(margin))") }
        if let command = panel.yTicksCommand { line(command) }
        if let command = panel.xTicksCommand { line(command) }
        if panel.series.contains(where: \.onSecondAxis) || panel.y2Label != nil {
            line("set ytics nomirror")
            line("set y2tics")
            if let label = panel.y2Label { line("set y2label \(GnuplotScript.quoted(label))") }
            if panel.y2Scale == .log { line("set logscale y2") }
            if let range = panel.y2Range { line("set y2range [\(range.lowerBound):\(range.upperBound)]") }
        }
        // Sample before label, as matplotlib draws it; ticks outward on the left and bottom only.
        line("set border 3")
        line("set tics out nomirror")
        switch panel.legend {
        case .hidden: line("unset key")
        // `height 1`: a line of room above the key, which otherwise touches the x-axis label
        // when its entries do not fit two rows.
        case .below: line("set key below horizontal maxrows 2 reverse Left samplen 2 nobox height 1")
        case .outside: line("set key \(panel.legend.rawValue) reverse Left samplen 2 nobox")
        default: line("set key \(panel.legend.rawValue) reverse Left samplen 2 opaque box lc rgb '#cccccc'")
        }
        for (index, marker) in panel.markers.enumerated() {
            let x = GnuplotScript.number(marker.x)
            line("set arrow from \(x), graph 0 to \(x), graph 1 nohead dt 2 lw 1.5 lc rgb '#555555'")
            // Labels step down from the top so that neighbouring markers stay readable.
            let height = 0.95 - 0.07 * Double(index % 4)
            line(
                "set label \(GnuplotScript.quoted(marker.label)) at \(x), graph \(height) left offset 0.5,0 tc rgb '#333333' front"
            )
        }

        var items: [String] = []
        let barSeries = panel.series.filter { if case .bars = $0.content { true } else { false } }
        var barIndex = 0
        // Pictures first, then filled shapes, then lines, so that lines stay visible.
        let ordered =
            panel.series.filter(\.isPicture) + panel.series.filter(\.isFilled)
            + panel.series.filter { !$0.isPicture && !$0.isFilled }
        var nextColor = 0
        let colorIndices = ordered.map { series -> Int? in
            guard series.usesPalette else { return nil }
            let index = series.color ?? nextColor
            nextColor = max(nextColor, index + 1)
            return index
        }
        let previewTitles = Self.previewTitles(ordered, colors: colorIndices)
        for (position, series) in ordered.enumerated() {
            let color = colorIndices[position].map {
                "lc rgb '\(GnuplotScript.palette[$0 % GnuplotScript.palette.count])'"
            }
            let title =
                series.title.map { "title \(GnuplotScript.quoted($0))" }
                ?? previewTitles[position].map { "title (format eq 'preview' ? \(GnuplotScript.quoted($0)) : '')" }
                ?? "notitle"
            let axes = series.onSecondAxis ? " axes x1y2" : ""
            switch series.content {
            case let .line(x, y, style):
                let index = block(
                    title: series.title, columns: ["x", "y"],
                    zip(x, y).map { "\(GnuplotScript.number($0)) \(GnuplotScript.number($1))" })
                let with =
                    switch style {
                    case .lines: "lines lw 2"
                    case .points: "points pt 7 ps 0.6"
                    case .linesPoints: "linespoints lw 2 pt 7 ps 0.6"
                    case .dashed: "lines lw 2 dt 2"
                    case .marker: "points pt 7 ps 1.6"
                    }
                items.append("data index \(index) using 1:2\(axes) with \(with) \(color!) \(title)")
                if style == .marker {
                    items.append(
                        "data index \(index) using 1:2\(axes) with points pt 6 ps 1.6 lw 1.5 lc rgb '#000000' notitle")
                }
            case let .band(x, lower, upper):
                let rows = x.indices.map {
                    "\(GnuplotScript.number(x[$0])) \(GnuplotScript.number(lower[$0])) \(GnuplotScript.number(upper[$0]))"
                }
                let index = block(title: series.title, columns: ["x", "lower", "upper"], rows)
                items.append(
                    "data index \(index) using 1:(format eq 'preview' ? NaN : $2):3\(axes) with filledcurves fs \(series.isOpaque ? "solid 1" : "transparent solid 0.25") noborder \(color!) \(title)"
                )
            case let .bars(labels, values, showValues):
                let rows = zip(labels, values).map {
                    "\"\($0.replacingOccurrences(of: "\"", with: "'"))\" \(GnuplotScript.number($1))"
                }
                let index = block(title: series.title, columns: ["label", "value"], rows)
                let width = 0.8 / Double(barSeries.count)
                let offset = (Double(barIndex) - Double(barSeries.count - 1) / 2) * width
                if barIndex == 0 {
                    // Category labels at the centre of each group of bars, not under the first bar.
                    line(
                        "set xtics ("
                            + labels.enumerated().map { "\(GnuplotScript.quoted($1)) \($0)" }.joined(separator: ", ")
                            + ")")
                    line("set boxwidth \(width)")
                    line("set xrange [-0.6:\(Double(labels.count) - 0.4)]")
                    line("set yrange [0:*]")
                    line("set offsets 0, 0, graph 0.08, 0")
                }
                items.append(
                    "data index \(index) using ($0+\(offset)):2 with boxes fs solid 0.8 \(color!) \(title)"
                )
                if showValues {
                    items.append(
                        "data index \(index) using ($0+\(offset)):2:(sprintf('%g', $2)) with labels offset 0,0.7 notitle"
                    )
                }
                barIndex += 1
            case let .histogram(values, bins, range):
                let (centers, counts, width) = Series.binned(values, bins: bins, range: range)
                let index = block(
                    title: series.title, columns: ["bin_center", "count"],
                    zip(centers, counts).map { "\(GnuplotScript.number($0)) \($1)" })
                if panel.yRange == nil { line("set yrange [0:*]") }
                items.append(
                    "data index \(index) using 1:2:(\(width)) with boxes fs transparent solid 0.45 \(color!) \(title)"
                )
            case let .contours(x, y, z, levels):
                let table = contourTable(x: x, y: y, z: z, levels: levels)
                items.append("\(table) using 1:2 with lines lw 1 lc rgb '#c8c8c8' notitle")
            case let .heatMap(x, y, z, valueLabel, valueRange):
                var rows: [String] = []
                for (i, yValue) in y.enumerated() {
                    for (j, xValue) in x.enumerated() {
                        rows.append(
                            "\(GnuplotScript.number(xValue)) \(GnuplotScript.number(yValue)) \(GnuplotScript.number(z[i][j]))"
                        )
                    }
                    rows.append("")
                }
                let index = block(
                    title: "grid", columns: ["x", "y", valueLabel.replacingOccurrences(of: " ", with: "_")], rows)
                line("set palette defined (0 '#440154', 1 '#3b528b', 2 '#21918c', 3 '#5ec962', 4 '#fde725')")
                line("set cblabel \(GnuplotScript.quoted(valueLabel))")
                line("set colorbox")
                if let valueRange { line("set cbrange [\(valueRange.lowerBound):\(valueRange.upperBound)]") }
                line("set xrange [\(GnuplotScript.number(x.first ?? 0)):\(GnuplotScript.number(x.last ?? 1))]")
                line("set yrange [\(GnuplotScript.number(y.first ?? 0)):\(GnuplotScript.number(y.last ?? 1))]")
                items.append("data index \(index) using 1:2:3 with image notitle")
            case let .scatter(x, y, value, valueLabel, valueRange):
                let rows = x.indices.map {
                    "\(GnuplotScript.number(x[$0])) \(GnuplotScript.number(y[$0])) \(GnuplotScript.number(value[$0]))"
                }
                let index = block(
                    title: series.title, columns: ["x", "y", valueLabel.replacingOccurrences(of: " ", with: "_")], rows)
                line("set palette defined (0 '#440154', 1 '#3b528b', 2 '#21918c', 3 '#5ec962', 4 '#fde725')")
                line("set cblabel \(GnuplotScript.quoted(valueLabel))")
                if let valueRange { line("set cbrange [\(valueRange.lowerBound):\(valueRange.upperBound)]") }
                items.append("data index \(index) using 1:2:3 with points pt 7 ps 1.4 palette \(title)")
            case let .image(pixels, scale):
                var rows: [String] = []
                rows.reserveCapacity(pixels.values.count)
                for r in 0..<pixels.rows {
                    for c in 0..<pixels.cols { rows.append("\(c) \(r) \(GnuplotScript.number(Double(pixels[r, c])))") }
                }
                let index = block(
                    title: "image \(pixels.cols)×\(pixels.rows)", columns: ["column", "row", "value"], rows)
                line("set palette gray")
                line("unset key")
                line("unset tics")
                if let scale {
                    line(
                        "set cbrange [\(GnuplotScript.number(scale.range.lowerBound)):\(GnuplotScript.number(scale.range.upperBound))]"
                    )
                    // One right margin whether the bar is drawn or not, so that images sharing
                    // a scale, stacked, keep the same width and their columns line up.
                    // (gnuplot shrinks the image to make room for a bar in its default place;
                    // a bar placed beside the image, in the margin, leaves it its width).
                    line("set rmargin 14")
                    if scale.showsBar {
                        line("set colorbox user origin graph 1.03, graph 0 size graph 0.04, graph 1")
                        line("set cblabel \(GnuplotScript.quoted(scale.label))")
                        line("set cbtics out nomirror")
                    } else {
                        line("unset colorbox")
                    }
                } else {
                    line("unset colorbox")
                }
                line("unset border")
                line("set size ratio -1")
                line("set xrange [-0.5:\(Double(pixels.cols) - 0.5)]")
                line("set yrange [\(Double(pixels.rows) - 0.5):-0.5]")
                items.append("data index \(index) using 1:2:3 with image notitle")
            }
        }
        line("plot " + items.joined(separator: ", \\\n     "))
    }
}

extension Writer {
    /// The key entries of a text preview for lines without a title: a line drawn in the
    /// colour of a titled line but in another style (a setting's training curve, dashed,
    /// beside its titled validation curve) is named after it, "no dropout, dashed", since
    /// a text terminal draws every line in characters of its own and no dashes.
    static func previewTitles(_ series: [Series], colors: [Int?]) -> [String?] {
        let titled = zip(series, colors).compactMap {
            series, color -> (title: String, color: Int?, style: Series.Style)? in
            guard let title = series.title, case let .line(_, _, style) = series.content else { return nil }
            return (title, color, style)
        }
        return zip(series, colors).map { series, color in
            guard series.title == nil, case let .line(_, _, style) = series.content,
                let partner = titled.first(where: { $0.color == color && $0.style != style })
            else { return nil }
            return "\(partner.title), \(style.name)"
        }
    }

    /// Writes the grid as a data block and has gnuplot trace its contour lines into a
    /// datablock; returns the datablock's name. Fixes the axes to the grid.
    mutating func contourTable(x: [Double], y: [Double], z: [[Double]], levels: [Double]?) -> String {
        var rows: [String] = []
        for (i, yValue) in y.enumerated() {
            for (j, xValue) in x.enumerated() {
                rows.append(
                    "\(GnuplotScript.number(xValue)) \(GnuplotScript.number(yValue)) \(GnuplotScript.number(z[i][j]))")
            }
            rows.append("")
        }
        let index = block(title: "grid", columns: ["x", "y", "z"], rows)
        let table = "$contours\(contourCount)"
        contourCount += 1
        line("set contour base")
        line(
            levels.map { "set cntrparam levels discrete " + $0.map { GnuplotScript.number($0) }.joined(separator: ",") }
                ?? "set cntrparam levels auto 12")
        line("unset surface")
        line("set table \(table)")
        line("splot data index \(index) using 1:2:3 with lines notitle")
        line("unset table")
        line("unset contour")
        line("set xrange [\(GnuplotScript.number(x.first ?? 0)):\(GnuplotScript.number(x.last ?? 1))]")
        line("set yrange [\(GnuplotScript.number(y.first ?? 0)):\(GnuplotScript.number(y.last ?? 1))]")
        return table
    }
}

extension Series {
    /// Drawn in a palette colour (the others colour by value or in a fixed grey).
    var usesPalette: Bool {
        switch content {
        case .line, .band, .bars, .histogram: true
        default: false
        }
    }

    var isPicture: Bool {
        switch content {
        case .contours, .image, .heatMap: true
        default: false
        }
    }

    var isFilled: Bool {
        switch content {
        case .band, .bars, .histogram: true
        default: false
        }
    }
}

extension Series.Style {
    /// How a key entry of a text preview names the style.
    var name: String {
        switch self {
        case .lines: "solid"
        case .points: "points"
        case .linesPoints: "with points"
        case .dashed: "dashed"
        case .marker: "large dots"
        }
    }
}

extension Panel {
    /// A text preview's title: the panel's title with the y labels under it (a text terminal
    /// writes a y label across the plot beside it); nil when the panel has no y label.
    var previewTitle: String? {
        let labels = [yLabel.map { "y: " + $0 }, y2Label.map { "right y: " + $0 }].compactMap { $0 }
        guard !labels.isEmpty else { return nil }
        return ([title].compactMap { $0 } + [labels.joined(separator: ", ")]).map(GnuplotScript.quoted)
            .joined(separator: ".\"\\n\".")
    }
}
