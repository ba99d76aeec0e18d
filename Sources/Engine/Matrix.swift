import CKernels

/// A dense row-major matrix of Float32: the one numeric type of the engine.
///
/// A minibatch is a matrix with one example per row, so every layer of an MLP maps a
/// `batch × features` matrix to another. Storage is a contiguous `[Float]` (value semantics,
/// copy on write); products go to BLAS and elementwise loops run over unsafe buffers.
///
/// `count == rows · cols` always holds: outside the engine the values are read through
/// `storage`, changed element by element through the subscript or all at once through
/// `withUnsafeMutableBufferPointer` (which cannot change their number), and a matrix is made
/// from values by `init(rows:cols:_:)`, which checks their count.
public struct Matrix: Equatable, Sendable {
    public private(set) var rows: Int
    public private(set) var cols: Int
    /// The values, row-major: element (r, c) at `r · cols + c`. Read-only outside the engine.
    public var storage: [Float] { values }
    /// The stored values behind `storage`: settable inside the engine only, and reachable from
    /// the inlinable buffer accessors.
    @usableFromInline var values: [Float]

    public init(rows: Int, cols: Int, repeating value: Float = 0) {
        precondition(rows >= 0 && cols >= 0, "matrix shape must not be negative")
        self.rows = rows
        self.cols = cols
        self.values = [Float](repeating: value, count: rows * cols)
    }

    public init(rows: Int, cols: Int, _ values: [Float]) {
        precondition(
            values.count == rows * cols,
            "\(values.count) values do not fill a \(rows)×\(cols) matrix")
        self.rows = rows
        self.cols = cols
        self.values = values
    }

    /// A matrix from nested rows, for tests and small examples.
    public init(_ nested: [[Float]]) {
        let cols = nested.first?.count ?? 0
        precondition(nested.allSatisfy { $0.count == cols }, "rows of different lengths")
        self.init(rows: nested.count, cols: cols, nested.flatMap { $0 })
    }

    public var count: Int { values.count }

    /// Reads the values, row-major, in place (BLAS calls, fast loops).
    @inlinable
    public func withUnsafeBufferPointer<R>(_ body: (UnsafeBufferPointer<Float>) throws -> R) rethrows -> R {
        try values.withUnsafeBufferPointer(body)
    }

    /// Changes the values, row-major, in place: the buffer has exactly `count` elements and
    /// its size cannot change, so the shape stays true.
    @inlinable
    public mutating func withUnsafeMutableBufferPointer<R>(_ body: (UnsafeMutableBufferPointer<Float>) throws -> R)
        rethrows -> R
    {
        try values.withUnsafeMutableBufferPointer { try body($0) }
    }

    public var shape: (rows: Int, cols: Int) { (rows, cols) }

    public subscript(row: Int, col: Int) -> Float {
        get { values[row * cols + col] }
        set { values[row * cols + col] = newValue }
    }

    public func row(_ index: Int) -> ArraySlice<Float> {
        values[(index * cols)..<((index + 1) * cols)]
    }

    public func transposed() -> Matrix {
        var result = Matrix(rows: cols, cols: rows)
        for r in 0..<rows {
            for c in 0..<cols { result.values[c * rows + r] = values[r * cols + c] }
        }
        return result
    }
}

// MARK: - Products (BLAS)

extension Matrix {
    /// `c = alpha · op(a) · op(b) + beta · c`, where op transposes when asked: the single
    /// entry point to `cblas_sgemm`. Forward passes use `x·Wᵀ`; backward passes use `dY·W`
    /// and `dYᵀ·x`, so all transpose variants occur.
    public static func multiply(
        _ a: Matrix, transposeA: Bool = false,
        _ b: Matrix, transposeB: Bool = false,
        alpha: Float = 1, beta: Float = 0, into c: inout Matrix
    ) {
        let m = transposeA ? a.cols : a.rows
        let k = transposeA ? a.rows : a.cols
        let kb = transposeB ? b.cols : b.rows
        let n = transposeB ? b.rows : b.cols
        precondition(k == kb, "cannot multiply \(m)×\(k) by \(kb)×\(n)")
        precondition(c.rows == m && c.cols == n, "result must be \(m)×\(n), not \(c.rows)×\(c.cols)")
        if m == 0 || n == 0 { return }
        if k == 0 {
            c.apply { beta == 0 ? 0 : beta * $0 }
            return
        }
        a.values.withUnsafeBufferPointer { pa in
            b.values.withUnsafeBufferPointer { pb in
                c.values.withUnsafeMutableBufferPointer { pc in
                    BLAS.sgemm(
                        transposeA: transposeA, transposeB: transposeB, m: m, n: n, k: k, alpha: alpha,
                        a: pa.baseAddress, lda: a.cols, b: pb.baseAddress, ldb: b.cols,
                        beta: beta, c: pc.baseAddress, ldc: n)
                }
            }
        }
    }

    /// A matrix whose values is not initialized: only for results that are written whole
    /// before they are read (saves a pass of zeroing on the hot path).
    package init(uninitializedRows rows: Int, cols: Int) {
        self.rows = rows
        self.cols = cols
        self.values = [Float](unsafeUninitializedCapacity: rows * cols) { _, count in count = rows * cols }
    }

