import Foundation

/// Runs a program to its end and returns its exit status and what it printed (standard
/// output, and standard error unless `keepingErrors` is false), for tests that drive the
/// package's commands or the tools they use.
public func runToEnd(
    _ executable: String, _ arguments: [String], environment: [String: String]? = nil,
    directory: String? = nil, keepingErrors: Bool = true
) throws -> (status: Int32, output: String) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    if let environment { process.environment = environment }
    if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
    let pipe = Pipe()
    process.standardOutput = pipe
    if keepingErrors { process.standardError = pipe }
    try process.run()
    let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    return (process.terminationStatus, output)
}
