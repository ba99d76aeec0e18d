import Foundation
import LessonKit
@testable import RegenerateFigures
import TestSupport
import XCTest

final class RegenerateFiguresTests: XCTestCase {
    var products: URL {
        var url = Bundle(for: Self.self).bundleURL
        if url.pathExtension == "xctest" { url.deleteLastPathComponent() }
        return url
    }

    func regenerate(_ arguments: [String]) throws -> (status: Int32, output: String) {
        try runToEnd(
            products.appendingPathComponent("regenerate-figures").path, ["--binaries", products.path] + arguments)
    }

    /// Two --quick regenerations write identical data files.
    func testQuickRegenerationIsReproducible() throws {
        let folder = try TemporaryFolder("regenerate")
        defer { folder.remove() }
        for run in ["first", "second"] {
            let (status, output) = try regenerate([
                "--quick", "--output", folder.file(run), "--logs", folder.file("logs"),
                "parameter-count", "adam",
            ])
            XCTAssertEqual(status, 0, output)
            XCTAssertTrue(output.contains("[2/2] lesson-adam: ok"), output)
        }
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.file("first")).filter {
            $0.hasSuffix(".dat")
        }.sorted()
        XCTAssertEqual(
            files,
            [
                "adam-differences.dat", "adam-moments.dat", "adam-step-size.dat", "adam-training.dat",
                "parameter-count-growth.dat", "parameter-count-per-layer.dat",
            ])
        for file in files {
            XCTAssertEqual(
                FileManager.default.contents(atPath: folder.file("first/\(file)")),
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

    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().path

    /// Every lesson folder is registered, with a main figure that exists, and every lesson
    /// has a test file.
    func testRegistryMatchesTheLessonFolders() throws {
        let lessons = try LessonRegistry.load(root: Self.root)
        let folders = try FileManager.default.contentsOfDirectory(atPath: Self.root + "/lessons").filter {
            !$0.hasSuffix(".md")
        }
        XCTAssertEqual(Set(folders), Set(lessons.map(\.name)))
        XCTAssertEqual(lessons.map(\.order), Array(1...lessons.count), "the lecture's order, without gaps")
        for entry in lessons {
            XCTAssertTrue(
                FileManager.default.fileExists(atPath: Self.root + "/figures/\(entry.name)-\(entry.figure).png"),
                entry.name)
        }
    }

    /// The generated tables, the gallery and every lesson README's results block are what
    /// the committed results files give (`swift run regenerate-figures --documents-only`
    /// rewrites them).
    func testGeneratedDocumentsAreCurrent() throws {
        let documents = try ProjectDocuments(root: Self.root)
        for (path, expected) in try documents.expected() {
            let actual = try String(contentsOfFile: Self.root + "/" + path, encoding: .utf8)
            XCTAssertEqual(
                actual, expected, "\(path) is out of date: run swift run regenerate-figures --documents-only")
        }
        let gallery = try String(contentsOfFile: Self.root + "/figures/README.md", encoding: .utf8)
        let pngs = try FileManager.default.contentsOfDirectory(atPath: Self.root + "/figures").filter {
            $0.hasSuffix(".png")
        }
        for png in pngs { XCTAssertTrue(gallery.contains("(\(png))"), "the gallery lacks \(png)") }
    }

    /// A measured difference quoted in a README's prose ("+0.67 ± 0.96") is one the lesson
    /// printed: it is in the results block and in results.json, never typed.
    func testEveryMeanAndSpreadInTheProseIsInTheLessonsReport() throws {
        let quoted = try NSRegularExpression(pattern: #"\d+(?:\.\d+)? ± \d+(?:\.\d+)?"#)
        for entry in try LessonRegistry.load(root: Self.root) {
            let readme = try String(contentsOfFile: Self.root + "/lessons/\(entry.name)/README.md", encoding: .utf8)
            let results = try LessonResults.read(Self.root + "/figures/\(LessonResults.fileName(lesson: entry.name))")
            let report = results.report.joined(separator: "\n")
            let prose =
                readme.components(separatedBy: "<!-- results:begin").first! + "\n"
                + (readme.components(separatedBy: ReadmeBlock.end).dropFirst().first ?? "")
            let text = prose as NSString
            for match in quoted.matches(in: prose, range: NSRange(location: 0, length: text.length)) {
                let number = text.substring(with: match.range)
                XCTAssertTrue(
                    report.contains(number),
                    "\(entry.name)/README.md quotes \(number), which its report does not print")
            }
        }
    }

    /// Every README that quotes results has its generated block.
    func testLessonReadmesHaveResultBlocks() throws {
        for entry in try LessonRegistry.load(root: Self.root) {
            let readme = try String(contentsOfFile: Self.root + "/lessons/\(entry.name)/README.md", encoding: .utf8)
            XCTAssertTrue(readme.contains("<!-- results:begin") && readme.contains(ReadmeBlock.end), entry.name)
        }
    }
}
