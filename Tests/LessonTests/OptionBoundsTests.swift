import ArgumentParser
import XCTest
@testable import lesson_adam
@testable import lesson_augmentation
@testable import lesson_batch_size
@testable import lesson_batchnorm
@testable import lesson_bias_variance
@testable import lesson_dropout
@testable import lesson_early_stopping
@testable import lesson_hyperparameters
@testable import lesson_initialization
@testable import lesson_input_normalization
@testable import lesson_l2
@testable import lesson_lr_decay
@testable import lesson_momentum
@testable import lesson_optimizers
@testable import lesson_parameter_count
@testable import lesson_regularizers
@testable import lesson_vanishing_gradients

/// The shared options' bounds, for every lesson in one table: each impossible value is an
/// error when the command line is parsed, before any work or any file is written.
final class OptionBoundsTests: XCTestCase {
    static let training: [ParsableCommand.Type] = [
        AdamLesson.self, AugmentationLesson.self, BatchSizeLesson.self, BatchNormLesson.self, BiasVarianceLesson.self,
        DropoutLesson.self, EarlyStoppingLesson.self, HyperparametersLesson.self, InitializationLesson.self,
        InputNormalizationLesson.self, L2Lesson.self, LearningRateDecayLesson.self, MomentumLesson.self,
        OptimizersLesson.self, RegularizersLesson.self, VanishingGradientsLesson.self,
    ]
    static let all: [ParsableCommand.Type] = training + [ParameterCount.self]

    func testSharedOptionsAreBounded() {
        let bad: [[String]] = [
            ["--seeds", "0"], ["--seeds", "101"], ["--threads", "0"], ["--threads", "4294967296"],
            ["--seed", "-1"], ["--seed", "x"], ["--output", ""], ["--no-render", "--require-render"],
        ]
        for command in Self.all {
            for arguments in bad {
                XCTAssertThrowsError(try command.parseAsRoot(arguments), "\(command) \(arguments)")
            }
            XCTAssertNoThrow(try command.parseAsRoot(["--seeds", "3", "--threads", "1"]), "\(command)")
        }
    }

    func testEpochsAreBounded() {
        for command in Self.training {
            for arguments in [
                ["--epochs", "0"], ["--epochs", "-1"], ["--epochs", "10001"], ["--epochs", "nan"], ["--data", ""],
            ] {
                XCTAssertThrowsError(try command.parseAsRoot(arguments), "\(command) \(arguments)") { error in
                    XCTAssertEqual(
                        command.message(for: error).split(separator: "\n").count, 1,
                        "one line: \(command.message(for: error))")
                }
            }
        }
    }

    /// Every lesson answers --version, and its help lists --version once and one default
    /// for --threads.
    func testVersion() {
        for command in Self.all {
            XCTAssertThrowsError(try command.parseAsRoot(["--version"])) { error in
                XCTAssertEqual(command.exitCode(for: error), .success, "\(command)")
            }
            let help = command.helpMessage(columns: 1000)
            XCTAssertEqual(help.components(separatedBy: "--version").count - 1, 1, "\(command): \(help)")
            let threads =
                help.split(separator: "\n").first { $0.trimmingCharacters(in: .whitespaces).hasPrefix("--threads") }
                ?? ""
            XCTAssertEqual(threads.components(separatedBy: "default").count - 1, 1, "\(command): \(threads)")
        }
    }
}
