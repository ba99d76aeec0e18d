/// A figure described in data, independent of gnuplot: one or more panels in a grid,
/// each with axes and series. `GnuplotScript` turns it into a script and a data file.
public struct Figure: Sendable {
    /// File stem: the figure is written as `<name>.gp`, `<name>.dat`, `<name>.png`, `<name>.svg`.
    public var name: String
    public var title: String?
    public var panels: [Panel]
    public var columns: Int
    /// Pixel size of one panel.
    public var panelSize: (width: Int, height: Int)

    public init(
        name: String, title: String? = nil, panels: [Panel], columns: Int? = nil,
        panelSize: (width: Int, height: Int) = (640, 420)
    ) {
        precondition(!panels.isEmpty, "a figure needs at least one panel")
        precondition(
            name.allSatisfy { $0.isLetter || $0.isNumber || "-_.".contains($0) },
            "figure names are file names: letters, digits, - _ .")
        self.name = name
        self.title = title
        self.panels = panels
        self.columns = columns ?? min(panels.count, 2)
        self.panelSize = panelSize
    }

    public var rows: Int { (panels.count + columns - 1) / columns }
}

public enum Scale: Sendable, Equatable { case linear, log }

/// Where a panel's legend goes. Legends sit outside the plot area by default (below it), so
/// they never hide data; the corners inside are for a region known to stay empty.
public enum LegendPosition: String, Sendable {
    case below = "below", outside = "outside right top vertical",
        topRight = "inside top right", topLeft = "inside top left", bottomRight = "inside bottom right",
        bottomLeft = "inside bottom left", hidden
}

/// A vertical line across the panel at `x` (e.g. the best epoch), labelled at the top.
public struct Marker: Sendable {
    public var x: Double
    public var label: String
    public init(x: Double, label: String) {
        self.x = x
        self.label = label
    }
}

public struct Panel: Sendable {
    public var title: String?
    public var xLabel: String?
    public var yLabel: String?
    /// A second y axis on the right, used by series with `onSecondAxis`.
    public var y2Label: String?
    public var xScale: Scale = .linear
    public var yScale: Scale = .linear
    public var y2Scale: Scale = .linear
    public var xRange: ClosedRange<Double>?
    public var yRange: ClosedRange<Double>?
    public var y2Range: ClosedRange<Double>?
    public var legend: LegendPosition = .below
    /// Spacing of the x tick marks; nil lets gnuplot choose (it may pick fractional epochs).
    public var xTickStep: Double?
    public var markers: [Marker] = []
    /// One unit on x as long as one unit on y, so that shapes (a loss surface's contours) are
    /// not stretched to fill the panel.
    public var equalAspect = false
    /// Ticks on the y axis in place of numbers: categories, one per row, or `AxisTick.logarithmic`
    /// values on a log axis of few decades; empty for gnuplot's own.
    public var yTicks: [AxisTick] = []
    /// Ticks on the x axis at chosen places instead of gnuplot's (a log axis over a decade or
    /// two, which gnuplot labels at the powers of ten only); empty for gnuplot's.
    public var xTicks: [AxisTick] = []
    /// The room left of the plot area, in characters; nil lets gnuplot fit it to this panel's
    /// own tick labels. Panels over one another align only with equal margins
    /// (`[Panel].sharingLeftMargin()`).
    public var leftMargin: Double?
    /// The room below the plot area, in characters (the x-axis labels, and a key placed
    /// `.below`); nil lets gnuplot fit it. Panels side by side, only one of which has a key
    /// below, keep their x-axes level with equal margins.
    public var bottomMargin: Double?
    public var series: [Series]

    public init(
        title: String? = nil, xLabel: String? = nil, yLabel: String? = nil,
        y2Label: String? = nil, xScale: Scale = .linear, yScale: Scale = .linear,
        xRange: ClosedRange<Double>? = nil, yRange: ClosedRange<Double>? = nil,
        legend: LegendPosition = .below, markers: [Marker] = [], series: [Series]
    ) {
        self.title = title
        self.xLabel = xLabel
        self.yLabel = yLabel
        self.y2Label = y2Label
        self.xScale = xScale
        self.yScale = yScale
        self.xRange = xRange
        self.yRange = yRange
        self.legend = legend
        self.markers = markers
        self.series = series
    }
}

