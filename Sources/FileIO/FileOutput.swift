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
        Interruption.removeOnInterrupt(temporary)
        defer { Interruption.keepOnInterrupt(temporary) }
        if let code = writeNewFile(data, to: temporary) {
            unlink(temporary)
            throw OutputError(path: path, reason: writeProblem(code, in: folder(of: path)))
        }
        do { try checkReplaceable(path) } catch {
            unlink(temporary)
            throw error
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

    /// Throws unless `path` is free or a regular file: a rename would silently put a regular
    /// file in place of a FIFO, a device, a folder or a symbolic link (and whatever reads or
    /// follows it), so output replaces regular files or nothing.
    public static func checkReplaceable(_ path: String) throws {
        var status = stat()
        guard lstat(path, &status) == 0 else {
            guard errno == ENOENT else { throw OutputError(path: path, reason: String(cString: strerror(errno))) }
            return
        }
        let type = status.st_mode & S_IFMT
        guard type == S_IFREG else {
            throw OutputError(
                path: path, reason: "it is \(fileTypeName(type)), not a regular file: refusing to replace it")
        }
    }

    /// The kind of a file that is not a regular one, in words.
    public static func fileTypeName(_ type: mode_t) -> String {
        switch type {
        case S_IFDIR: "a folder"
        case S_IFLNK: "a symbolic link"
        case S_IFIFO: "a FIFO (named pipe)"
        case S_IFCHR: "a character device"
        case S_IFBLK: "a block device"
        case S_IFSOCK: "a socket"
        default: "a special file"
        }
    }

    /// `.NAME.PID.tmp` beside `NAME`.
    static func temporaryPath(for path: String) -> String {
        let name = (path as NSString).lastPathComponent
        return (folder(of: path) as NSString).appendingPathComponent(".\(name).\(getpid()).tmp")
    }

    /// The folder part of a path, "." for a bare name; a leading `~` is a name like any other.
    static func folder(of path: String) -> String { parent(of: path) ?? "." }

    /// The path without its last component, nil for a bare name. By hand: NSString's
    /// deletingLastPathComponent traps on some one-character names ("2").
    static func parent(of path: String) -> String? {
        var trimmed = Substring(path)
        while trimmed.count > 1, trimmed.hasSuffix("/") { trimmed = trimmed.dropLast() }
        guard let slash = trimmed.lastIndex(of: "/") else { return nil }
        return slash == trimmed.startIndex ? "/" : String(trimmed[..<slash])
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
        case EFBIG: fileSizeLimitReason
        case ENOENT, ENOTDIR, EACCES, EPERM, EROFS: outputProblem(in: folder)
        default: String(cString: strerror(code))
        }
    }

    /// The reason given when a write failed because the process may not write files that
    /// large (`ulimit -f`); the signal that limit sends, SIGXFSZ, is ignored (`Interruption`),
    /// so the write fails with EFBIG instead of killing the program without a word.
    public static var fileSizeLimitReason: String {
        let size = softLimit(RLIMIT_FSIZE).map { " of \($0) bytes" } ?? ""
        return "larger than the file size limit\(size) (ulimit -f)"
    }

    /// Whether the process may not write a file of `size` bytes (`ulimit -f`).
    public static func exceedsFileSizeLimit(_ size: Int) -> Bool {
        softLimit(RLIMIT_FSIZE).map { UInt64(size) >= UInt64($0) } ?? false
    }

    /// Whether `count` more files could be opened now (`ulimit -n`).
    public static func hasFreeDescriptors(_ count: Int) -> Bool {
        var opened: [Int32] = []
        defer { for descriptor in opened { close(descriptor) } }
        for _ in 0..<count {
            let descriptor = open("/dev/null", O_RDONLY | O_CLOEXEC)
            guard descriptor >= 0 else { return false }
            opened.append(descriptor)
        }
        return true
    }

    /// The limit on open files (`ulimit -n`).
    public static var openFileLimit: String { softLimit(RLIMIT_NOFILE).map { "\($0)" } ?? "unlimited" }

    /// The current limit on `resource` (`ulimit`), nil when there is none.
    static func softLimit(_ resource: __rlimit_resource) -> rlim_t? {
        var limit = rlimit()
        guard getrlimit(__rlimit_resource_t(resource.rawValue), &limit) == 0, limit.rlim_cur != rlim_t.max else {
            return nil
        }
        return limit.rlim_cur
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
            guard let pid = temporaryFileOwner(name), pid != getpid(), kill(pid, 0) != 0, errno == ESRCH else {
                continue
            }
            unlink((folder as NSString).appendingPathComponent(name))
        }
    }

    /// The PID in a temporary file name of this program's patterns, nil for any other name.
    static func temporaryFileOwner(_ name: String) -> pid_t? {
        let parts = name.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count >= 4, parts.last == "tmp", let pid = pid_t(parts[parts.count - 2]), pid > 0 else {
            return nil
        }
        let isWriterTemporary = name.hasPrefix(".")
        let isImageTemporary = ["png", "svg"].contains(parts[parts.count - 3])
        return isWriterTemporary || isImageTemporary ? pid : nil
    }

    /// Creates the folder if needed and checks it can be written, so a run fails before it
    /// trains rather than after. A creation that fails part way removes the folders it made:
    /// an over-long path must not leave a trail of empty folders behind.
    public static func prepareDirectory(_ path: String) throws {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else { throw OutputError(path: path, reason: "it is a file, not a folder") }
        } else {
            try createFolders(path)
        }
        guard FileManager.default.isWritableFile(atPath: path) else {
            throw OutputError(path: path, reason: "the folder is not writable")
        }
    }

    /// mkdir for every missing component of `path`, outermost first; on a failure the ones
    /// made are removed again, innermost first.
    private static func createFolders(_ path: String) throws {
        var missing: [String] = []
        var ancestor = path
        while !ancestor.isEmpty, ancestor != "/", access(ancestor, F_OK) != 0, errno == ENOENT {
            missing.append(ancestor)
            guard let parent = parent(of: ancestor) else { break }
            ancestor = parent
        }
        var made: [String] = []
        for folder in missing.reversed() {
            guard mkdir(folder, 0o755) == 0 || errno == EEXIST else {
                let reason = errno == ENAMETOOLONG ? "the path is too long" : String(cString: strerror(errno))
                for created in made.reversed() { rmdir(created) }
                throw OutputError(path: path, reason: "the folder cannot be created (\(reason))")
            }
            made.append(folder)
        }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue else {
            for created in made.reversed() { rmdir(created) }
            throw OutputError(path: path, reason: "the folder cannot be created")
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
