import FileIO
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
/// place only when it succeeds and the images are whole, so a failed render never leaves a
/// half-drawn image; temporary files are removed when the program is interrupted, and those
/// an earlier, killed run left are removed when a renderer is made for the folder.
public final class FigureRenderer {
    public let directory: String
    /// Off for `--no-render`: only the script and data are written.
    public let renderImages: Bool
    /// The gnuplot executable, found on PATH; nil when it is not installed.
    public let gnuplot: String?
    /// Seconds gnuplot may take for one figure before it is stopped (a figure takes about one).
    public let timeout: TimeInterval
    public private(set) var written: [WrittenFigure] = []
    /// Whether the folder's disk is full, to explain a cut-short image; replaced in tests,
    /// which cannot fill a disk.
    var diskIsFull: (String) -> Bool = FileOutput.isDiskFull(at:)

    public static let installHint = "sudo apt-get install -y --no-install-recommends gnuplot-nox"

    public init(
        directory: String, renderImages: Bool = true, gnuplot: String? = FigureRenderer.findGnuplot(),
        timeout: TimeInterval = 120
    ) {
        self.directory = directory
        self.renderImages = renderImages
        self.gnuplot = gnuplot
        self.timeout = timeout
        FileOutput.removeStaleTemporaryFiles(in: directory)
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
        try FileOutput.writeAtomically(generated.data, to: base + ".dat")
        try FileOutput.writeAtomically(generated.script, to: base + ".gp")
        // For the interactive explorer, which draws the figure itself.
        try FileOutput.writeAtomically(FigureDescription(figure).json, to: base + ".json")
        var rendered = false
        if renderImages, let gnuplot {
            try render(script: base + ".gp", outputs: [base + ".png", base + ".svg"], gnuplot: gnuplot)
            rendered = true
        }
        let result = WrittenFigure(
            script: base + ".gp", data: base + ".dat", png: base + ".png",
            svg: base + ".svg", rendered: rendered)
        written.append(result)
        return result
    }

    private func render(script: String, outputs: [String], gnuplot: String) throws {
        let suffix = ".\(getpid()).tmp"
        let temporaries = outputs.map { $0 + suffix }
        for temporary in temporaries { Interruption.removeOnInterrupt(temporary) }
        defer { for temporary in temporaries { Interruption.keepOnInterrupt(temporary) } }
        do {
            _ = try run(gnuplot, on: script, variables: ["output_suffix='\(suffix)'"])
            for (output, temporary) in zip(outputs, temporaries) { try checkComplete(temporary, for: output) }
            for output in outputs { try FileOutput.checkReplaceable(output) }
            for (output, temporary) in zip(outputs, temporaries) where rename(temporary, output) != 0 {
                throw OutputError(path: output, reason: String(cString: strerror(errno)))
            }
        } catch {
            for temporary in temporaries { unlink(temporary) }
            throw error
        }
    }

