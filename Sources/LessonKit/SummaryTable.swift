/// A plain-text table with aligned columns: the summary every lesson ends with.
public struct SummaryTable: CustomStringConvertible, Codable, Sendable, Equatable {
    public var title: String
    public var header: [String]
    public private(set) var rows: [[String]]
    /// Columns aligned right (numbers); the others align left.
    public var rightAligned: Set<Int>
    /// Per row and column, where the cell's number is in the data files (nil for a cell they
    /// do not give): what lets `regenerate-figures --check` render the table again from them.
    public private(set) var cellSources: [[CellSource?]]

    /// A cell that is an estimate's mean ± std over seeds, and where the estimate comes from.
    public struct CellSource: Codable, Sendable, Equatable {
        public let source: Estimate.Source
        public let decimals: Int

        /// `estimate` as `text` shows it, if the data files hold it and the text is its
        /// formatting; nil otherwise (a cell the check cannot derive).
        init?(_ estimate: Estimate, decimals: Int, text: String) {
            guard let source = estimate.source, estimate.formatted(decimals: decimals) == text else { return nil }
            self.source = source
            self.decimals = decimals
        }

        /// The cell from the estimate the data files give.
        func cell(_ estimate: Estimate) -> String { estimate.formatted(decimals: decimals) }
    }

    public init(title: String, header: [String], rows: [[String]] = [], rightAligned: Set<Int>? = nil) {
        self.title = title
        self.header = header
        self.rows = rows
        self.rightAligned = rightAligned ?? Set(1..<max(header.count, 1))
        cellSources = rows.map { $0.map { _ in nil } }
    }

    public mutating func add(_ row: [String]) { add(row, sources: row.map { _ in nil }) }

    /// A row named `name` whose cells are `estimates`' mean ± std, each recorded with its
    /// source for `--check`.
    public mutating func add(_ name: String, estimates: [Estimate], decimals: Int = 2) {
        add([.text(name)] + estimates.map { .estimate($0, decimals: decimals) })
    }

    /// A cell of a row that mixes text the data files do not give (a count, a constant, an
    /// analytic value) with estimates at their own decimals.
    public enum Cell {
        case text(String)
        /// The estimate's mean ± std at `decimals`, recorded with its source for `--check`.
        case estimate(Estimate, decimals: Int = 2)
    }

    /// A row of `cells`: each estimate formatted and recorded with its source.
    public mutating func add(_ cells: [Cell]) {
        let sourced = cells.map { cell -> (text: String, source: CellSource?) in
            switch cell {
            case .text(let text): return (text, nil)
            case .estimate(let estimate, let decimals):
                let text = estimate.formatted(decimals: decimals)
                return (text, CellSource(estimate, decimals: decimals, text: text))
            }
        }
        add(sourced.map(\.text), sources: sourced.map(\.source))
    }

    mutating func add(_ row: [String], sources: [CellSource?]) {
        precondition(row.count == header.count, "row has \(row.count) cells, header \(header.count)")
        rows.append(row)
        cellSources.append(sources)
    }

    /// The widest a printed line may be: an 80-column terminal.
    public static let lineWidth = 80

    /// A printed line, and the row and columns whose cells it shows (none for the title,
    /// a header, a rule or the blank line between blocks).
    struct Line {
        let text: String
        let row: Int?
        let columns: [Int]
    }

    /// The title wrapped at words, then the table; a table wider than `lineWidth` is printed
    /// in blocks of columns, each repeating the first (the row's name), one under the other.
    var lines: [Line] {
        let widths = header.indices.map { column in
            ([header] + rows).map { $0[column].count }.max() ?? 0
        }
        var blocks: [[Int]] = []
        for column in header.indices.dropFirst() {
            if let last = blocks.last,
                ([0] + last + [column]).map({ widths[$0] }).reduce(0, +) + 2 * (last.count + 1) <= Self.lineWidth
            {
                blocks[blocks.count - 1].append(column)
            } else {
                blocks.append([column])
            }
        }
        if blocks.isEmpty { blocks = [[]] }
        var lines = Self.wrapped(title).map { Line(text: $0, row: nil, columns: []) }
        for (index, block) in blocks.enumerated() {
            let columns = [0] + block
            func format(_ cells: [String]) -> String {
                columns.map { column in
                    let cell = cells[column], pad = String(repeating: " ", count: widths[column] - cell.count)
                    return rightAligned.contains(column) ? pad + cell : cell + pad
                }.joined(separator: "  ")
            }
            let rule = String(repeating: "-", count: columns.map { widths[$0] }.reduce(0, +) + 2 * (columns.count - 1))
            if index > 0 { lines.append(Line(text: "", row: nil, columns: [])) }
            lines += [Line(text: format(header), row: nil, columns: []), Line(text: rule, row: nil, columns: [])]
            lines += rows.indices.map { Line(text: format(rows[$0]), row: $0, columns: columns) }
        }
        return lines
    }

    public var description: String { lines.map(\.text).joined(separator: "\n") }

    /// The table with every sourced cell replaced by what `estimate` gives for its source;
    /// nil when an estimate is missing.
    func recomputed(_ estimate: (Estimate.Source) -> Estimate?) -> SummaryTable? {
        var table = self
        for (row, sources) in cellSources.enumerated() {
            for (column, cell) in sources.enumerated() {
                guard let cell else { continue }
                guard let value = estimate(cell.source) else { return nil }
                table.rows[row][column] = cell.cell(value)
            }
        }
        return table
    }

    /// Whether the numbers of line `line` come from the data files: it shows a sourced cell,
    /// and every cell with a digit has a source. The first cell, the row's name ("p = 0.5",
    /// "K = 50"), labels the measurement and is not one.
    func isDerived(_ line: Line) -> Bool {
        guard let row = line.row else { return false }
        let measured = line.columns.filter { $0 > 0 }
        return measured.contains { cellSources[row][$0] != nil }
            && measured.allSatisfy { cellSources[row][$0] != nil || !rows[row][$0].contains(where: \.isNumber) }
    }

    /// Cells with a digit, and how many of them have a source.
    var numberCells: (all: Int, sourced: Int) {
        var all = 0, sourced = 0
        for (row, cells) in rows.enumerated() {
            for (column, cell) in cells.enumerated() where column > 0 && cell.contains(where: \.isNumber) {
                all += 1
                if cellSources[row][column] != nil { sourced += 1 }
            }
        }
        return (all, sourced)
    }

    /// `text` in lines of at most `lineWidth` columns, broken at spaces.
    static func wrapped(_ text: String) -> [String] {
        var lines: [String] = []
        var line = ""
        for word in text.split(separator: " ", omittingEmptySubsequences: false) {
            if !line.isEmpty && line.count + 1 + word.count > lineWidth {
                lines.append(line)
                line = String(word)
            } else {
                line += (line.isEmpty ? "" : " ") + word
            }
        }
        return lines + [line]
    }
}

extension SummaryTable {
    /// 16210 → "16,210": the lecture writes counts with thousands separators.
    public static func grouped(_ value: Int) -> String {
        let digits = String(value.magnitude)
        var result = ""
        for (index, digit) in digits.enumerated() {
            if index > 0 && (digits.count - index) % 3 == 0 { result += "," }
            result.append(digit)
        }
        return (value < 0 ? "-" : "") + result
    }
}
