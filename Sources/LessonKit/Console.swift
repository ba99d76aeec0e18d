import Engine
import Foundation

/// Where lessons print: plain lines always; a self-overwriting status line only when
/// standard output is a terminal, so piped output stays one line per event. Safe to call
/// from the worker threads that train seeds side by side.
public final class Console: @unchecked Sendable {
    public let isTerminal: Bool
    /// Only summary lines, warnings and errors (`--quiet`).
    public let isQuiet: Bool
    private var statusShown = false
    private let output: (String) -> Void
    private let width: () -> Int
    private let lock = NSLock()

    /// `output` receives the text; by default standard output, unbuffered so that lines
    /// appear at once even when piped. `width` is the terminal's column count.
    public init(
        isTerminal: Bool = isatty(STDOUT_FILENO) == 1, quiet: Bool = false,
        width: @escaping () -> Int = Console.terminalWidth,
        output: @escaping (String) -> Void = { FileHandle.standardOutput.write(Data($0.utf8)) }
    ) {
        self.isTerminal = isTerminal
        self.isQuiet = quiet
        self.width = width
        self.output = output
    }

    /// Columns of the terminal on standard output (80 when it cannot tell).
    public static func terminalWidth() -> Int {
        var size = winsize()
        guard ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 else { return 80 }
        return Int(size.ws_col)
    }

    /// Rows of the terminal on standard output (24 when it cannot tell).
    public static func terminalHeight() -> Int {
        var size = winsize()
        guard ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_row > 0 else { return 24 }
        return Int(size.ws_row)
    }

    /// A line of progress or detail; `--quiet` drops it.
    public func line(_ text: String) {
        guard !isQuiet else { return }
        summary(text)
    }

    public func note(_ text: String) { line(text) }

    /// A line of the lesson's result, printed even with `--quiet`.
    public func summary(_ text: String) {
        lock.withLock {
            clearStatus()
            output(text + "\n")
        }
    }

    public func warn(_ text: String) {
        lock.withLock {
            clearStatus()
            FileHandle.standardError.write(Data("warning: \(text)\n".utf8))
        }
    }

    /// A transient line (terminal only), replaced by the next status or line; cut to the
    /// terminal's width so that it never wraps (a wrapped line cannot be overwritten).
    public func status(_ text: String) {
        guard isTerminal, !isQuiet else { return }
        let columns = max(width() - 1, 10)
        let shown = text.count > columns ? String(text.prefix(columns - 1)) + "…" : text
        lock.withLock {
            output("\r\u{1B}[2K" + shown)
            statusShown = true
        }
    }

    private func clearStatus() {
        guard statusShown else { return }
        output("\r\u{1B}[2K")
        statusShown = false
    }
}

/// "1m05s" or "42s": a time left, as the progress lines print it.
func shortDuration(_ seconds: Double) -> String {
    // A results file's run time is read back here: NaN, infinite or beyond Int is unknown.
    guard let s = Int(exactly: seconds.rounded()), s >= 0 else { return "?" }
    return s >= 60 ? "\(s / 60)m\(String(format: "%02d", s % 60))s" : "\(s)s"
}
