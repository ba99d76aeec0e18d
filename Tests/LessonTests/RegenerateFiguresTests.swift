import Foundation
import LessonKit
import TestSupport
import XCTest

final class RegenerateFiguresTests: XCTestCase {
    var products: URL {
        var url = Bundle(for: Self.self).bundleURL
        if url.pathExtension == "xctest" { url.deleteLastPathComponent() }
        return url
    }

    func regenerate(_ arguments: [String]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = products.appendingPathComponent("regenerate-figures")
        process.arguments = ["--binaries", products.path] + arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return (process.terminationStatus, output)
    }

    /// Two --quick regenerations write identical data files.
    func testQuickRegenerationIsReproducible() throws {
        let folder = try TemporaryFolder("regenerate")
        defer { folder.remove() }
        for run in ["first", "second"] {
            let (status, output) = try regenerate(["--quick", "--output", folder.file(run), "--logs", folder.file("logs"),
                                                   "parameter-count", "adam"])
            XCTAssertEqual(status, 0, output)
            XCTAssertTrue(output.contains("[2/2] lesson-adam: ok"), output)
        }
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.file("first")).filter { $0.hasSuffix(".dat") }.sorted()
        XCTAssertEqual(files, ["adam-moments.dat", "adam-training.dat", "parameter-count-growth.dat", "parameter-count-per-layer.dat"])
        for file in files {
            XCTAssertEqual(FileManager.default.contents(atPath: folder.file("first/\(file)")),
                           FileManager.default.contents(atPath: folder.file("second/\(file)")), file)
        }
    }

    /// A failing lesson is reported, the others still run, and the exit code says so.
    func testFailuresAreReported() throws {
        let folder = try TemporaryFolder("regenerate-fail")
        defer { folder.remove() }
        let file = folder.file("not-a-folder")
        XCTAssertTrue(FileManager.default.createFile(atPath: file, contents: Data()))
        let (status, output) = try regenerate(["--quick", "--output", file, "parameter-count", "adam"])
        XCTAssertNotEqual(status, 0)
        XCTAssertTrue(output.contains("[1/2] lesson-parameter-count: failed"), output)
        XCTAssertTrue(output.contains("[2/2] lesson-adam: failed"), output)
        XCTAssertTrue(output.contains("2 of 2 lessons failed"), output)
        let (unknown, message) = try regenerate(["no-such-lesson"])
        XCTAssertNotEqual(unknown, 0)
        XCTAssertTrue(message.contains("unknown lesson no-such-lesson"), message)
    }

    /// The catalog, the lesson folders and the index agree.
    func testCatalogMatchesTheLessonFolders() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let folders = try FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent("lessons").path)
            .filter { !$0.hasSuffix(".md") }
        XCTAssertEqual(Set(folders), Set(LessonCatalog.lessons.map(\.name)))
        let index = try String(contentsOf: root.appendingPathComponent("lessons/README.md"), encoding: .utf8)
        for entry in LessonCatalog.lessons {
            XCTAssertTrue(index.contains(entry.command), entry.name)
            XCTAssertTrue(index.contains("../figures/\(entry.name)-\(entry.figure).png"), entry.name)
            XCTAssertTrue(FileManager.default.fileExists(atPath: root.appendingPathComponent("figures/\(entry.name)-\(entry.figure).png").path),
                          entry.name)
        }
    }
}
