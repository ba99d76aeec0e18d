import ArgumentParser
import Engine
import Foundation
import LessonKit
import Plot

@main
struct HyperparametersLesson: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lesson-hyperparameters",
        abstract: "Hyperparameter search: grid, random and Bayesian optimization with the same budget of trials.",
        discussion: """
        Three hyperparameters of a small network on a Fashion-MNIST subset: the learning rate \
        (log scale, 10⁻⁴ to 1), the hidden width (log scale, 16 to 512) and the dropout \
        probability (0 to 0.7). Grid search, random search and Bayesian optimization (a \
        Gaussian-process surrogate choosing each next trial by expected improvement) each get \
        27 trials. Figures: the trials in the search space colored by validation accuracy, the \
        best accuracy so far against the number of trials, validation accuracy against each \
        hyperparameter, and the lecture's rule of thumb that a zig-zag loss calls for larger \
        minibatches. Every trial is seeded: with --jobs N the grid and random trials run in N \
        processes and give the same numbers. Full run: about a minute in a debug build.
        """)

    @OptionGroup var lesson: LessonOptions
    @OptionGroup var training: TrainingRunOptions

    @Option(help: "Worker processes for the grid and random trials (Bayesian trials depend on each other and run one by one).")
    var jobs = 1

    @Option(help: ArgumentHelp("Evaluate one trial at a point of [0,1]³ and print its result (used by --jobs).", visibility: .hidden))
    var trial: String?

    mutating func validate() throws {
        guard jobs >= 1 else { throw ValidationError("--jobs must be at least 1") }
    }

    // MARK: The search space

    /// A point u ∈ [0, 1]³ mapped to hyperparameters.
    struct Setting: Sendable {
        let point: [Double]
        var learningRate: Float { Float(pow(10, -4 + 4 * point[0])) }
        var width: Int { Int(pow(2, 4 + 5 * point[1]).rounded()) }
        var dropout: Float { Float(0.7 * point[2]) }
        var description: String { String(format: "lr %.3g, width %d, dropout %.2f", learningRate, width, dropout) }
    }

    struct Budget {
        let trainSize: Int
        let validationSize: Int
        let epochs: Int
        let gridLevels: Int
        var trials: Int { gridLevels * gridLevels * gridLevels }
    }

    func budget() -> Budget {
        lesson.quick ? Budget(trainSize: 1000, validationSize: 500, epochs: training.epochs ?? 1, gridLevels: 2)
            : Budget(trainSize: 5000, validationSize: 2000, epochs: training.epochs ?? 3, gridLevels: 3)
    }

    /// Trains 784 → width → 10 with dropout and SGD and returns the validation accuracy. A run
    /// that diverges scores chance (0.1), as a failed trial would in practice.
    static func evaluate(_ setting: Setting, train: ImageDataset, validation: ImageDataset, epochs: Int, seed: UInt64) throws -> Float {
        let random = Random(seed: seed)
        let model = Sequential.mlp([784, setting.width, 10], dropout: setting.dropout, random: random)
        let trainer = Trainer(model: model, loss: CrossEntropyLoss(),
                              optimizer: SGD(model.parameters, learningRate: setting.learningRate), random: random)
        do {
            let history = try trainer.fit(train, validation: validation, options: TrainingOptions(epochs: epochs, batchSize: 64))
            return history.last?.validationAccuracy ?? 0.1
        } catch TrainingError.diverged {
            return 0.1
        }
    }

    struct Trial {
        let setting: Setting
        let accuracy: Float
    }

    struct Search {
        let name: String
        var trials: [Trial]
        var bestSoFar: [Float] { trials.indices.map { i in trials[...i].map(\.accuracy).max()! } }
        var best: Trial { trials.max { $0.accuracy < $1.accuracy }! }
    }

    // MARK: Running trials

    func loadData(_ context: LessonContext?) throws -> (train: ImageDataset, validation: ImageDataset) {
        let budget = budget()
        if let context {
            let (train, validation, _) = try context.loadSplits(training, trainSize: budget.trainSize,
                                                                validationSize: budget.validationSize, testSize: 0)
            return (train, validation)
        }
        // A worker process: the same seeded split, without the messages.
        let all = ImageDataset(store: try MNISTFormat.load(.train, from: training.dataDirectory))
        let splitter = Random(seed: lesson.seed)
        let (train, validation) = all.split(validationFraction: 0.1, random: splitter)
        return (train.randomSubset(budget.trainSize, random: splitter), validation.randomSubset(budget.validationSize, random: splitter))
    }

    /// Evaluates settings in this process, or in `jobs` worker processes of this program.
    func evaluateAll(_ settings: [Setting], data: (train: ImageDataset, validation: ImageDataset), label: String,
                     console: Console) throws -> [Trial] {
        let budget = budget()
        guard jobs > 1 else {
            return try settings.enumerated().map { index, setting in
                let accuracy = try Self.evaluate(setting, train: data.train, validation: data.validation, epochs: budget.epochs, seed: lesson.seed)
                console.line(String(format: "%@ %2d/%d  %@  → validation %@%%", label, index + 1, settings.count, setting.description, percent(accuracy)))
                return Trial(setting: setting, accuracy: accuracy)
            }
        }
        // Keep up to `jobs` workers running; collect them in the order they were started.
        var results = [Float](repeating: 0, count: settings.count)
        var running: [(index: Int, worker: Worker)] = []
        var next = 0
        while next < settings.count || !running.isEmpty {
            while running.count < jobs && next < settings.count {
                running.append((next, try startWorker(settings[next])))
                next += 1
            }
            let (index, worker) = running.removeFirst()
            results[index] = try worker.result(for: settings[index])
            console.line(String(format: "%@ %2d/%d  %@  → validation %@%%", label, index + 1, settings.count,
                                settings[index].description, percent(results[index])))
        }
        return zip(settings, results).map { Trial(setting: $0, accuracy: $1) }
    }

    /// A running `--trial` process of this program.
    struct Worker {
        let process: Process
        let output: Pipe

        /// Waits for the process and reads the accuracy it printed.
        func result(for setting: Setting) throws -> Float {
            let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            guard process.terminationStatus == 0,
                  let line = text.split(separator: "\n").first(where: { $0.hasPrefix("trial-accuracy ") }),
                  let accuracy = Float(line.dropFirst("trial-accuracy ".count)) else {
                throw LessonError("a trial worker failed for \(setting.description)")
            }
            return accuracy
        }
    }

    /// Starts this program with --trial for one setting.
    func startWorker(_ setting: Setting) throws -> Worker {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: ProcessInfo.processInfo.arguments[0]).standardizedFileURL
        var arguments = ["--trial", setting.point.map { String($0) }.joined(separator: ","), "--seed", "\(lesson.seed)",
                         "--data", training.dataDirectory, "--no-render", "--output", NSTemporaryDirectory()]
        if lesson.quick { arguments.append("--quick") }
        if let epochs = training.epochs { arguments += ["--epochs", "\(epochs)"] }
        process.arguments = arguments
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        return Worker(process: process, output: output)
    }

    func run() throws {
        if let trial {
            let point = trial.split(separator: ",").compactMap { Double($0) }
            guard point.count == 3, point.allSatisfy({ (0...1).contains($0) }) else {
                throw ValidationError("--trial takes three numbers in [0, 1]")
            }
            BLAS.setThreads(1)
            let data = try loadData(nil)
            let accuracy = try Self.evaluate(Setting(point: point), train: data.train, validation: data.validation,
                                             epochs: budget().epochs, seed: lesson.seed)
            print("trial-accuracy \(accuracy)")
            return
        }
        _ = try perform()
    }

    struct Report {
        let searches: [Search]
        let zigzag: [(batchSize: Int, history: History)]
    }

    func perform() throws -> Report {
        let context = try LessonContext(lesson: "hyperparameters", options: lesson)
        let console = context.console
        let budget = budget()
        let data = try loadData(context)

        // Grid: every combination of `levels` evenly spaced values per dimension.
        let levels = (0..<budget.gridLevels).map { (Double($0) + 0.5) / Double(budget.gridLevels) }
        let gridSettings = levels.flatMap { a in levels.flatMap { b in levels.map { c in Setting(point: [a, b, c]) } } }
        let grid = Search(name: "grid", trials: try evaluateAll(gridSettings, data: data, label: "grid", console: console))

        // Random: the same number of points drawn uniformly.
        let sampler = Random(seed: lesson.seed &+ 1)
        let randomSettings = (0..<budget.trials).map { _ in Setting(point: (0..<3).map { _ in Double(sampler.uniform()) }) }
        let random = Search(name: "random", trials: try evaluateAll(randomSettings, data: data, label: "random", console: console))

        // Bayesian: a few random trials, then each next one where expected improvement peaks.
        let optimizer = BayesianOptimization(dimensions: 3)
        let suggester = Random(seed: lesson.seed &+ 2)
        var bayes = Search(name: "Bayesian", trials: [])
        let initial = max(3, budget.trials / 5)
        for index in 0..<budget.trials {
            let point = index < initial ? (0..<3).map { _ in Double(suggester.uniform()) }
                : optimizer.suggest(points: bayes.trials.map(\.setting.point), values: bayes.trials.map { Double($0.accuracy) },
                                    random: suggester)
            let setting = Setting(point: point)
            let accuracy = try Self.evaluate(setting, train: data.train, validation: data.validation, epochs: budget.epochs, seed: lesson.seed)
            console.line(String(format: "Bayesian %2d/%d  %@  → validation %@%%%@", index + 1, budget.trials, setting.description,
                                percent(accuracy), index < initial ? " (initial random trial)" : ""))
            bayes.trials.append(Trial(setting: setting, accuracy: accuracy))
        }
        let searches = [grid, random, bayes]

        // The rule of thumb: a zig-zag loss curve → a larger minibatch.
        var zigzag: [(batchSize: Int, history: History)] = []
        for batchSize in [8, 128] {
            let seeded = Random(seed: lesson.seed)
            let model = Sequential.mlp([784, 128, 10], random: seeded)
            let trainer = Trainer(model: model, loss: CrossEntropyLoss(), optimizer: SGD(model.parameters, learningRate: 0.05), random: seeded)
            zigzag.append((batchSize, try trainer.fit(data.train, options: TrainingOptions(epochs: 1, batchSize: batchSize))))
        }

        try context.write(Self.spaceFigure(searches))
        try context.write(Self.progressFigure(searches))
        try context.write(Self.marginalsFigure(random))
        try context.write(Self.zigzagFigure(zigzag))

        console.line("")
        var table = SummaryTable(title: "\(budget.trials) trials each; validation accuracy after \(budget.epochs) epochs on \(data.train.count) images",
                                 header: ["search", "best validation %", "best setting", "distinct learning rates tried"])
        for search in searches {
            table.add([search.name, percent(search.best.accuracy), search.best.setting.description,
                       "\(Set(search.trials.map(\.setting.learningRate)).count)"])
        }
        console.line(table.description)
        try context.finish()
        return Report(searches: searches, zigzag: zigzag)
    }

    // MARK: Figures

    static func spaceFigure(_ searches: [Search]) -> Figure {
        let accuracies = searches.flatMap { $0.trials.map { 100 * Double($0.accuracy) } }
        let colors = accuracies.min()!...max(accuracies.max()!, accuracies.min()! + 1)
        return Figure(name: "search-space", title: "Trials in the (learning rate, width) plane, colored by validation accuracy (dropout not shown)",
               panels: searches.map { search in
                   Panel(title: "\(search.name) search", xLabel: "log₁₀ learning rate", yLabel: "log₂ hidden width",
                         xRange: -4.2...0.2, yRange: 3.8...9.2, legend: .hidden, series: [
                             .scatter(nil, x: search.trials.map { log10(Double($0.setting.learningRate)) },
                                      y: search.trials.map { log2(Double($0.setting.width)) },
                                      value: search.trials.map { 100 * Double($0.accuracy) }, valueLabel: "validation accuracy (%)",
                                      valueRange: colors),
                         ])
               }, columns: 3, panelSize: (520, 440))
    }

    static func progressFigure(_ searches: [Search]) -> Figure {
        Figure(name: "progress", panels: [
            Panel(title: "best validation accuracy so far", xLabel: "trial", yLabel: "accuracy (%)", legend: .bottomRight,
                  series: searches.enumerated().map { index, search in
                      .line(search.name, values: search.bestSoFar.map { 100 * $0 }, style: .linesPoints, color: index)
                  }),
        ], columns: 1, panelSize: (720, 440))
    }

    static func marginalsFigure(_ search: Search) -> Figure {
        let accuracy = search.trials.map { 100 * Double($0.accuracy) }
        let dimensions: [(String, (Setting) -> Double)] = [
            ("log₁₀ learning rate", { log10(Double($0.learningRate)) }),
            ("log₂ hidden width", { log2(Double($0.width)) }),
            ("dropout probability", { Double($0.dropout) }),
        ]
        return Figure(name: "marginals", title: "Random search: validation accuracy against each hyperparameter",
                      panels: dimensions.map { name, value in
                          Panel(xLabel: name, yLabel: "validation accuracy (%)", legend: .hidden, series: [
                              .line(nil, x: search.trials.map { value($0.setting) }, y: accuracy, style: .points, color: 0),
                          ])
                      }, columns: 3, panelSize: (480, 380))
    }

    static func zigzagFigure(_ runs: [(batchSize: Int, history: History)]) -> Figure {
        Figure(name: "zigzag", panels: runs.enumerated().map { index, run in
            let steps = run.history.minibatchLosses.count
            return StandardPanels.minibatchLoss(run.history, title: "batch \(run.batchSize): \(steps) steps",
                                                window: max(10, steps / 20), colors: (index == 0 ? 5 : 4, index))
        }, columns: 2, panelSize: (600, 400))
    }
}
