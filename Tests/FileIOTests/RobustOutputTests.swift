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
            XCTAssertEqual(
                "\(error)",
                "cannot write \(self.folder)/missing/a.txt: the folder \(self.folder)/missing does not exist")
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
        let names = [
            ".fig.dat.\(dead).tmp", "fig.png.\(dead).tmp", "fig.svg.\(dead).tmp",
            "fig.png.\(mine).tmp", ".fig.gp.1.tmp", "notes.\(dead).tmp", "fig.png", "fig.png.x.tmp",
        ]
        for name in names { XCTAssertTrue(FileManager.default.createFile(atPath: "\(folder)/\(name)", contents: nil)) }
        FileOutput.removeStaleTemporaryFiles(in: folder)
        XCTAssertEqual(
            Set(try FileManager.default.contentsOfDirectory(atPath: folder)),
            ["fig.png.\(mine).tmp", ".fig.gp.1.tmp", "notes.\(dead).tmp", "fig.png", "fig.png.x.tmp"],
            "kept: this process's, init's (PID 1), and names of other patterns")
    }

    /// The atomic rename would put a regular file in place of a FIFO, a folder or a link (and
    /// what reads or follows it): those are refused and left as they were.
    func testOnlyRegularFilesAreReplaced() throws {
        XCTAssertEqual(mkfifo(folder + "/fifo", 0o644), 0)
        try FileManager.default.createDirectory(atPath: folder + "/folder", withIntermediateDirectories: false)
        try FileManager.default.createSymbolicLink(atPath: folder + "/link", withDestinationPath: folder + "/elsewhere")
        for (name, kind) in [("fifo", "a FIFO (named pipe)"), ("folder", "a folder"), ("link", "a symbolic link")] {
            XCTAssertThrowsError(try FileOutput.writeAtomically("x", to: folder + "/" + name)) { error in
                XCTAssertEqual(
                    "\(error)",
                    "cannot write \(self.folder)/\(name): it is \(kind), not a regular file: refusing to replace it")
            }
        }
        var status = stat()
        XCTAssertEqual(lstat(folder + "/fifo", &status), 0)
        XCTAssertEqual(status.st_mode & S_IFMT, S_IFIFO)
        try FileOutput.writeAtomically("old", to: folder + "/regular")
        try FileOutput.writeAtomically("new", to: folder + "/regular")
        XCTAssertEqual(try String(contentsOfFile: folder + "/regular", encoding: .utf8), "new")
        XCTAssertEqual(
            Set(try FileManager.default.contentsOfDirectory(atPath: folder)), ["fifo", "folder", "link", "regular"],
            "no temporary file left")
    }

    /// A folder that cannot be made (a name too long, deep inside new folders) leaves none
    /// of the folders made on the way.
    func testAFailedFolderCreationLeavesNothing() throws {
        let path = folder + "/a/b/c/" + String(repeating: "x", count: 300) + "/d"
        XCTAssertThrowsError(try FileOutput.prepareDirectory(path)) { error in
            XCTAssertEqual("\(error)", "cannot write \(path): the folder cannot be created (the path is too long)")
        }
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder), [])
        try FileOutput.prepareDirectory(folder + "/a/b")
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder + "/a"), ["b"])
        for name in ["2", "x/", "./y"] {
            try FileOutput.prepareDirectory(folder + "/" + name)
            XCTAssertEqual(FileOutput.parent(of: name), name == "./y" ? "." : nil, name)
        }
    }

    /// Over the file size limit (`ulimit -f`) a write fails with EFBIG, reported as such,
    /// instead of SIGXFSZ killing the program without a word; nothing half-written is left.
    func testAWriteOverTheFileSizeLimitIsOneLine() throws {
        Interruption.install()
        var previous = rlimit()
        let resource = __rlimit_resource_t(RLIMIT_FSIZE.rawValue)
        XCTAssertEqual(getrlimit(resource, &previous), 0)
        var limited = previous
        limited.rlim_cur = 4096
        XCTAssertEqual(setrlimit(resource, &limited), 0)
        defer { setrlimit(resource, &previous) }
        XCTAssertThrowsError(try FileOutput.writeAtomically(Data(count: 10_000), to: folder + "/big")) { error in
            XCTAssertEqual(
                "\(error)", "cannot write \(self.folder)/big: larger than the file size limit of 4096 bytes (ulimit -f)"
            )
        }
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder), [])
    }
}
