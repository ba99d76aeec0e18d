import Foundation
import Synchronization

/// What the program does when it is interrupted (SIGINT, SIGTERM): it stops its work at a
/// safe point, ends the processes it started (gnuplot), removes the temporary files being
/// written and the transient files registered (checkpoints), prints one line and exits with
/// the shell's code for the signal (130, 143).
///
/// The exit is `_exit`: `exit` would run the C libraries' teardown (OpenBLAS frees its
/// buffers) while a worker thread may still be inside them, which crashed about one
/// interrupted run in three.
public enum Interruption {
    private struct State {
        var paths: Set<String> = []
        var processes: Set<pid_t> = []
    }

    private static let state = Mutex(State())
    private static let signalNumber = Atomic<Int32>(0)
    private static let quiescer = Mutex<(@Sendable () -> Void)?>(nil)

    /// Whether an interruption is being handled: long computations stop at their next safe point.
    public static var isRequested: Bool { signalNumber.load(ordering: .acquiring) != 0 }

    /// Removes `path` if the program is interrupted before `keepOnInterrupt(path)`.
    public static func removeOnInterrupt(_ path: String) {
        install()
        state.withLock { _ = $0.paths.insert(path) }
    }

    public static func keepOnInterrupt(_ path: String) {
        state.withLock { _ = $0.paths.remove(path) }
    }

    /// Ends the child process `pid` if the program is interrupted before `forgetProcess(pid)`.
    public static func endOnInterrupt(process pid: pid_t) {
        install()
        state.withLock { _ = $0.processes.insert(pid) }
    }

    public static func forgetProcess(_ pid: pid_t) {
        state.withLock { _ = $0.processes.remove(pid) }
    }

    /// `body` runs first when the program is interrupted and returns once the work has
    /// stopped (LessonKit waits there for its worker threads to reach a safe point).
    public static func whenInterrupted(stopWork body: @escaping @Sendable () -> Void) {
        install()
        quiescer.withLock { $0 = body }
    }

    /// Installs the handlers (once); every registration does it too. SIGXFSZ is ignored, so
    /// that a write over the file size limit fails with EFBIG, which is reported, instead
    /// of killing the program without a word (children such as gnuplot inherit this).
    public static func install() { _ = handlers }

    /// On Linux, Dispatch catches the signal with its own handler (reset to the default in
    /// child processes such as gnuplot) and runs this one on a queue, where waiting, removing
    /// files and exiting are safe. The sources are kept here so they stay alive.
    nonisolated(unsafe) private static let handlers: [any DispatchSourceSignal] = {
        signal(SIGXFSZ, SIG_IGN)
        return [SIGINT, SIGTERM].map { number in
            let source = DispatchSource.makeSignalSource(signal: number, queue: DispatchQueue(label: "interruption"))
            source.setEventHandler { handle(number) }
            source.resume()
            return source
        }
    }()

    private static func handle(_ number: Int32) {
        guard signalNumber.compareExchange(expected: 0, desired: number, ordering: .acquiringAndReleasing).exchanged
        else { return }
        quiescer.withLock { $0 }?()
        // The lock is kept until the exit, so no new file or process is registered meanwhile.
        state.withLock { state in
            for pid in state.processes { kill(pid, SIGTERM) }
            for pid in state.processes { awaitEnd(of: pid) }
            for path in state.paths { unlink(path) }
            let name = number == SIGINT ? "SIGINT" : "SIGTERM"
            let line = "Interrupted (\(name)): stopped, temporary files removed.\n"
            _ = line.withCString { write(STDERR_FILENO, $0, strlen($0)) }
            _exit(128 + number)
        }
    }

    /// Waits up to a second for `pid` to end, then kills it. A child that Foundation reaps
    /// is gone from the process table once it has; one not yet reaped is a zombie, which
    /// kill(pid, 0) still finds, so /proc says whether it still runs.
    private static func awaitEnd(of pid: pid_t) {
        for _ in 0..<100 {
            if !isRunning(pid) { return }
            usleep(10_000)
        }
        kill(pid, SIGKILL)
    }

    private static func isRunning(_ pid: pid_t) -> Bool {
        guard kill(pid, 0) == 0 else { return false }
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
            let close = stat.lastIndex(of: ")")
        else { return true }
        return !stat[close...].hasPrefix(") Z")
    }
}
