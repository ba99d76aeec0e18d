/// A figure as JSON, written beside its script and data as `<name>.json`, for programs that
/// draw it themselves (the interactive explorer that `regenerate-figures` writes): every
/// panel's axes, every series with its values and resolved colour, and the sweeps — series
/// whose titles differ only in one number ("momentum 0.5", "momentum 0.9"), which a viewer
/// can step through with a slider. Numbers are written as in the `.dat` file, so a value read
/// off the explorer is the value in the data; non-finite values are `null`.
public struct FigureDescription {
    public let json: String

    public init(_ figure: Figure) {
        json =
            JSON.object([
                ("name", .string(figure.name)),
                ("title", figure.title.map(JSON.string) ?? .null),
                ("columns", .number(Double(figure.columns))),
                ("panels", .array(figure.panels.map(Self.panel))),
            ]).text + "\n"
    }

    static func panel(_ panel: Panel) -> JSON {
        let colors = resolvedColors(panel)
        return .object([
            ("title", panel.title.map(JSON.string) ?? .null),
            ("xLabel", panel.xLabel.map(JSON.string) ?? .null),
            ("yLabel", panel.yLabel.map(JSON.string) ?? .null),
            ("y2Label", panel.y2Label.map(JSON.string) ?? .null),
            ("xScale", .string(panel.xScale == .log ? "log" : "linear")),
            ("yScale", .string(panel.yScale == .log ? "log" : "linear")),
            ("y2Scale", .string(panel.y2Scale == .log ? "log" : "linear")),
            ("xRange", range(panel.xRange)),
            ("yRange", range(panel.yRange)),
            ("y2Range", range(panel.y2Range)),
            ("legend", .string(panel.legend == .hidden ? "hidden" : "shown")),
            ("markers", .array(panel.markers.map { .object([("x", .number($0.x)), ("label", .string($0.label))]) })),
            (
                "yTicks",
                .array(panel.yTicks.map { .object([("y", .number($0.position)), ("label", .string($0.label))]) })
            ),
            ("series", .array(zip(panel.series, colors).map(series))),
            (
                "sweeps",
                .array(
                    sweeps(panel.series).map { sweep in
                        .object([
                            ("name", .string(sweep.name)),
                            ("values", numbers(sweep.values)),
                            ("series", .array(sweep.members.map { .array($0.map { .number(Double($0)) }) })),
                        ])
                    })
            ),
        ])
    }

    static func series(_ series: Series, color: String) -> JSON {
        var fields: [(String, JSON)] = [
            ("title", series.title.map(JSON.string) ?? .null), ("color", .string(color)),
            ("secondAxis", .bool(series.onSecondAxis)),
        ]
        switch series.content {
        case let .line(x, y, style):
            let name =
                switch style {
                case .lines: "lines"
                // A viewer draws both as dots; their size is the rendered image's business.
                case .points, .markers: "points"
                case .linesPoints: "linesPoints"
                case .dashed: "dashed"
                }
            fields += [("kind", .string("line")), ("style", .string(name)), ("x", numbers(x)), ("y", numbers(y))]
        case let .band(x, lower, upper):
            fields += [
                ("kind", .string("band")), ("x", numbers(x)), ("lower", numbers(lower)), ("upper", numbers(upper)),
            ]
        case let .bars(labels, values, _):
            fields += [
                ("kind", .string("bars")), ("labels", .array(labels.map(JSON.string))), ("values", numbers(values)),
            ]
        case let .histogram(values, bins, range):
            let (centers, counts, width) = Series.binned(values, bins: bins, range: range)
            fields += [
                ("kind", .string("histogram")), ("x", numbers(centers)), ("y", numbers(counts.map(Double.init))),
                ("width", .number(width)),
            ]
        case let .scatter(x, y, value, valueLabel, _):
            fields += [
                ("kind", .string("scatter")), ("x", numbers(x)), ("y", numbers(y)), ("values", numbers(value)),
                ("valueLabel", .string(valueLabel)),
            ]
        // Pictures are left to the rendered image: a viewer shows the PNG for their figures.
        case .contours:
            fields.append(("kind", .string("contours")))
        case .image:
            fields.append(("kind", .string("image")))
        case .heatMap:
            fields.append(("kind", .string("heatMap")))
        }
        return .object(fields)
    }

