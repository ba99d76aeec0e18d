/// The size of a figure, by kind: a handful of named layouts instead of pixel sizes chosen per
/// lesson, so that the same kind of figure looks the same in every lesson.
///
/// GitHub shows an image at most ~880 px wide, and `GnuplotScript` scales the font with the
/// figure's width so that text stays about 10 px tall there. A panel therefore appears
/// 880 / columns px wide on the page whatever its pixel width; the sizes below are chosen so
/// that every panel of a kind has the same shape and the same room for its text:
///
/// | layout | columns | panel (px) | figure width | panel on the page |
/// | --- | --- | --- | --- | --- |
/// | `single` | 1 | 880 × 480 | 880 | 880 × 480 |
/// | `stacked` | 1 | 880 × 360 | 880 | 880 × 360 |
/// | `pair` | 2 | 640 × 460 | 1280 | 440 × 316 |
/// | `surface` | 2 | 640 × 560 | 1280 | 440 × 385 |
/// | `triple` | 3 | 480 × 440 | 1440 | 293 × 269 |
/// | `smallMultiples` | 3 | 420 × 320 | 1260 | 293 × 213 |
/// | `strip` | 2 | 440 × 130 | 880 | 440 × 130 |
public struct FigureLayout: Sendable, Equatable {
    /// Panels per row; a figure with fewer panels uses as many columns as it has panels.
    public let columns: Int
    /// Pixel size of one panel.
    public let panelWidth: Int
    public let panelHeight: Int

    /// For a figure no named layout fits; say in a comment at the call site why.
    public init(columns: Int, panelWidth: Int, panelHeight: Int) {
        precondition(
            columns > 0 && panelWidth > 0 && panelHeight > 0, "a layout needs columns and a positive panel size")
        self.columns = columns
        self.panelWidth = panelWidth
        self.panelHeight = panelHeight
    }

    /// One wide chart: curves against epochs, a sweep, a bar chart.
    public static let single = FigureLayout(columns: 1, panelWidth: 880, panelHeight: 480)
    /// Charts over one another that share their x-axis (epochs, steps): each lower than a
    /// single chart, so that two or three fit in a screen.
    public static let stacked = FigureLayout(columns: 1, panelWidth: 880, panelHeight: 360)
    /// Two charts side by side (and 2 × 2 grids of four): accuracy beside loss, before beside after.
    public static let pair = FigureLayout(columns: 2, panelWidth: 640, panelHeight: 460)
    /// Contour plots with paths, two per row: taller than `pair`, near square.
    public static let surface = FigureLayout(columns: 2, panelWidth: 640, panelHeight: 560)
    /// Three charts in a row.
    public static let triple = FigureLayout(columns: 3, panelWidth: 480, panelHeight: 440)
    /// Small multiples: one compact panel per method in rows of three, on shared axes.
    public static let smallMultiples = FigureLayout(columns: 3, panelWidth: 420, panelHeight: 320)
    /// Rows of image tiles (a strip of small pictures per panel), two per row.
    public static let strip = FigureLayout(columns: 2, panelWidth: 440, panelHeight: 130)

    /// Every named layout, for tests and documentation.
    public static let all: [(name: String, layout: FigureLayout)] = [
        ("single", .single), ("stacked", .stacked), ("pair", .pair), ("surface", .surface),
        ("triple", .triple), ("smallMultiples", .smallMultiples), ("strip", .strip),
    ]

    /// The figure's size in pixels for `panels` panels, without the title line.
    public func size(panels: Int) -> (width: Int, height: Int) {
        let columns = min(self.columns, max(panels, 1))
        let rows = (max(panels, 1) + columns - 1) / columns
        return (panelWidth * columns, panelHeight * rows)
    }
}

extension Figure {
    /// A figure sized by its kind: `layout` gives the columns and the panel size.
    public init(name: String, title: String? = nil, panels: [Panel], layout: FigureLayout) {
        self.init(
            name: name, title: title, panels: panels, columns: min(layout.columns, max(panels.count, 1)),
            panelSize: (layout.panelWidth, layout.panelHeight))
    }
}