    /// The figure drawn on a text or sixel terminal (`terminal` as gnuplot's `set terminal`
    /// takes it, e.g. "dumb size 100,35"): what gnuplot printed, for a preview in the terminal.
    public func preview(_ figure: WrittenFigure, terminal: String) throws -> String {
        guard let gnuplot else {
            throw RenderError(message: "gnuplot is not installed; install it with: \(Self.installHint)")
        }
        let printed = try run(
            gnuplot, on: figure.script, variables: ["preview='\(terminal.replacingOccurrences(of: "'", with: ""))'"])
        // The text terminal starts each page with a form feed, which terminals show as junk.
        return printed.replacingOccurrences(of: "\u{0C}", with: "")
    }

    /// Runs gnuplot on the script with `variables` set first and returns what it printed;
    /// throws when gnuplot fails, crashes or outlasts `timeout` (then it is stopped).
    private func run(_ gnuplot: String, on script: String, variables: [String]) throws -> String {
        // Foundation's Process traps when it runs out of descriptors while starting a child.
        guard FileOutput.hasFreeDescriptors(Self.descriptorsToRun) else {
            throw RenderError(
                message:
                    "cannot run gnuplot: too many open files (the limit, ulimit -n, is \(FileOutput.openFileLimit))")
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: gnuplot)
        // A relative path starting with '-' (`--output=-e`) would be read as an option.
        let scriptArgument = script.hasPrefix("/") ? script : "./" + script
        process.arguments = variables.flatMap { ["-e", $0] } + [scriptArgument]
        // Messages go to an unnamed file rather than a pipe, which gnuplot could fill and
        // block on, or a process it left behind could hold open.
        let errors = unnamedTemporaryFile()
        process.standardError = errors ?? FileHandle.nullDevice
        let printed = unnamedTemporaryFile()
        process.standardOutput = printed ?? FileHandle.nullDevice
        let exited = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in exited.signal() }
        do { try process.run() } catch {
            throw RenderError(message: "cannot run gnuplot (\(gnuplot)): \(error.localizedDescription)")
        }
        // An interrupted program ends its gnuplot rather than leave it drawing.
        Interruption.endOnInterrupt(process: process.processIdentifier)
        defer { Interruption.forgetProcess(process.processIdentifier) }
        if exited.wait(timeout: .now() + timeout) == .timedOut {
            process.terminate()
            if exited.wait(timeout: .now() + 1) == .timedOut {
                kill(process.processIdentifier, SIGKILL)
                // Not waited for without limit: Foundation notices the end only once every
                // process gnuplot started has closed what it inherited.
                _ = exited.wait(timeout: .now() + 1)
            }
            throw RenderError(message: "gnuplot did not finish within \(String(format: "%g", timeout)) s on \(script)")
        }
        guard process.terminationReason == .exit, process.terminationStatus == 0 else {
            throw RenderError(
                message: "gnuplot failed on \(script): \(Self.failureDetail(messages(in: errors), process))")
        }
        return messages(in: printed)
    }

    /// Descriptors starting gnuplot takes: its two message files, and Foundation's pipes and
    /// /dev/null for the child.
    static let descriptorsToRun = 8

    /// The line of gnuplot's messages that says what went wrong (it names the script line),
    /// else its first line, else how it ended.
    static func failureDetail(_ messages: String, _ process: Process) -> String {
        let lines = messages.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.filter {
            !$0.isEmpty
        }
        if let line = lines.first(where: { $0.contains("line") || $0.contains("error") }) ?? lines.first { return line }
        if process.terminationReason == .uncaughtSignal {
            let name = strsignal(process.terminationStatus).map { String(cString: $0) } ?? "unknown signal"
            return "killed by signal \(process.terminationStatus) (\(name)), no message"
        }
        return "exit status \(process.terminationStatus), no message"
    }

    /// Throws unless gnuplot wrote a whole image to `temporary`: it exits 0 even when it could
    /// not finish writing (on a full disk), leaving a file cut short.
    private func checkComplete(_ temporary: String, for output: String) throws {
        let data = FileManager.default.contents(atPath: temporary) ?? Data()
        let isPNG = output.hasSuffix(".png")
        guard isPNG ? Self.isCompletePNG(data) : Self.isCompleteSVG(data) else {
            let reason =
                diskIsFull(directory)
                ? FileOutput.diskFullReason
                : FileOutput.exceedsFileSizeLimit(data.count)
                    ? FileOutput.fileSizeLimitReason
                    : data.isEmpty
                        ? "gnuplot wrote nothing"
                        : isPNG
                            ? "gnuplot wrote an incomplete PNG (no IEND chunk at the end)"
                            : "gnuplot wrote an incomplete SVG (no </svg> at the end)"
            throw OutputError(path: output, reason: reason)
        }
    }

    static func isCompletePNG(_ data: Data) -> Bool {
        let signature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
        // The last chunk: length 0, type IEND, and its fixed CRC.
        let end: [UInt8] = [0, 0, 0, 0, 0x49, 0x45, 0x4E, 0x44, 0xAE, 0x42, 0x60, 0x82]
        return data.count >= signature.count + end.count && data.prefix(8).elementsEqual(signature)
            && data.suffix(12).elementsEqual(end)
    }

    static func isCompleteSVG(_ data: Data) -> Bool {
        String(decoding: data.suffix(256), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines).hasSuffix(
            "</svg>")
    }
}

/// A file in the temporary folder that has no name (removed once opened), so nothing is
/// left to clean up; nil if the folder cannot be written.
private func unnamedTemporaryFile() -> FileHandle? {
    var template = Array(
        (NSTemporaryDirectory() as NSString).appendingPathComponent("gnuplot-messages-XXXXXX").utf8CString)
    let descriptor = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
    guard descriptor >= 0 else { return nil }
    template.withUnsafeBufferPointer { _ = unlink($0.baseAddress!) }
    return FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
}

/// The start of what was written to `file` (all of gnuplot's messages or text plot, in practice).
private func messages(in file: FileHandle?) -> String {
    guard let file, (try? file.seek(toOffset: 0)) != nil, let data = try? file.read(upToCount: 1 << 16) else {
        return ""
    }
    return String(decoding: data, as: UTF8.self)
}
