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
        abstract: "Seconds per epoch of the reference MLP workload, GEMM throughput, per-step overhead and peak memory."
    )

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

    @Flag(help: "Print one JSON object instead of tables.")
    var json = false

    @Flag(
        help:
            "Time 9 dropout-sized networks at batch 256 trained one at a time against side by side with their first layers stacked (epochs = rounds)."
    )
    var sweep = false

    @Flag(help: "Measure on request, one round per line of standard input (for benchmarks/compare.py).")
    var serve = false

    mutating func validate() throws {
        let epochRange = 1...TrainingRunOptions.maximumEpochs
        guard epochRange.contains(epochs), (0...TrainingRunOptions.maximumEpochs).contains(warmup) else {
            throw ValidationError(
                "--epochs must be between 1 and \(epochRange.upperBound) and --warmup between 0 and \(epochRange.upperBound)"
            )
        }
        guard batchSizes.values.allSatisfy(Count.accepts),
            threads.values.allSatisfy((1...LessonOptions.maximumThreads).contains)
        else {
            throw ValidationError(
                "batch sizes must be between 1 and \(Count.maximum) and thread counts between 1 and \(LessonOptions.maximumThreads)"
            )
        }
        guard !serve || threads.values.count == 1 else { throw ValidationError("--serve takes one thread count") }
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
            list.append(
                Product(
                    name: "forward \(input)→\(output)", m: b, n: output, k: input, transposeA: false, transposeB: true))
            list.append(
                Product(
                    name: "weight gradient \(output)×\(input)", m: output, n: input, k: b, transposeA: true,
                    transposeB: false))
            if i > 0 {
                list.append(
                    Product(
                        name: "input gradient \(output)→\(input)", m: b, n: input, k: output, transposeA: false,
                        transposeB: false))
            }
        }
        return list
    }

    static func median(_ values: [Double]) -> Double {
        let sorted = values.sorted()
        return sorted.count % 2 == 1
            ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
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
            return median(
                (0..<5).map { _ in
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
                        BLAS.sgemm(
                            transposeA: p.transposeA, transposeB: p.transposeB, m: p.m, n: p.n, k: p.k, alpha: 1,
                            a: pa.baseAddress, lda: a.cols, b: pb.baseAddress, ldb: b.cols, beta: 0, c: pc.baseAddress,
                            ldc: p.n)
                    }
                }
            }
        }
        return (engine, direct)
    }

    /// Seconds of one measured piece of work: processor time of this process (what a
    /// one-thread cell reports: other processes taking turns on the CPU do not count) and
    /// wall time (what a cell with BLAS threads of its own reports).
    struct Timing: Codable {
        let processor: Double
        let wall: Double
        func seconds(threads: Int) -> Double { threads == 1 ? processor : wall }
    }

    static func processorSeconds() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }

    static func timed(_ body: () throws -> Void) rethrows -> Timing {
        let (wall, processor) = (now(), processorSeconds())
        try body()
        return Timing(processor: processorSeconds() - processor, wall: now() - wall)
    }

    /// The reference network in training at one batch size, and the matrices of one step's
    /// products: an epoch and its GEMM floor, measured one right after the other so that
    /// both see the same load on a shared machine.
    final class Workload {
        let batchSize: Int
        let steps: Int
        let images: ImageDataset
        let trainer: Trainer<CrossEntropyLoss>
        /// Per layer: its input (the batch, then each hidden activation), weights, and the
        /// gradient at its output; the products write into `outputs`, `weightGradients` and
        /// `inputGradients`. Operands are shared between products as in a training step (the
        /// batch feeds the first forward product and the first weight gradient), so the floor's
        /// working set is the step's.
        let inputs: [Matrix], weights: [Matrix], outputGradients: [Matrix]
        var outputs: [Matrix], weightGradients: [Matrix], inputGradients: [Matrix]

        init(images: ImageDataset, batchSize: Int) {
            self.batchSize = batchSize
            self.images = images
            steps = (images.count + batchSize - 1) / batchSize
            let random = Random(seed: 123)
            let model = Sequential.mlp(EngineBenchmark.sizes, random: random)
            trainer = Trainer(
                model: model, loss: CrossEntropyLoss(), optimizer: SGD(model.parameters, learningRate: 0.1),
                random: random)
            let operands = Random(seed: 1)
            let layers = Array(zip(EngineBenchmark.sizes, EngineBenchmark.sizes.dropFirst()))
            inputs = layers.map { operands.normalMatrix(rows: batchSize, cols: $0.0) }
            weights = layers.map { operands.normalMatrix(rows: $0.1, cols: $0.0) }
            outputGradients = layers.map { operands.normalMatrix(rows: batchSize, cols: $0.1) }
            outputs = layers.map { Matrix(rows: batchSize, cols: $0.1) }
            weightGradients = layers.map { Matrix(rows: $0.1, cols: $0.0) }
            inputGradients = layers.map { Matrix(rows: batchSize, cols: $0.0) }
        }

        var flopsPerEpoch: Double {
            EngineBenchmark.products(batch: batchSize).reduce(0) { $0 + $1.flops } * Double(steps)
        }

        func epoch() throws -> Timing {
            try timed { _ = try trainer.fit(images, options: TrainingOptions(epochs: 1, batchSize: batchSize)) }
        }

        /// The GEMM floor: the products of a step in a step's order (forward layer by layer,
        /// then backward from the last layer; no input gradient for the first), `steps`
        /// times, and nothing else — the time the products alone take.
        func floor() -> Timing {
            let layers = weights.indices
            return timed {
                for _ in 0..<steps {
                    for l in layers {
                        Matrix.multiply(inputs[l], weights[l], transposeB: true, into: &outputs[l])
                    }
                    for l in layers.reversed() {
                        Matrix.multiply(outputGradients[l], transposeA: true, inputs[l], into: &weightGradients[l])
                        if l > 0 { Matrix.multiply(outputGradients[l], weights[l], into: &inputGradients[l]) }
                    }
                }
            }
        }

        /// An epoch and a floor pass; `floorFirst` alternates their order between rounds, so
        /// a load that rises or falls during a round favours neither.
        func round(floorFirst: Bool) throws -> (epoch: Timing, floor: Timing) {
            if floorFirst {
                let floor = floor()
                return (try epoch(), floor)
            }
            let epoch = try epoch()
            return (epoch, floor())
        }
    }

    struct Cell: Codable {
        let batchSize: Int
        let threads: Int
        /// Processor seconds with one thread, wall seconds with more (see `Timing`).
        let secondsPerEpoch: [Double]
        let floorSeconds: [Double]
        let medianSeconds: Double
        let gemmSeconds: Double
        /// The median over rounds of epoch/floor, each round's pair measured back to back.
        let medianRatioToFloor: Double
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

    static var peakResidentMegabytes: Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return Double(usage.ru_maxrss) / 1024
    }

    static var machine: String {
        "\(ProcessInfo.processInfo.activeProcessorCount) cores, \(ProcessInfo.processInfo.physicalMemory / 1_073_741_824) GiB"
    }

    /// `--serve`: one warm workload per batch size, measured on request, so that compare.py
    /// can interleave the engine with its peers round by round. Each line on standard input
    /// is a batch size and `epoch-first` or `floor-first`; each answer one JSON line.
    func serve(images: ImageDataset, threads: Int) throws {
        var workloads: [Int: Workload] = [:]
        for batchSize in batchSizes.values {
            let workload = Workload(images: images, batchSize: batchSize)
            for _ in 0..<warmup { _ = try workload.round(floorFirst: false) }
            workloads[batchSize] = workload
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        func answer(_ object: some Encodable) throws {
            // One write per answer: the reader waits for the whole line, and a pipe's stdout is
            // otherwise block-buffered until exit.
            FileHandle.standardOutput.write(try encoder.encode(object) + Data("\n".utf8))
        }
        struct Ready: Encodable { let blasKernel: String; let machine: String }
        struct Measured: Encodable { let seconds: Double; let floorSeconds: Double; let peakResidentMegabytes: Double }
        struct Refused: Encodable { let error: String }
        try answer(Ready(blasKernel: BLAS.coreName, machine: Self.machine))
        while let line = readLine() {
            let words = line.split(separator: " ")
            guard words.count == 2, let batchSize = Int(words[0]), let workload = workloads[batchSize],
                ["epoch-first", "floor-first"].contains(words[1])
            else {
                try answer(Refused(error: "expected a served batch size and epoch-first or floor-first, got \(line)"))
                continue
            }
            let (epoch, floor) = try workload.round(floorFirst: words[1] == "floor-first")
            try answer(
                Measured(
                    seconds: epoch.seconds(threads: threads), floorSeconds: floor.seconds(threads: threads),
                    peakResidentMegabytes: Self.peakResidentMegabytes))
        }
    }

    func run() throws {
        let console = Console(isTerminal: false)
        // The kernel decides the speed (and the last digits): print it, with how to check yours.
        if !json && !serve {
            console.line("BLAS: \(BLAS.kernelDescription)")
        }
        let store = try MNISTFormat.load(.train, from: MNISTFormat.directory(explicit: data))
        let images = ImageDataset(store: store)
        if sweep {
            BLAS.setThreads(1)
            let benchmark = SweepBenchmark(images: images, networks: 9, batchSize: 256)
            let timings = benchmark.measure(rounds: epochs)
            var table = SummaryTable(
                title:
                    "9 networks 784→75→45→10, batch 256, one epoch each on the same batches, one BLAS thread per worker; medians (min–max) of \(epochs) interleaved rounds",
                header: [
                    "arrangement", "wall s", "processor s", "wall against one at a time, 1 worker",
                    "processor against it",
                ])
            let baseline = timings[0]
            for (arrangement, values) in zip(benchmark.arrangements, timings) {
                let wall = values.map(\.wall), processor = values.map(\.processor)
                table.add([
                    arrangement.name, String(format: "%.3f (%.3f–%.3f)", Self.median(wall), wall.min()!, wall.max()!),
                    String(format: "%.3f (%.3f–%.3f)", Self.median(processor), processor.min()!, processor.max()!),
                    String(format: "%.2f×", Self.median(baseline.map(\.wall)) / Self.median(wall)),
                    String(format: "%.2f×", Self.median(baseline.map(\.processor)) / Self.median(processor)),
                ])
            }
            console.line(table.description)
            return
        }
        if serve {
            BLAS.setThreads(threads.values[0])
            return try serve(images: images, threads: threads.values[0])
        }
        var cells: [Cell] = []
        for threadCount in threads.values {
            BLAS.setThreads(threadCount)
            for batchSize in batchSizes.values {
                let workload = Workload(images: images, batchSize: batchSize)
                for _ in 0..<warmup { _ = try workload.round(floorFirst: false) }
                let rounds = try (0..<epochs).map { try workload.round(floorFirst: $0 % 2 == 1) }
                let seconds = rounds.map { $0.epoch.seconds(threads: threadCount) }
                let floors = rounds.map { $0.floor.seconds(threads: threadCount) }
                let cell = Cell(
                    batchSize: batchSize, threads: threadCount, secondsPerEpoch: seconds, floorSeconds: floors,
                    medianSeconds: Self.median(seconds), gemmSeconds: Self.median(floors),
                    medianRatioToFloor: Self.median(zip(seconds, floors).map { $0 / $1 }),
                    flopsPerEpoch: workload.flopsPerEpoch, stepsPerEpoch: workload.steps)
                cells.append(cell)
                if !json {
                    var table = SummaryTable(
                        title:
                            "Matrix products of one step, batch \(batchSize), \(threadCount) BLAS thread(s): GFLOP/s",
                        header: ["product", "m×n×k", "engine", "cblas_sgemm", "time ratio"])
                    for product in Self.products(batch: batchSize) {
                        let (engine, direct) = Self.timeProduct(
                            product, repetitions: max(1, 200_000 / (product.m * product.n)))
                        table.add([
                            product.name, "\(product.m)×\(product.n)×\(product.k)",
                            String(format: "%.1f", product.flops / engine / 1e9),
                            String(format: "%.1f", product.flops / direct / 1e9),
                            String(format: "%.2f", engine / direct),
                        ])
                    }
                    console.line(table.description)
                    console.line(
                        String(
                            format:
                                "batch %d, %d thread(s): median %.3f s/epoch (range %.3f–%.3f over %d epochs); GEMM-bound floor %.3f s (%.1f GFLOP per epoch at %.1f GFLOP/s); ratio to floor %.2f (median of each epoch over the floor timed beside it); overhead outside BLAS %.1f µs per step\n",
                            batchSize, threadCount, cell.medianSeconds, seconds.min()!, seconds.max()!, epochs,
                            cell.gemmSeconds, cell.flopsPerEpoch / 1e9, cell.flopsPerEpoch / cell.gemmSeconds / 1e9,
                            cell.medianRatioToFloor, cell.overheadPerStepMicroseconds))
                }
            }
        }
        let report = Report(
            cells: cells, peakResidentMegabytes: Self.peakResidentMegabytes, machine: Self.machine,
            blasKernel: BLAS.coreName)
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            console.line(String(decoding: try encoder.encode(report), as: UTF8.self))
        } else {
            var summary = SummaryTable(
                title:
                    "Reference workload: 784→100→100→10, ReLU, cross-entropy, SGD lr 0.1, 60,000 images shuffled per epoch; one thread: processor seconds",
                header: ["batch", "threads", "median s/epoch", "GEMM floor s", "ratio to floor", "overhead µs/step"])
            for cell in cells {
                summary.add([
                    "\(cell.batchSize)", "\(cell.threads)", String(format: "%.3f", cell.medianSeconds),
                    String(format: "%.3f", cell.gemmSeconds),
                    String(format: "%.2f", cell.medianRatioToFloor),
                    String(format: "%.1f", cell.overheadPerStepMicroseconds),
                ])
            }
            console.line(summary.description)
            console.line(
                String(
                    format: "Peak resident memory: %.0f MB (%@, OpenBLAS kernel %@).", report.peakResidentMegabytes,
                    report.machine, report.blasKernel))
        }
    }
}