    /// Each series' colour as the gnuplot script gives it: its own palette index, else the
    /// next unused one in drawing order (pictures, filled shapes, then lines).
    static func resolvedColors(_ panel: Panel) -> [String] {
        let drawingOrder =
            panel.series.indices.filter { panel.series[$0].isPicture }
            + panel.series.indices.filter { panel.series[$0].isFilled }
            + panel.series.indices.filter { !panel.series[$0].isPicture && !panel.series[$0].isFilled }
        var colors = [String](repeating: GnuplotScript.palette[0], count: panel.series.count)
        var nextColor = 0
        for index in drawingOrder {
            let color = panel.series[index].color ?? nextColor
            nextColor = max(nextColor, color + 1)
            colors[index] = GnuplotScript.palette[color % GnuplotScript.palette.count]
        }
        return colors
    }

    struct Sweep: Equatable {
        /// The shared title with the swept number replaced by `#`, e.g. "momentum #".
        let name: String
        let values: [Double]
        /// For each value, the indices of the line series with it (validation and training
        /// curves of one setting share a title).
        let members: [[Int]]
    }

    /// Line series whose titles are the same apart from their first number, when at least two
    /// numbers occur; in the order of the values.
    static func sweeps(_ series: [Series]) -> [Sweep] {
        var groups: [String: [(value: Double, index: Int)]] = [:]
        var order: [String] = []
        for (index, item) in series.enumerated() {
            guard case .line = item.content, let title = item.title, let (template, value) = splitFirstNumber(title)
            else { continue }
            if groups[template] == nil { order.append(template) }
            groups[template, default: []].append((value, index))
        }
        return order.compactMap { template in
            let entries = groups[template]!
            let values = Array(Set(entries.map(\.value))).sorted()
            guard values.count >= 2 else { return nil }
            return Sweep(
                name: template, values: values,
                members: values.map { value in entries.filter { $0.value == value }.map(\.index) })
        }
    }

    /// The title with its first decimal number replaced by `#`, and that number.
    static func splitFirstNumber(_ title: String) -> (template: String, value: Double)? {
        let characters = Array(title)
        var start = 0
        while start < characters.count {
            let isDigit = characters[start].isASCII && characters[start].isNumber
            // A digit that continues a word ("k1", "β₂") is part of a name, not a setting.
            let startsWord = start == 0 || !(characters[start - 1].isLetter || characters[start - 1].isNumber)
            if isDigit && startsWord { break }
            start += 1
        }
        guard start < characters.count else { return nil }
        var end = start
        while end < characters.count, characters[end].isASCII, characters[end].isNumber || characters[end] == "." {
            end += 1
        }
        if end < characters.count, characters[end] == "e" || characters[end] == "E" {
            var exponentEnd = end + 1
            if exponentEnd < characters.count, characters[exponentEnd] == "-" || characters[exponentEnd] == "+" {
                exponentEnd += 1
            }
            let digitsStart = exponentEnd
            while exponentEnd < characters.count, characters[exponentEnd].isASCII, characters[exponentEnd].isNumber {
                exponentEnd += 1
            }
            if exponentEnd > digitsStart { end = exponentEnd }
        }
        let negative = start > 0 && (characters[start - 1] == "-" || characters[start - 1] == "−")
        if negative { start -= 1 }
        var digits = String(characters[start..<end])
        if negative { digits = "-" + digits.dropFirst() }
        guard let value = Double(digits.hasSuffix(".") ? String(digits.dropLast()) : digits) else { return nil }
        return (String(characters[..<start]) + "#" + String(characters[end...]), value)
    }

    static func range(_ range: ClosedRange<Double>?) -> JSON {
        range.map { .array([.number($0.lowerBound), .number($0.upperBound)]) } ?? .null
    }

    static func numbers(_ values: [Double]) -> JSON { .array(values.map(JSON.number)) }
}

/// Just enough JSON to write a figure: keys keep their order, numbers are written as in the
/// figure's data file.
enum JSON {
    case null, bool(Bool), number(Double), string(String), array([JSON]), object([(String, JSON)])

    var text: String {
        switch self {
        case .null: "null"
        case let .bool(value): value ? "true" : "false"
        case let .number(value):
            // Integers (counts, indices) without the ".0" that the data file's Float form adds.
            !value.isFinite
                ? "null"
                : value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : GnuplotScript.number(value)
        case let .string(value): Self.quoted(value)
        case let .array(items): "[" + items.map(\.text).joined(separator: ",") + "]"
        case let .object(fields): "{" + fields.map { Self.quoted($0.0) + ":" + $0.1.text }.joined(separator: ",") + "}"
        }
    }

    static func quoted(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\t": result += "\\t"
            // "</" would end an inline <script> that embeds this JSON.
            case "/": result += "\\/"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                result += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result + "\""
    }
}
