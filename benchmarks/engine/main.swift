import ArgumentParser
import Engine
import EngineData
import Foundation
import LessonKit

/// The engine's reference workload and its matrix products, timed. Run it in release mode:
/// `swift run -c release engine-benchmark`. benchmarks/README.md explains the figures and
/// benchmarks/compare.py puts them beside NumPy, PyTorch and JAX.
@main
struct EngineBenchmark: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "engine-benchmark",
        abstract: "Seconds per epoch of the reference MLP workload, GEMM throughput, per-step overhead and peak memory.")

    @Option(help: "Timed epochs per configuration (the median is reported).")
    var epochs = 5

    @Option(help: "Untimed warm-up epochs per configuration.")
    var warmup = 1

    @Option(help: "Minibatch sizes, comma-separated.")
    var batchSizes = ListOption<Int>([64, 1024])

    @Option(help: "BLAS thread counts, comma-separated.")
    var threads = ListOption<Int>([1, 2])

    @Option(help: ArgumentHelp("MNIST-format folder.", valueName: "dir"))
    var data: String?

    @Flag(help: "Print one JSON object instead of tables (for benchmarks/compare.py).")
    var json = false

    mutating func validate() throws {
        let epochRange = 1...TrainingRunOptions.maximumEpochs
        guard epochRange.contains(epochs), (0...TrainingRunOptions.maximumEpochs).contains(warmup) else {
            throw ValidationError("--epochs must be between 1 and \(epochRange.upperBound) and --warmup between 0 and \(epochRange.upperBound)")
        }
        guard batchSizes.values.allSatisfy(Count.accepts), threads.values.allSatisfy((1...LessonOptions.maximumThreads).contains) else {
            throw ValidationError("batch sizes must be between 1 and \(Count.maximum) and thread counts between 1 and \(LessonOptions.maximumThreads)")
        }
    }

    /// The reference network: 784 → 100 → 100 → 10, ReLU.
    static let sizes = [784, 100, 100, 10]

    /// One sgemm of a training step: C (m×n) = op(A)·op(B) with inner dimension k.
    struct Product: Sendable {
        let name: String
        let m: Int, n: Int, k: Int
        let transposeA: Bool, transposeB: Bool
        var flops: Double { 2 * Double(m) * Double(n) * Double(k) }
    }

    /// The products one SGD step performs at batch size b: forward x·Wᵀ per layer, backward
    /// dYᵀ·x per layer and dY·W for every layer but the first.
    static func products(batch b: Int) -> [Product] {
        var list: [Product] = []
        for (i, (input, output)) in zip(sizes, sizes.dropFirst()).enumerated() {
            list.append(Product(name: "forward \(input)→\(output)", m: b, n: output, k: input, transposeA: false, transposeB: true))
            list.append(Product(name: "weight gradient \(output)×\(input)", m: output, n: input, k: b, transposeA: true, transposeB: false))
            if i > 0 {
                list.append(Product(name: "input gradient \(output)→\(input)", m: b, n: input, k: output, transposeA: false, transposeB: false))
            }
        }
        return list
    }

    static func median(_ values: [Double]) -> Double {
        let sorted = values.sorted()
        return sorted.count % 2 == 1 ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
    }

    static func now() -> Double { Double(DispatchTime.now().uptimeNanoseconds) / 1e9 }

    /// Median seconds of one product through the engine and through the BLAS call directly.
    static func timeProduct(_ p: Product, repetitions: Int) -> (engine: Double, direct: Double) {
        let random = Random(seed: 1)
        let a = p.transposeA ? random.normalMatrix(rows: p.k, cols: p.m) : random.normalMatrix(rows: p.m, cols: p.k)
        let b = p.transposeB ? random.normalMatrix(rows: p.n, cols: p.k) : random.normalMatrix(rows: p.k, cols: p.n)
        var c = Matrix(rows: p.m, cols: p.n)
        func measure(_ body: () -> Void) -> Double {
            for _ in 0..<3 { body() }
            return median((0..<5).map { _ in
                let start = now()
                for _ in 0..<repetitions { body() }
                return (now() - start) / Double(repetitions)
            })
        }
        let engine = measure { Matrix.multiply(a, transposeA: p.transposeA, b, transposeB: p.transposeB, into: &c) }
        let direct = measure {
            a.withUnsafeBufferPointer { pa in
                b.withUnsafeBufferPointer { pb in
                    c.withUnsafeMutableBufferPointer { pc in
                        BLAS.sgemm(transposeA: p.transposeA, transposeB: p.transposeB, m: p.m, n: p.n, k: p.k, alpha: 1,
                                   a: pa.baseAddress, lda: a.cols, b: pb.baseAddress, ldb: b.cols, beta: 0, c: pc.baseAddress, ldc: p.n)
                    }
                }
            }
        }
        return (engine, direct)
    }

    struct Cell: Codable {
        let batchSize: Int
        let threads: Int
        let secondsPerEpoch: [Double]
        let medianSeconds: Double
        let gemmSeconds: Double
        let flopsPerEpoch: Double
        let stepsPerEpoch: Int
        var overheadPerStepMicroseconds: Double { (medianSeconds - gemmSeconds) / Double(stepsPerEpoch) * 1e6 }
    }

    struct Report: Codable {
        let cells: [Cell]
        let peakResidentMegabytes: Double
        let machine: String
        let blasKernel: String
    }

    func run() throws {
        let console = Console(isTerminal: false)
        // The kernel decides the speed (and the last digits): print it, with how to check yours.
        if !json {
            console.line("BLAS: \(BLAS.kernelDescription)")
        }
        let store = try MNISTFormat.load(.train, from: MNISTFormat.directory(explicit: data))
        let images = ImageDataset(store: store)
        var cells: [Cell] = []
        for threadCount in threads.values {
            BLAS.setThreads(threadCount)
            for batchSize in batchSizes.values {
                // Products first: their times give the GEMM-bound floor of an epoch.
                let steps = (images.count + batchSize - 1) / batchSize
                let products = Self.products(batch: batchSize)
                var gemmPerStep = 0.0, flopsPerStep = 0.0
                var productRows: [[String]] = []
                for product in products {
                    let (engine, direct) = Self.timeProduct(product, repetitions: max(1, 200_000 / (product.m * product.n)))
                    gemmPerStep += direct
                    flopsPerStep += product.flops
                    productRows.append([product.name, "\(product.m)×\(product.n)×\(product.k)",
                                        String(format: "%.1f", product.flops / engine / 1e9), String(format: "%.1f", product.flops / direct / 1e9),
                                        String(format: "%.2f", engine / direct)])
                }
                let random = Random(seed: 123)
                let model = Sequential.mlp(Self.sizes, random: random)
                let trainer = Trainer(model: model, loss: CrossEntropyLoss(), optimizer: SGD(model.parameters, learningRate: 0.1), random: random)
                var seconds: [Double] = []
                for epoch in 0..<(warmup + epochs) {
                    let history = try trainer.fit(images, options: TrainingOptions(epochs: 1, batchSize: batchSize))
                    if epoch >= warmup { seconds.append(history.epochs[0].seconds) }
                }
                let cell = Cell(batchSize: batchSize, threads: threadCount, secondsPerEpoch: seconds, medianSeconds: Self.median(seconds),
                                gemmSeconds: gemmPerStep * Double(steps), flopsPerEpoch: flopsPerStep * Double(steps), stepsPerEpoch: steps)
                cells.append(cell)
                if !json {
                    var table = SummaryTable(title: "Matrix products of one step, batch \(batchSize), \(threadCount) BLAS thread(s): GFLOP/s",
                                             header: ["product", "m×n×k", "engine", "cblas_sgemm", "time ratio"])
                    for row in productRows { table.add(row) }
                    console.line(table.description)
                    console.line(String(format: "batch %d, %d thread(s): median %.3f s/epoch (range %.3f–%.3f over %d epochs); GEMM-bound floor %.3f s (%.1f GFLOP per epoch at %.1f GFLOP/s); ratio to floor %.2f; overhead outside BLAS %.1f µs per step\n",
                                        batchSize, threadCount, cell.medianSeconds, seconds.min()!, seconds.max()!, epochs,
                                        cell.gemmSeconds, cell.flopsPerEpoch / 1e9, cell.flopsPerEpoch / cell.gemmSeconds / 1e9,
                                        cell.medianSeconds / cell.gemmSeconds, cell.overheadPerStepMicroseconds))
                }
            }
        }
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        let report = Report(cells: cells, peakResidentMegabytes: Double(usage.ru_maxrss) / 1024,
                            machine: "\(ProcessInfo.processInfo.activeProcessorCount) cores, \(ProcessInfo.processInfo.physicalMemory / 1_073_741_824) GiB",
                            blasKernel: BLAS.coreName)
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            console.line(String(decoding: try encoder.encode(report), as: UTF8.self))
        } else {
            var summary = SummaryTable(title: "Reference workload: 784→100→100→10, ReLU, cross-entropy, SGD lr 0.1, 60,000 images shuffled per epoch",
                                       header: ["batch", "threads", "median s/epoch", "GEMM floor s", "ratio to floor", "overhead µs/step"])
            for cell in cells {
                summary.add(["\(cell.batchSize)", "\(cell.threads)", String(format: "%.3f", cell.medianSeconds), String(format: "%.3f", cell.gemmSeconds),
                             String(format: "%.2f", cell.medianSeconds / cell.gemmSeconds), String(format: "%.1f", cell.overheadPerStepMicroseconds)])
            }
            console.line(summary.description)
            console.line(String(format: "Peak resident memory: %.0f MB (%@, OpenBLAS kernel %@).", report.peakResidentMegabytes, report.machine, report.blasKernel))
        }
    }
}
