import ArgumentParser
import Foundation
import LessonKit
import Plot

extension RegenerateFigures {
    /// Shell completion of lesson names (for the lessons argument and --preview), read from
    /// `lessons/` when the shell asks, so that a lesson added later completes too.
    static let lessonNames = CompletionKind.custom { _, _, prefix in
        ((try? LessonRegistry.load()) ?? []).map(\.name).filter { $0.hasPrefix(prefix) }
    }
}

extension Explorer {
    /// Draws a lesson's main committed figure (the one its lesson.json names) in the
    /// terminal, from the figure's gnuplot script: no lesson is run.
    static func preview(_ lesson: String, figuresFolder: String, registry: [LessonEntry]) throws {
        guard let entry = registry.first(where: { $0.name == lesson }) else {
            throw LessonError("unknown lesson \(lesson)")
        }
        let script = (figuresFolder as NSString).appendingPathComponent("\(lesson)-\(entry.figure).gp")
        guard FileManager.default.fileExists(atPath: script) else {
            throw LessonError(
                "\(script) does not exist: run `\(entry.command)` (or regenerate-figures \(lesson)) first")
        }
        guard let gnuplot = FigureRenderer.findGnuplot() else {
            throw LessonError("--preview needs gnuplot: \(FigureRenderer.installHint)")
        }
        let terminal = LessonContext.previewTerminal(width: Console.terminalWidth(), colors: isatty(STDOUT_FILENO) == 1)
        let status = try Subprocess.run([gnuplot, "-e", "preview='\(terminal)'", script], log: nil).status
        guard status == 0 else { throw LessonError("gnuplot failed on \(script) (exit \(status))") }
    }
}
