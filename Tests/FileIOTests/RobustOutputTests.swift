import Foundation
import XCTest
@testable import FileIO
import TestSupport

/// Writing files: failures are one clear error, and nothing is written outside the path given.
final class RobustOutputTests: FolderTestCase {
    /// /dev/full fails every write with ENOSPC, as a full disk does.
    func testAFullDiskIsReportedAsSuch() throws {
        let full = open("/dev/full", O_WRONLY)
        XCTAssertGreaterThanOrEqual(full, 0)
        defer { close(full) }
        let code = try XCTUnwrap(FileOutput.writeAll(Data(repeating: 1, count: 10), to: full))
        XCTAssertEqual(code, ENOSPC)
        XCTAssertEqual(FileOutput.writeProblem(code, in: folder), "disk full (no space left on device)")
        let null = open("/dev/null", O_WRONLY)
        defer { close(null) }
        XCTAssertNil(FileOutput.writeAll(Data(repeating: 1, count: 10), to: null))
        XCTAssertThrowsError(try FileOutput.writeAtomically("x", to: folder + "/missing/a.txt")) { error in
            XCTAssertEqual("\(error)", "cannot write \(self.folder)/missing/a.txt: the folder \(self.folder)/missing does not exist")
        }
    }

    /// `--output '~/X'` reached the program unexpanded: it names a folder `~` here.
    func testPathsAreTakenLiterally() throws {
        let previous = FileManager.default.currentDirectoryPath
        XCTAssertTrue(FileManager.default.changeCurrentDirectoryPath(folder))
        defer { _ = FileManager.default.changeCurrentDirectoryPath(previous) }
        let name = "ttl-literal-\(UUID().uuidString)"
        try FileOutput.prepareDirectory("~/" + name)
        try FileOutput.writeAtomically("x", to: "~/\(name)/a.txt")
        XCTAssertEqual(try String(contentsOfFile: "\(folder)/~/\(name)/a.txt", encoding: .utf8), "x")
        XCTAssertFalse(FileManager.default.fileExists(atPath: NSHomeDirectory() + "/" + name))
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: "\(folder)/~/\(name)"), ["a.txt"])
    }

    func testStaleTemporaryFilesOfEndedProcessesAreRemoved() throws {
        let ended = Process()
        ended.executableURL = URL(fileURLWithPath: "/bin/true")
        try ended.run()
        ended.waitUntilExit()
        let dead = ended.processIdentifier, mine = getpid()
        let names = [".fig.dat.\(dead).tmp", "fig.png.\(dead).tmp", "fig.svg.\(dead).tmp",
                     "fig.png.\(mine).tmp", ".fig.gp.1.tmp", "notes.\(dead).tmp", "fig.png", "fig.png.x.tmp"]
        for name in names { XCTAssertTrue(FileManager.default.createFile(atPath: "\(folder)/\(name)", contents: nil)) }
        FileOutput.removeStaleTemporaryFiles(in: folder)
        XCTAssertEqual(Set(try FileManager.default.contentsOfDirectory(atPath: folder)),
                       ["fig.png.\(mine).tmp", ".fig.gp.1.tmp", "notes.\(dead).tmp", "fig.png", "fig.png.x.tmp"],
                       "kept: this process's, init's (PID 1), and names of other patterns")
    }
}
