import Foundation
import Synchronization

/// A file or folder the program could not write, with the reason in a few words.
public struct OutputError: Error, CustomStringConvertible {
    public let path: String
    public let reason: String

    public init(path: String, reason: String) {
        self.path = path
        self.reason = reason
    }

    public var description: String { "cannot write \(path): \(reason)" }
}

/// Writing the lab's output files: atomically, with errors that say what went wrong (a full
/// disk as such), and without leaving temporary files behind.
public enum FileOutput {
    /// The reason given when a write failed for lack of space.
    public static let diskFullReason = "disk full (no space left on device)"

    /// Writes through a temporary file in the same folder and a rename, so a reader (or a crash)
    /// never sees half a file. Paths are taken literally: `~/x` is a folder named `~`, as the
    /// shell that did not expand it meant.
    public static func writeAtomically(_ data: Data, to path: String) throws {
        let temporary = temporaryPath(for: path)
        InterruptCleanup.register(temporary)
        defer { InterruptCleanup.unregister(temporary) }
        if let code = writeNewFile(data, to: temporary) {
            unlink(temporary)
            throw OutputError(path: path, reason: writeProblem(code, in: folder(of: path)))
        }
        guard rename(temporary, path) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(temporary)
            throw OutputError(path: path, reason: reason)
        }
    }

    public static func writeAtomically(_ text: String, to path: String) throws {
        try writeAtomically(Data(text.utf8), to: path)
    }

    /// `.NAME.PID.tmp` beside `NAME`.
    static func temporaryPath(for path: String) -> String {
        let name = (path as NSString).lastPathComponent
        return (folder(of: path) as NSString).appendingPathComponent(".\(name).\(getpid()).tmp")
    }

    /// The folder part of a path, "." for a bare name. NSString's path methods, unlike URL's
    /// initializers, leave a leading `~` alone.
    static func folder(of path: String) -> String {
        let folder = (path as NSString).deletingLastPathComponent
        return folder.isEmpty ? "." : folder
    }

    /// Writes `data` to a new file with plain system calls, because FileManager.createFile hides
    /// errno, and a full disk must be reported as such, not as an unwritable folder. fsync makes
    /// a disk that fills up while the data is flushed fail here rather than after the rename.
    /// Returns the errno of a failure, nil on success.
    private static func writeNewFile(_ data: Data, to path: String) -> Int32? {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { return errno }
        var failure = writeAll(data, to: descriptor)
        if failure == nil, fsync(descriptor) != 0 { failure = errno }
        if close(descriptor) != 0, failure == nil { failure = errno }
        return failure
    }

    /// Writes all of `data`, resuming after partial writes and interruptions; the errno of a
    /// failure, nil on success.
    static func writeAll(_ data: Data, to descriptor: Int32) -> Int32? {
        data.withUnsafeBytes { buffer -> Int32? in
            var offset = 0
            while offset < buffer.count {
                let written = write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    return errno
                }
                offset += written
            }
            return nil
        }
    }

    /// The reason for a failed write in a few words.
    static func writeProblem(_ code: Int32, in folder: String) -> String {
        switch code {
        case ENOSPC: diskFullReason
        case EDQUOT: "disk quota exceeded"
        case ENOENT, ENOTDIR, EACCES, EPERM, EROFS: outputProblem(in: folder)
        default: String(cString: strerror(code))
        }
    }

    /// Whether the file system holding `folder` has (almost) no space left: gnuplot exits 0
    /// even when it could not finish writing, so a short image is blamed on the disk when the
    /// disk is this full.
    public static func isDiskFull(at folder: String) -> Bool {
        var status = statvfs()
        guard statvfs(folder, &status) == 0 else { return false }
        return UInt64(status.f_bavail) * UInt64(status.f_frsize) < 1 << 20
    }

    /// Temporary files (`.NAME.PID.tmp` of `writeAtomically`, `NAME.png.PID.tmp` of the figure
    /// renderer) whose process is no longer running: what an interrupted or killed run left.
    /// Removes them from `folder`; files of running processes, this one included, are kept.
    public static func removeStaleTemporaryFiles(in folder: String) {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return }
        for name in names {
            guard let pid = temporaryFileOwner(name), pid != getpid(), kill(pid, 0) != 0, errno == ESRCH else { continue }
            unlink((folder as NSString).appendingPathComponent(name))
        }
    }

    /// The PID in a temporary file name of this program's patterns, nil for any other name.
    static func temporaryFileOwner(_ name: String) -> pid_t? {
        let parts = name.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count >= 4, parts.last == "tmp", let pid = pid_t(parts[parts.count - 2]), pid > 0 else { return nil }
        let isWriterTemporary = name.hasPrefix(".")
        let isImageTemporary = ["png", "svg"].contains(parts[parts.count - 3])
        return isWriterTemporary || isImageTemporary ? pid : nil
    }

    /// Creates the folder if needed and checks it can be written, so a run fails before it
    /// trains rather than after.
    public static func prepareDirectory(_ path: String) throws {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else { throw OutputError(path: path, reason: "it is a file, not a folder") }
        } else {
            do {
                try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
            } catch {
                throw OutputError(path: path, reason: "the folder cannot be created")
            }
        }
        guard FileManager.default.isWritableFile(atPath: path) else {
            throw OutputError(path: path, reason: "the folder is not writable")
        }
    }

    private static func outputProblem(in directory: String) -> String {
        var isDirectory: ObjCBool = false
        if !FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory) {
            return "the folder \(directory) does not exist"
        }
        if !isDirectory.boolValue { return "\(directory) is not a folder" }
        return "the folder is not writable"
    }
}

/// The temporary files being written right now, removed when the program is interrupted
/// (SIGINT, SIGTERM), which then exits with the shell's code for the signal (130, 143).
public enum InterruptCleanup {
    private static let paths = Mutex<Set<String>>([])

    public static func register(_ path: String) {
        _ = handlers
        paths.withLock { _ = $0.insert(path) }
    }

    public static func unregister(_ path: String) {
        paths.withLock { _ = $0.remove(path) }
    }

    /// Installed once, on the first registration. On Linux, Dispatch catches the signal with
    /// its own handler (reset to the default in child processes such as gnuplot) and runs
    /// this one on a queue, where removing files and exiting are safe. The sources are kept
    /// here so they stay alive; nothing touches them after they are resumed.
    nonisolated(unsafe) private static let handlers: [any DispatchSourceSignal] = [SIGINT, SIGTERM].map { number in
        let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
        source.setEventHandler {
            // The lock is kept until exit, so no new temporary file is registered meanwhile.
            paths.withLock { paths in
                for path in paths { unlink(path) }
                exit(128 + number)
            }
        }
        source.resume()
        return source
    }
}
