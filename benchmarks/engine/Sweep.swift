import Engine
import EngineData
import Foundation

/// `engine-benchmark --sweep`: does training a sweep's settings side by side pay? Most
/// lessons train many small networks that see the same batches (a dropout sweep: 9 rates
/// under one seed). Side by side, their first layers can be stacked into one matrix so the
/// shared input meets all of them in one wider product (what JAX's `vmap` makes of such a
/// sweep); the rest of each network stays its own. Timed three ways, round by round:
/// one network after another on one core, the same on two workers (how the lessons use two
/// cores today), and all stacked on one core, and stacked in two halves on two workers.
/// Unchecked: the image view has no augmentation, so workers only read it.
struct SweepBenchmark: @unchecked Sendable {
    /// A dropout lesson's network (dropout itself left out: it does not touch the products).
    static let sizes = [784, 75, 45, 10]

    /// `count` networks 784→75→45→10 whose first-layer weights are stacked into one
    /// (count·75)×784 matrix; count 1 is one network trained alone. Plain SGD.
    /// Unchecked: each group is trained by one worker only.
    final class StackedNetworks: @unchecked Sendable {
        let count: Int
        let hidden = SweepBenchmark.sizes[1], second = SweepBenchmark.sizes[2], classes = SweepBenchmark.sizes[3]
        var w1: Matrix, b1: Matrix
        var w2: [Matrix], b2: [Matrix], w3: [Matrix], b3: [Matrix]

        init(count: Int, random: Random) {
            self.count = count
            let (inputs, hidden, second, classes) = (
                SweepBenchmark.sizes[0], SweepBenchmark.sizes[1], SweepBenchmark.sizes[2], SweepBenchmark.sizes[3]
            )
            func uniform(_ rows: Int, _ cols: Int, fanIn: Int) -> Matrix {
                let bound = 1 / Float(fanIn).squareRoot()
                return random.uniformMatrix(rows: rows, cols: cols, -bound, bound)
            }
            w1 = uniform(count * hidden, inputs, fanIn: inputs)
            b1 = uniform(1, count * hidden, fanIn: inputs)
            w2 = (0..<count).map { _ in uniform(second, hidden, fanIn: hidden) }
            b2 = (0..<count).map { _ in uniform(1, second, fanIn: hidden) }
            w3 = (0..<count).map { _ in uniform(classes, second, fanIn: second) }
            b3 = (0..<count).map { _ in uniform(1, classes, fanIn: second) }
        }

        /// One SGD step of every network on the same batch.
        func step(_ x: Matrix, _ labels: [Int], rate: Float) {
            let batch = x.rows, stacked = count * hidden
            var z1 = Matrix.product(x, w1, transposeB: true)
            z1.addToEachRow(b1)
            let a1 = z1.map { max($0, 0) }
            var da1 = Matrix(uninitializedRows: batch, cols: stacked)
            for n in 0..<count {
                // This network's columns of the stacked activations: a strided view, no copy.
                var z2 = Matrix(uninitializedRows: batch, cols: second)
                product(a1, column: n * hidden, width: hidden, w2[n], transposeB: true, into: &z2)
                z2.addToEachRow(b2[n])
                let a2 = z2.map { max($0, 0) }
                var z3 = Matrix.product(a2, w3[n], transposeB: true)
                z3.addToEachRow(b3[n])
                let d3 = CrossEntropyLoss()(z3, labels).gradient
                let gw3 = Matrix.product(d3, transposeA: true, a2), gb3 = d3.columnSums()
                let d2 = Matrix.product(d3, w3[n]).zip(z2) { g, z in z > 0 ? g : 0 }
                var gw2 = Matrix(uninitializedRows: second, cols: hidden)
                d2.withUnsafeBufferPointer { pd in
                    a1.withUnsafeBufferPointer { pa in
                        gw2.withUnsafeMutableBufferPointer { pg in
                            BLAS.sgemm(
                                transposeA: true, transposeB: false, m: second, n: hidden, k: batch, alpha: 1,
                                a: pd.baseAddress, lda: second, b: pa.baseAddress! + n * hidden, ldb: stacked,
                                beta: 0, c: pg.baseAddress, ldc: hidden)
                        }
                    }
                }
                d2.withUnsafeBufferPointer { pd in
                    w2[n].withUnsafeBufferPointer { pw in
                        da1.withUnsafeMutableBufferPointer { pa in
                            BLAS.sgemm(
                                transposeA: false, transposeB: false, m: batch, n: hidden, k: second, alpha: 1,
                                a: pd.baseAddress, lda: second, b: pw.baseAddress, ldb: hidden,
                                beta: 0, c: pa.baseAddress! + n * hidden, ldc: stacked)
                        }
                    }
                }
                w3[n].add(gw3, scaledBy: -rate)
                b3[n].add(gb3, scaledBy: -rate)
                w2[n].add(gw2, scaledBy: -rate)
                b2[n].add(d2.columnSums(), scaledBy: -rate)
            }
            let d1 = da1.zip(z1) { g, z in z > 0 ? g : 0 }
            w1.add(Matrix.product(d1, transposeA: true, x), scaledBy: -rate)
            b1.add(d1.columnSums(), scaledBy: -rate)
        }

