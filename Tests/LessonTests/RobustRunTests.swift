import ArgumentParser
import Engine
@testable import EngineBenchmark
import Foundation
@testable import LessonKit
@testable import lesson_augmentation
@testable import lesson_dropout
@testable import lesson_l2
import TestSupport
import XCTest

/// The lessons as a user (or an attacker) runs them: every option value that passes
/// validation runs or fails with one line, signals end a run cleanly, and resource limits
/// are one line each. The lessons run as processes, since a trap or a signal ends one.
final class RobustRunTests: FolderTestCase {
    var products: String {
        var url = Bundle(for: Self.self).bundleURL
        if url.pathExtension == "xctest" { url.deleteLastPathComponent() }
        return url.path
    }

    struct Outcome {
        let status: Int32
        /// Ended by a signal (a trap is SIGILL or SIGTRAP, an abort SIGABRT) rather than an exit.
        let signaled: Bool
        let timedOut: Bool
        let errors: String
        var errorLines: [Substring] {
            errors.split(separator: "\n").filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty }
        }
    }

    /// Runs `arguments` (the first a path) in the test's folder with standard error kept;
    /// stopped after `limit` seconds, a hang. `started` gets the process once it runs.
    func run(
        _ arguments: [String], environment: [String: String] = [:], limit: TimeInterval = 300,
        started: (Process) -> Void = { _ in }
    ) throws -> Outcome {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: arguments[0])
        process.arguments = Array(arguments.dropFirst())
        process.currentDirectoryURL = URL(fileURLWithPath: folder)
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let errorsPath = folder + "/stderr-\(UUID().uuidString)"
        XCTAssertTrue(FileManager.default.createFile(atPath: errorsPath, contents: nil))
        let errors = try FileHandle(forWritingTo: URL(fileURLWithPath: errorsPath))
        defer { try? FileManager.default.removeItem(atPath: errorsPath) }
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        let ended = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in ended.signal() }
        try process.run()
        started(process)
        let timedOut = ended.wait(timeout: .now() + limit) == .timedOut
        if timedOut {
            kill(process.processIdentifier, SIGKILL)
            ended.wait()
        }
        try errors.close()
        return Outcome(
            status: process.terminationStatus, signaled: process.terminationReason == .uncaughtSignal,
            timedOut: timedOut, errors: (try? String(contentsOfFile: errorsPath, encoding: .utf8)) ?? "")
    }

    func lesson(_ name: String) -> String { products + "/" + name }

    // MARK: - Option values

    /// Values meant to break a parser or what follows it: overflow, signed zeros, NaN,
    /// infinities, underflow, empty text and lists, huge strings, digits of other scripts.
    static let hostileValues = [
        "9223372036854775807", "9223372036854775808", "-9223372036854775808", "18446744073709551616", "0", "-0", "-1",
        "1", "2", "3",
        "nan", "-nan", "inf", "-inf", "1e309", "-1e309", "1e-320", "1e3", "0.5", "", " ", ",", "0,,1", "1,",
        "1,1,1,1,1,1,1,1,1,1,1,1,1",
        String(repeating: "9", count: 2000), String(repeating: "x", count: 2000), "٣", "１", "0x10", "\u{00A0}1",
    ]

    /// What every accepted case adds, so a run is as short as the lesson allows.
    static let shortRun: [(option: String, value: String?)] = [
        ("quick", nil), ("no-render", nil), ("threads", "1"), ("seeds", "1"), ("epochs", "1"), ("quiet", nil),
        ("output", "out"),
    ]

    static func arguments(_ option: String, _ value: String, trains: Bool) -> [String] {
        ["--\(option)", value]
            + shortRun.filter { $0.option != option && (trains || $0.option != "epochs") }
            .flatMap { ["--\($0.option)"] + ($0.value.map { [$0] } ?? []) }
    }

    /// The options a lesson takes, as its --experimental-dump-help lists them.
    func options(of executable: String) throws -> [String] {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: lesson(executable))
        process.arguments = ["--experimental-dump-help"]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        struct Dump: Decodable {
            struct Command: Decodable { let arguments: [Argument] }
            struct Argument: Decodable { let kind: String; let names: [Name]? }
            struct Name: Decodable { let name: String }
            let command: Command
        }
        return try JSONDecoder().decode(Dump.self, from: data).command.arguments
            .filter { $0.kind == "option" }.compactMap { $0.names?.first?.name }
    }

    /// Every lesson × every option × every hostile value: a seeded sample of the cases (all
    /// of them with TRAINING_LAB_ATTACK=all) is parsed, and a rejected value must be one line
    /// and a usage error. A seeded sample of the accepted ones runs: no trap, no hang, no NaN
    /// in the data, no temporary file left, and a failure is one line.
    func testEveryValueThatPassesValidationRunsOrFailsWithOneLine() throws {
        var cases: [(command: ParsableCommand.Type, executable: String, arguments: [String])] = []
        for command in OptionBoundsTests.all {
            let executable = try XCTUnwrap(command.configuration.commandName)
            let trains = OptionBoundsTests.training.contains { $0 == command }
            for option in try options(of: executable) {
                cases += Self.hostileValues.map { (command, executable, Self.arguments(option, $0, trains: trains)) }
            }
        }
        let everything = ProcessInfo.processInfo.environment["TRAINING_LAB_ATTACK"] == "all"
        let random = Random(seed: 25)
        var accepted: [(executable: String, arguments: [String])] = []
        for index in random.permutation(cases.count).prefix(everything ? cases.count : 1200) {
            let (command, executable, arguments) = cases[index]
            do {
                _ = try command.parseAsRoot(arguments)
                accepted.append((executable, arguments))
            } catch {
                XCTAssertEqual(command.exitCode(for: error), .validationFailure, "\(executable) \(arguments)")
                XCTAssertEqual(
                    command.message(for: error).split(separator: "\n").count, 1, "\(executable) \(arguments)")
            }
        }
        XCTAssertGreaterThan(accepted.count, 50, "the hostile values include valid edge values")
        for (executable, arguments) in accepted.prefix(everything ? accepted.count : 10) {
            try FileManager.default.createDirectory(atPath: folder + "/tmp", withIntermediateDirectories: true)
            let outcome = try run([lesson(executable)] + arguments, environment: ["TMPDIR": folder + "/tmp"])
            let description = "\(executable) \(arguments.prefix(2).map { $0.prefix(40) })"
            XCTAssertFalse(
                outcome.signaled || outcome.timedOut, "trap or hang: \(description)\n\(outcome.errors.suffix(2000))")
            if outcome.status != 0 {
                XCTAssertEqual(outcome.errorLines.count, 1, "one line: \(description)\n\(outcome.errors.suffix(2000))")
            }
            let written = (try? FileManager.default.contentsOfDirectory(atPath: folder + "/out")) ?? []
            for file in written where file.hasSuffix(".dat") || file.hasSuffix(".csv") {
                let text = try String(contentsOfFile: folder + "/out/" + file, encoding: .utf8)
                XCTAssertNil(Self.rowWithNaN(text), "NaN in \(file): \(description)")
            }
            XCTAssertEqual(
                written.filter { $0.hasSuffix(".tmp") }
                    + (try FileManager.default.contentsOfDirectory(atPath: folder + "/tmp")), [],
                "litter: \(description)")
            try? FileManager.default.removeItem(atPath: folder + "/out")
            try? FileManager.default.removeItem(atPath: folder + "/tmp")
        }
    }

    /// The first row of a data file with NaN among numbers. A row of NaN only is gnuplot's
    /// break between two pieces of a path, drawn on purpose.
    static func rowWithNaN(_ text: String) -> Substring? {
        text.split(separator: "\n").first { row in
            let cells = row.split(whereSeparator: { $0 == " " || $0 == "," }).map { $0.lowercased() }
            return cells.contains("nan") && !cells.allSatisfy { $0 == "nan" }
        }
    }

    /// The property test's NaN check: a path's break is drawn on purpose, a NaN value is not.
    func testNaNAmongNumbersIsFound() {
        XCTAssertNil(Self.rowWithNaN("# block 0\n1 2\nNaN NaN\n3 4\n"))
        XCTAssertEqual(Self.rowWithNaN("1 2\n3 NaN\n"), "3 NaN")
        XCTAssertEqual(Self.rowWithNaN("setting,seed\n\"a\",1,nan,0.5\n"), "\"a\",1,nan,0.5")
    }

    /// The values of the last attack that passed validation and trapped later: each is now
    /// refused when parsed, or runs.
    func testValuesThatTrappedAreRefusedOrRun() throws {
        let refused: [(ParsableCommand.Type, [String], String)] = [
            (AugmentationLesson.self, ["--train-size", "7"], "at least 8"),
            (L2Lesson.self, ["--train-size", "63"], "larger than the 63 training images"),
            (L2Lesson.self, ["--batch-size", "600", "--quick"], "larger than the 500 training images"),
            (
                L2Lesson.self, ["--batch-size", "60000", "--train-size", "60000"],
                "larger than the 54000 training images"
            ),
            (DropoutLesson.self, ["--p", "0"], "above 0"),
            (EngineBenchmark.self, ["--epochs", "9223372036854775807"], "between 1 and 10000"),
            (EngineBenchmark.self, ["--batch-sizes", "64,9223372036854775807"], "between 1 and 1000000"),
        ]
        for (command, arguments, complaint) in refused {
            XCTAssertThrowsError(try command.parseAsRoot(arguments), "\(arguments)") { error in
                XCTAssertTrue(command.message(for: error).contains(complaint), command.message(for: error))
            }
        }
        for arguments in [
            ["lesson-vanishing-gradients", "--width", "3"], ["lesson-batchnorm", "--learning-rate", "1e3"],
        ] {
            let outcome = try run(
                [lesson(arguments[0])] + Array(arguments.dropFirst()) + Self.arguments("seeds", "2", trains: true))
            XCTAssertFalse(outcome.signaled || outcome.timedOut, "\(arguments): \(outcome.errors.suffix(2000))")
            XCTAssertTrue(outcome.status == 0 || outcome.errorLines.count == 1, "\(arguments): \(outcome.errors)")
        }
    }

    /// A results file's run time is read back for the progress line: a corrupt one is unknown.
    func testACorruptRunTimeIsUnknown() {
        for seconds in [Double.nan, .infinity, -.infinity, 1e300, -1] { XCTAssertEqual(shortDuration(seconds), "?") }
        XCTAssertEqual(shortDuration(61), "1m01s")
    }

    // MARK: - Signals

    /// A fake gnuplot that notes its PID and then waits: a signal sent meanwhile finds a
    /// figure being rendered.
    func slowGnuplot() throws -> String {
        let bin = folder + "/bin"
        try FileManager.default.createDirectory(atPath: bin, withIntermediateDirectories: true)
        try "#!/bin/sh\necho $$ > \(folder)/gnuplot.pid\nexec sleep 60\n".write(
            toFile: bin + "/gnuplot", atomically: true, encoding: .utf8)
        chmod(bin + "/gnuplot", 0o755)
        return bin
    }

    /// SIGINT and SIGTERM at seeded random moments of a training lesson (early stopping,
    /// whose runs write checkpoints) and while gnuplot renders: the lesson exits 130 or 143
    /// with one line and leaves no temporary file, checkpoint or gnuplot behind.
    func testSignalsEndARunCleanly() throws {
        let random = Random(seed: 25)
        let bin = try slowGnuplot()
        for trial in 0..<6 {
            let number = trial % 2 == 0 ? SIGINT : SIGTERM
            let rendering = trial >= 4
            try FileManager.default.createDirectory(atPath: folder + "/tmp", withIntermediateDirectories: true)
            try? FileManager.default.removeItem(atPath: folder + "/gnuplot.pid")
            let delay = 3 * Double(random.uniform())
            var environment = ["TMPDIR": folder + "/tmp"]
            if rendering {
                environment["PATH"] = bin + ":" + (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin")
            }
            // The full run outlasts any delay; the quick one soon reaches its figure.
            let arguments = [
                lesson("lesson-early-stopping"), rendering ? "--quick" : "--no-render", "--threads", "2", "--output",
                "out",
            ]
            let outcome = try run(arguments, environment: environment, limit: 120) { process in
                if rendering {
                    while !FileManager.default.fileExists(atPath: folder + "/gnuplot.pid") && process.isRunning {
                        usleep(20_000)
                    }
                } else {
                    // From the moment the lesson has made its output folder, which it does
                    // once its handlers are in place.
                    while !FileManager.default.fileExists(atPath: folder + "/out") && process.isRunning {
                        usleep(10_000)
                    }
                    usleep(useconds_t(delay * 1e6))
                }
                kill(process.processIdentifier, number)
            }
            let description =
                "trial \(trial): signal \(number) \(rendering ? "while gnuplot runs" : "\(delay) s into the run")"
            XCTAssertFalse(outcome.signaled || outcome.timedOut, "\(description): \(outcome.errors.suffix(2000))")
            XCTAssertEqual(outcome.status, 128 + number, "\(description): \(outcome.errors.suffix(2000))")
            XCTAssertEqual(
                outcome.errorLines,
                [
                    Substring(
                        "Interrupted (\(number == SIGINT ? "SIGINT" : "SIGTERM")): stopped, temporary files removed.")
                ], description)
            let written = (try? FileManager.default.contentsOfDirectory(atPath: folder + "/out")) ?? []
            XCTAssertEqual(written.filter { $0.hasSuffix(".tmp") }, [], description)
            XCTAssertEqual(
                try FileManager.default.contentsOfDirectory(atPath: folder + "/tmp"), [],
                "checkpoints left: \(description)")
            if rendering {
                let pid = try XCTUnwrap(
                    pid_t(
                        String(contentsOfFile: folder + "/gnuplot.pid", encoding: .utf8)
                            .trimmingCharacters(in: .whitespacesAndNewlines)))
                XCTAssertFalse(
                    FileManager.default.fileExists(atPath: "/proc/\(pid)/cmdline")
                        && ((try? String(contentsOfFile: "/proc/\(pid)/cmdline", encoding: .utf8)) ?? "").contains(
                            "sleep"),
                    "gnuplot still runs: \(description)")
            }
            try? FileManager.default.removeItem(atPath: folder + "/out")
            try? FileManager.default.removeItem(atPath: folder + "/tmp")
        }
    }

    // MARK: - Resource limits

    /// Memory, open files and file size below what a lesson needs: one line each, no trap,
    /// no hang, nothing half-written left.
    func testResourceLimitsAreOneLine() throws {
        let limits = [
            ("ulimit -v 200000", "ulimit -v"), ("ulimit -n 12", "too many open files"), ("ulimit -f 4", "ulimit -f"),
        ]
        for (limit, complaint) in limits {
            let outcome = try run(
                [
                    "/bin/bash", "-c", "\(limit); exec \"$0\" --quick --threads 1 --output out",
                    lesson("lesson-parameter-count"),
                ],
                limit: 120)
            XCTAssertFalse(outcome.signaled || outcome.timedOut, "\(limit): \(outcome.errors.suffix(2000))")
            XCTAssertEqual(outcome.status, 1, "\(limit): \(outcome.errors.suffix(2000))")
            XCTAssertEqual(outcome.errorLines.count, 1, "\(limit): \(outcome.errors)")
            XCTAssertTrue(outcome.errors.contains(complaint), "\(limit): \(outcome.errors)")
            let written = (try? FileManager.default.contentsOfDirectory(atPath: folder + "/out")) ?? []
            XCTAssertEqual(written.filter { $0.hasSuffix(".tmp") }, [], limit)
            try? FileManager.default.removeItem(atPath: folder + "/out")
        }
    }
}
