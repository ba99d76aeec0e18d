/// A plain-text table with aligned columns: the summary every lesson ends with.
public struct SummaryTable: CustomStringConvertible {
    public var title: String
    public var header: [String]
    public var rows: [[String]]
    /// Columns aligned right (numbers); the others align left.
    public var rightAligned: Set<Int>

    public init(title: String, header: [String], rows: [[String]] = [], rightAligned: Set<Int>? = nil) {
        self.title = title
        self.header = header
        self.rows = rows
        self.rightAligned = rightAligned ?? Set(1..<max(header.count, 1))
    }

    public mutating func add(_ row: [String]) {
        precondition(row.count == header.count, "row has \(row.count) cells, header \(header.count)")
        rows.append(row)
    }

    /// The widest a printed line may be: an 80-column terminal.
    public static let lineWidth = 80

    /// The title wrapped at words, then the table; a table wider than `lineWidth` is printed
    /// in blocks of columns, each repeating the first (the row's name), one under the other.
    public var description: String {
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
        let tables = blocks.map { block in
            let columns = [0] + block
            func format(_ cells: [String]) -> String {
                columns.map { column in
                    let cell = cells[column], pad = String(repeating: " ", count: widths[column] - cell.count)
                    return rightAligned.contains(column) ? pad + cell : cell + pad
                }.joined(separator: "  ")
            }
            let rule = String(repeating: "-", count: columns.map { widths[$0] }.reduce(0, +) + 2 * (columns.count - 1))
            return ([format(header), rule] + rows.map(format)).joined(separator: "\n")
        }
        return (Self.wrapped(title) + [tables.joined(separator: "\n\n")]).joined(separator: "\n")
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