    /// `op(a) · op(b)` as a new matrix.
    public static func product(
        _ a: Matrix, transposeA: Bool = false,
        _ b: Matrix, transposeB: Bool = false
    ) -> Matrix {
        // sgemm with beta = 0 writes every element of C without reading it.
        var c = Matrix(uninitializedRows: transposeA ? a.cols : a.rows, cols: transposeB ? b.rows : b.cols)
        multiply(a, transposeA: transposeA, b, transposeB: transposeB, into: &c)
        return c
    }
}

// MARK: - Elementwise work

extension Matrix {
    /// Applies `transform` to every element in place.
    public mutating func apply(_ transform: (Float) -> Float) {
        values.withUnsafeMutableBufferPointer { p in
            for i in p.indices { p[i] = transform(p[i]) }
        }
    }

    public func map(_ transform: (Float) -> Float) -> Matrix {
        // Written into fresh storage in one pass: copying self and transforming the copy
        // in place would read and write every element twice.
        var result = Matrix(uninitializedRows: rows, cols: cols)
        values.withUnsafeBufferPointer { a in
            result.values.withUnsafeMutableBufferPointer { r in
                for i in r.indices { r[i] = transform(a[i]) }
            }
        }
        return result
    }

    /// Combines two matrices of one shape element by element.
    public func zip(_ other: Matrix, _ combine: (Float, Float) -> Float) -> Matrix {
        precondition(rows == other.rows && cols == other.cols, "shapes differ")
        var result = Matrix(uninitializedRows: rows, cols: cols)
        values.withUnsafeBufferPointer { a in
            other.values.withUnsafeBufferPointer { b in
                result.values.withUnsafeMutableBufferPointer { r in
                    for i in r.indices { r[i] = combine(a[i], b[i]) }
                }
            }
        }
        return result
    }

    public mutating func scale(by factor: Float) {
        values.withUnsafeMutableBufferPointer { p in
            for i in p.indices { p[i] *= factor }
        }
    }

    /// `self += factor · other`, the axpy of every optimizer and penalty.
    public mutating func add(_ other: Matrix, scaledBy factor: Float = 1) {
        precondition(count == other.count, "sizes differ: \(count) and \(other.count)")
        values.withUnsafeMutableBufferPointer { a in
            other.values.withUnsafeBufferPointer { b in
                for i in a.indices { a[i] += factor * b[i] }
            }
        }
    }

    /// Adds `vector` (a 1×cols matrix) to every row: the bias of a linear layer.
    public mutating func addToEachRow(_ vector: Matrix) {
        precondition(vector.count == cols, "row vector has \(vector.count) entries, not \(cols)")
        let (rows, cols) = shape
        values.withUnsafeMutableBufferPointer { a in
            vector.values.withUnsafeBufferPointer { v in
                training_lab_add_to_rows(a.baseAddress, v.baseAddress, rows, cols)
            }
        }
    }

    /// Sum over rows: a 1×cols matrix (the bias gradient of a linear layer).
    public func columnSums() -> Matrix {
        var result = Matrix(uninitializedRows: 1, cols: cols)
        let (rows, cols) = shape
        values.withUnsafeBufferPointer { a in
            result.values.withUnsafeMutableBufferPointer { s in
                training_lab_column_sums(s.baseAddress, a.baseAddress, rows, cols)
            }
        }
        return result
    }

    public func sum() -> Float {
        values.withUnsafeBufferPointer { p in
            var total: Double = 0
            for x in p { total += Double(x) }
            return Float(total)
        }
    }

    public func sumOfSquares() -> Float { Float(squaredNorm) }

    /// Σx², summed in Double in storage order.
    public var squaredNorm: Double {
        values.withUnsafeBufferPointer { p in
            var total: Double = 0
            for x in p { total += Double(x) * Double(x) }
            return total
        }
    }

    /// False as soon as any element is NaN or infinite.
    public var isFinite: Bool {
        values.withUnsafeBufferPointer { p in p.allSatisfy { $0.isFinite } }
    }

    /// Rows picked by index, in the given order.
    public func gatherRows<S: Sequence>(_ indices: S) -> Matrix where S.Element == Int {
        let picked = Array(indices)
        var result = Matrix(uninitializedRows: picked.count, cols: cols)
        let cols = self.cols
        values.withUnsafeBufferPointer { src in
            result.values.withUnsafeMutableBufferPointer { dst in
                for (r, index) in picked.enumerated() {
                    (dst.baseAddress! + r * cols).update(
                        from: src.baseAddress! + index * cols,
                        count: cols)
                }
            }
        }
        return result
    }

    /// The index of the largest entry of each row (the predicted class of a logit row).
    public func argmaxPerRow() -> [Int] {
        values.withUnsafeBufferPointer { p in (0..<rows).map { Matrix.argmax(row: $0, of: p, cols: cols) } }
    }

    /// The index of the first largest entry of row `r` of row-major `values`.
    static func argmax(row r: Int, of values: UnsafeBufferPointer<Float>, cols: Int) -> Int {
        var best = 0
        for c in 1..<max(cols, 1) where values[r * cols + c] > values[r * cols + best] { best = c }
        return best
    }
}
