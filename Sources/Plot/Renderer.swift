import Engine
import Foundation

/// The files a figure was written to; `rendered` is false when gnuplot was skipped or missing.
public struct WrittenFigure: Sendable {
    public let script: String
    public let data: String
    public let png: String
    public let svg: String
    public let rendered: Bool
}

public struct RenderError: Error, CustomStringConvertible {
    public let message: String
    public var description: String { message }
}

/// Writes figures into a folder (script and data atomically) and renders them with
/// gnuplot when it is installed. gnuplot writes into temporary names that are renamed into
/// place only when it succeeds, so a failed render never leaves a half-drawn image.
public final class FigureRenderer {
    public let directory: String
    /// Off for `--no-render`: only the script and data are written.
    public let renderImages: Bool
    /// The gnuplot executable, found on PATH; nil when it is not installed.
    public let gnuplot: String?
    public private(set) var written: [WrittenFigure] = []

    public static let installHint = "sudo apt-get install -y --no-install-recommends gnuplot-nox"

    public init(directory: String, renderImages: Bool = true, gnuplot: String? = FigureRenderer.findGnuplot()) {
        self.directory = directory
        self.renderImages = renderImages
        self.gnuplot = gnuplot
    }

    public static func findGnuplot() -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        return path.split(separator: ":").map { "\($0)/gnuplot" }
            .first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// Whether images can be drawn at all: false means only scripts and data will appear.
    public var canRender: Bool { renderImages && gnuplot != nil }

    @discardableResult
    public func write(_ figure: Figure) throws -> WrittenFigure {
        let base = (directory as NSString).appendingPathComponent(figure.name)
        let generated = GnuplotScript(figure)
        try writeAtomically(generated.data, to: base + ".dat")
        try writeAtomically(generated.script, to: base + ".gp")
        var rendered = false
        if renderImages, let gnuplot {
            try render(script: base + ".gp", outputs: [base + ".png", base + ".svg"], gnuplot: gnuplot)
            rendered = true
        }
        let result = WrittenFigure(script: base + ".gp", data: base + ".dat", png: base + ".png",
                                   svg: base + ".svg", rendered: rendered)
        written.append(result)
        return result
    }

    private func render(script: String, outputs: [String], gnuplot: String) throws {
        let suffix = ".\(ProcessInfo.processInfo.processIdentifier).tmp"
        let process = Process()
        process.executableURL = URL(fileURLWithPath: gnuplot)
        process.arguments = ["-e", "output_suffix='\(suffix)'", script]
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            for output in outputs { try? FileManager.default.removeItem(atPath: output + suffix) }
            let firstError = message.split(separator: "\n").first { $0.contains("line") || $0.contains("error") }
            throw RenderError(message: "gnuplot failed on \(script): \(firstError.map(String.init) ?? message.trimmingCharacters(in: .whitespacesAndNewlines))")
        }
        for output in outputs where rename(output + suffix, output) != 0 {
            throw OutputError(path: output, reason: String(cString: strerror(errno)))
        }
    }
}
