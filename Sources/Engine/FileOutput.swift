import Foundation

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

/// Writes through a temporary file in the same folder and a rename, so a reader (or a crash)
/// never sees half a file.
public func writeAtomically(_ data: Data, to path: String) throws {
    let url = URL(fileURLWithPath: path)
    let temporary = url.deletingLastPathComponent()
        .appendingPathComponent(".\(url.lastPathComponent).\(ProcessInfo.processInfo.processIdentifier).tmp")
    guard FileManager.default.createFile(atPath: temporary.path, contents: data) else {
        throw OutputError(path: path, reason: outputProblem(in: url.deletingLastPathComponent().path))
    }
    guard rename(temporary.path, url.path) == 0 else {
        let reason = String(cString: strerror(errno))
        try? FileManager.default.removeItem(at: temporary)
        throw OutputError(path: path, reason: reason)
    }
}

public func writeAtomically(_ text: String, to path: String) throws {
    try writeAtomically(Data(text.utf8), to: path)
}

/// Creates the folder if needed and checks it can be written, so a run fails before it
/// trains rather than after.
public func prepareOutputDirectory(_ path: String) throws {
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

private func outputProblem(in directory: String) -> String {
    var isDirectory: ObjCBool = false
    if !FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory) {
        return "the folder \(directory) does not exist"
    }
    if !isDirectory.boolValue { return "\(directory) is not a folder" }
    return "the folder is not writable"
}
