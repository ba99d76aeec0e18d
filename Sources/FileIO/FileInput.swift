import Foundation

/// Why a file cannot be read, in words that follow its path.
public struct UnreadableFile: Error {
    public let problem: String

    public init(problem: String) { self.problem = problem }
}

/// Reading the lab's input files (data sets, checkpoints) safely: regular files only, of a
/// bounded size, so a FIFO, a device or a crafted header cannot hang or exhaust the reader.
public enum FileInput {
    /// Input files (data sets, checkpoints) larger than this are refused before reading: no file
    /// of the lab comes near it, while a crafted header or a link to a device could otherwise
    /// make a reader fill the memory.
    public static let maximumSize = 1 << 30
    public static let maximumSizeText = "1 GiB"

    /// Opens `path` for reading if it is a regular file, following symbolic links. A FIFO would
    /// block a reader forever and a device such as /dev/zero never ends, so both are refused; the
    /// check is made on the opened descriptor, so the file cannot be swapped in between.
    /// `kind` names what the file should be ("data file", "checkpoint").
    public static func openRegularFile(_ path: String, kind: String) throws(UnreadableFile) -> Int32 {
        // O_NONBLOCK: opening a FIFO that nobody writes to would otherwise wait forever.
        let descriptor = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard descriptor >= 0 else {
            let code = errno
            switch code {
            case ENOENT, ENOTDIR: throw UnreadableFile(problem: "cannot read the file (missing)")
            case EACCES, EPERM: throw UnreadableFile(problem: "cannot read the file (no permission)")
            default: throw UnreadableFile(problem: "cannot read the file (\(String(cString: strerror(code))))")
            }
        }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else {
            let problem = String(cString: strerror(errno))
            close(descriptor)
            throw UnreadableFile(problem: "cannot read the file (\(problem))")
        }
        let type = status.st_mode & S_IFMT
        guard type == S_IFREG else {
            close(descriptor)
            throw UnreadableFile(
                problem: type == S_IFDIR
                    ? "is a folder, not a \(kind)"
                    : "is \(FileOutput.fileTypeName(type)), not a regular file: refusing to read it as a \(kind)")
        }
        return descriptor
    }

    /// The whole content of a regular file of at most `maximumSize` bytes.
    public static func readRegularFile(_ path: String, kind: String) throws(UnreadableFile) -> [UInt8] {
        let descriptor = try openRegularFile(path, kind: kind)
        defer { close(descriptor) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 20)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw UnreadableFile(problem: "cannot read the file (\(String(cString: strerror(errno))))")
            }
            if count == 0 { return bytes }
            // Checked while reading rather than from the size stat reports, which a file still
            // growing would outrun.
            guard bytes.count + count <= maximumSize else {
                throw UnreadableFile(problem: "larger than \(maximumSizeText): refusing to read it as a \(kind)")
            }
            bytes += chunk[0..<count]
        }
    }
}