        /// c = a[:, column..<column+width] · op(b): one network's slice of the stacked activations.
        private func product(_ a: Matrix, column: Int, width: Int, _ b: Matrix, transposeB: Bool, into c: inout Matrix)
        {
            let n = c.cols
            a.withUnsafeBufferPointer { pa in
                b.withUnsafeBufferPointer { pb in
                    c.withUnsafeMutableBufferPointer { pc in
                        BLAS.sgemm(
                            transposeA: false, transposeB: transposeB, m: a.rows, n: n, k: width, alpha: 1,
                            a: pa.baseAddress! + column, lda: a.cols, b: pb.baseAddress, ldb: b.cols,
                            beta: 0, c: pc.baseAddress, ldc: n)
                    }
                }
            }
        }
    }

    let images: ImageDataset
    let networks: Int
    let batchSize: Int

    /// One epoch of every group over the same shuffled batches, the groups split over
    /// `workers` threads (each worker trains its groups one after another).
    func epoch(groups: [StackedNetworks], workers: Int, order: [Int]) {
        let perWorker = (groups.count + workers - 1) / workers
        DispatchQueue.concurrentPerform(iterations: workers) { worker in
            for group in groups[min(groups.count, worker * perWorker)..<min(groups.count, (worker + 1) * perWorker)] {
                for start in stride(from: 0, to: order.count, by: batchSize) {
                    let (x, labels) = images.batch(order[start..<min(order.count, start + batchSize)])
                    group.step(x, labels, rate: 0.1)
                }
            }
        }
    }

    /// The arrangements compared: name, networks per group, workers.
    var arrangements: [(name: String, groups: [Int], workers: Int)] {
        let half = (networks + 1) / 2
        return [
            ("one at a time, 1 worker", Array(repeating: 1, count: networks), 1),
            ("one at a time, 2 workers", Array(repeating: 1, count: networks), 2),
            ("stacked, 1 worker", [networks], 1),
            ("stacked in two halves, 2 workers", [half, networks - half], 2),
        ]
    }

    /// Seconds per epoch of all the networks (wall and processor), per arrangement, over
    /// interleaved rounds.
    func measure(rounds: Int) -> [[EngineBenchmark.Timing]] {
        let random = Random(seed: 7)
        var seconds = Array(repeating: [EngineBenchmark.Timing](), count: arrangements.count)
        for round in 0..<(rounds + 1) {
            let order = random.permutation(images.count)
            for (index, arrangement) in arrangements.enumerated() {
                let groups = arrangement.groups.map { StackedNetworks(count: $0, random: random) }
                let timing = EngineBenchmark.timed { epoch(groups: groups, workers: arrangement.workers, order: order) }
                if round > 0 { seconds[index].append(timing) }  // round 0 warms up
            }
        }
        return seconds
    }
}