/// A fixed value range for an image's grey levels, shown by a labelled colour bar (or, for
/// images that share one scale, drawn once: `showsBar: false` keeps the range, not the bar).
public struct ImageScale: Sendable {
    public var range: ClosedRange<Double>
    public var label: String
    public var showsBar: Bool
    public init(_ range: ClosedRange<Double>, label: String, showsBar: Bool = true) {
        self.range = range
        self.label = label
        self.showsBar = showsBar
    }
}

/// One thing drawn in a panel. Colors are indices into a fixed palette so that a band and
/// its mean line, or the same setting across panels, share a color.
public struct Series: Sendable {
    /// `marker`: a large dot ringed in black, for a few points that must stay visible on lines,
    /// bands or a colour map (a best pair on a heat map, one value per arm beside a curve).
    public enum Style: Sendable, Equatable { case lines, points, linesPoints, dashed, marker }

    public enum Content: Sendable {
        /// y against x.
        case line(x: [Double], y: [Double], style: Style)
        /// A filled band between `lower` and `upper` (mean ± std).
        case band(x: [Double], lower: [Double], upper: [Double])
        /// One bar per category; several bar series in a panel stand side by side.
        case bars(labels: [String], values: [Double], showValues: Bool)
        /// Counts of `values` in equal bins (computed here, drawn as boxes).
        case histogram(values: [Float], bins: Int, range: ClosedRange<Float>?)
        /// A function of two variables on a grid (`z[i][j]` is the value at (x[j], y[i])) as
        /// contour lines, thin and light grey: a background that paths of every colour stay
        /// visible on (a colour map would swallow paths of its own colours).
        case contours(x: [Double], y: [Double], z: [[Double]], levels: [Double]?)
        /// A grayscale picture (pixel (r, c) drawn at x = c, y = r, row 0 at the top). With a
        /// `scale`, values map to grey over that fixed range with a labelled colour bar, so that
        /// several panels can be compared value for value.
        case image(GrayImage, scale: ImageScale?)
        /// A function of two variables on a uniform grid (`z[i][j]` at (x[j], y[i])) as a colour
        /// map with a labelled colour bar, drawn beneath every other series of its panel;
        /// non-finite values are left blank (e.g. where an iteration diverges).
        case heatMap(x: [Double], y: [Double], z: [[Double]], valueLabel: String, valueRange: ClosedRange<Double>?)
        /// Points colored by a value (e.g. trials of a search colored by their score).
        case scatter(x: [Double], y: [Double], value: [Double], valueLabel: String, valueRange: ClosedRange<Double>?)
    }

    public var title: String?
    public var content: Content
    public var color: Int?
    public var onSecondAxis = false
    /// A band filled solid instead of see-through: a region marked on a colour map (where an
    /// iteration diverges), which a see-through fill would tint with the map's colours, so that
    /// it no longer looked like its swatch in the key.
    public var isOpaque = false

    public init(_ title: String?, _ content: Content, color: Int? = nil, onSecondAxis: Bool = false) {
        self.title = title
        self.content = content
        self.color = color
        self.onSecondAxis = onSecondAxis
    }

    public static func line(
        _ title: String?, x: [Double], y: [Double], style: Style = .lines,
        color: Int? = nil, onSecondAxis: Bool = false
    ) -> Series {
        precondition(x.count == y.count, "x and y differ in length")
        return Series(title, .line(x: x, y: y, style: style), color: color, onSecondAxis: onSecondAxis)
    }

    /// y against 1, 2, 3, … (per-epoch curves).
    public static func line<Y: BinaryFloatingPoint>(
        _ title: String?, values: [Y], style: Style = .lines,
        color: Int? = nil, onSecondAxis: Bool = false
    ) -> Series {
        line(
            title, x: values.indices.map { Double($0 + 1) }, y: values.map { Double($0) },
            style: style, color: color, onSecondAxis: onSecondAxis)
    }

    public static func band(
        _ title: String?, x: [Double], lower: [Double], upper: [Double],
        color: Int? = nil, opaque: Bool = false
    ) -> Series {
        precondition(x.count == lower.count && x.count == upper.count, "band columns differ in length")
        var series = Series(title, .band(x: x, lower: lower, upper: upper), color: color)
        series.isOpaque = opaque
        return series
    }

    public static func bars(
        _ title: String?, labels: [String], values: [Double],
        showValues: Bool = true, color: Int? = nil
    ) -> Series {
        precondition(labels.count == values.count, "labels and values differ in length")
        return Series(title, .bars(labels: labels, values: values, showValues: showValues), color: color)
    }

