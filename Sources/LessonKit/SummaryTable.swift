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

    public var description: String {
        let widths = header.indices.map { column in
            ([header] + rows).map { $0[column].count }.max() ?? 0
        }
        func format(_ cells: [String]) -> String {
            cells.enumerated().map { column, cell in
                let pad = String(repeating: " ", count: widths[column] - cell.count)
                return rightAligned.contains(column) ? pad + cell : cell + pad
            }.joined(separator: "  ")
        }
        let rule = String(repeating: "-", count: widths.reduce(0, +) + 2 * (widths.count - 1))
        return ([title, format(header), rule] + rows.map(format)).joined(separator: "\n")
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