    public static func histogram(
        _ title: String?, values: [Float], bins: Int = 50,
        range: ClosedRange<Float>? = nil, color: Int? = nil
    ) -> Series {
        precondition(bins > 0, "a histogram needs bins")
        return Series(title, .histogram(values: values, bins: bins, range: range), color: color)
    }

    public static func contours(x: [Double], y: [Double], z: [[Double]], levels: [Double]? = nil) -> Series {
        precondition(z.count == y.count && z.allSatisfy { $0.count == x.count }, "grid shape mismatch")
        return Series(nil, .contours(x: x, y: y, z: z, levels: levels))
    }

    public static func image(_ pixels: GrayImage, scale: ImageScale? = nil) -> Series {
        Series(nil, .image(pixels, scale: scale))
    }

    public static func heatMap(
        x: [Double], y: [Double], z: [[Double]], valueLabel: String,
        valueRange: ClosedRange<Double>? = nil
    ) -> Series {
        precondition(z.count == y.count && z.allSatisfy { $0.count == x.count }, "grid shape mismatch")
        return Series(nil, .heatMap(x: x, y: y, z: z, valueLabel: valueLabel, valueRange: valueRange))
    }

    /// `valueRange` fixes the color scale, so that several panels can share it.
    public static func scatter(
        _ title: String?, x: [Double], y: [Double], value: [Double], valueLabel: String,
        valueRange: ClosedRange<Double>? = nil
    ) -> Series {
        precondition(x.count == y.count && x.count == value.count, "scatter columns differ in length")
        return Series(title, .scatter(x: x, y: y, value: value, valueLabel: valueLabel, valueRange: valueRange))
    }
}

extension Series {
    /// Bin counts and centers for a histogram (shared by histogram series and by lessons
    /// that draw distributions as lines).
    public static func binned(_ values: [Float], bins: Int, range: ClosedRange<Float>?) -> (
        centers: [Double], counts: [Int], width: Double
    ) {
        let finite = values.filter(\.isFinite)
        let low = Double(range?.lowerBound ?? finite.min() ?? 0)
        var high = Double(range?.upperBound ?? finite.max() ?? 1)
        if high <= low { high = low + 1 }
        let width = (high - low) / Double(bins)
        var counts = [Int](repeating: 0, count: bins)
        for value in finite {
            // Checked before the conversion, as a value far outside the range (a diverged
            // run's) would overflow Int; the bounds keep the bins truncation toward zero gave.
            let position = (Double(value) - low) / width
            if position > -1 && position < Double(bins + 1) { counts[min(Int(position), bins - 1)] += 1 }
        }
        return ((0..<bins).map { low + (Double($0) + 0.5) * width }, counts, width)
    }
}

/// A grayscale picture for an image panel: `rows`×`cols` values, row-major, row 0 drawn at the
/// top. Plot's own type, so that drawing needs no engine: a lesson passes a matrix's values.
public struct GrayImage: Sendable, Equatable {
    public let rows: Int
    public let cols: Int
    public let values: [Float]

    public init(rows: Int, cols: Int, _ values: [Float]) {
        precondition(
            rows >= 0 && cols >= 0 && values.count == rows * cols,
            "\(values.count) values do not fill a \(rows)×\(cols) image")
        self.rows = rows
        self.cols = cols
        self.values = values
    }

    public subscript(row: Int, col: Int) -> Float { values[row * cols + col] }

    /// Tiles equally sized images (`width`×`height` pixels each, row-major) into one picture
    /// with a one-pixel gap, `columns` to a row, for an image-grid panel.
    public static func tiled(
        _ images: [[Float]], width: Int, height: Int, columns: Int,
        background: Float = 1
    ) -> GrayImage {
        precondition(columns > 0 && images.allSatisfy { $0.count == width * height }, "images must be width×height")
        let rows = (images.count + columns - 1) / columns
        let pictureRows = rows * (height + 1) - 1, pictureCols = columns * (width + 1) - 1
        var picture = [Float](repeating: background, count: max(pictureRows, 0) * max(pictureCols, 0))
        for (index, image) in images.enumerated() {
            let top = (index / columns) * (height + 1), left = (index % columns) * (width + 1)
            for r in 0..<height {
                for c in 0..<width { picture[(top + r) * pictureCols + left + c] = image[r * width + c] }
            }
        }
        return GrayImage(rows: pictureRows, cols: pictureCols, picture)
    }
}
