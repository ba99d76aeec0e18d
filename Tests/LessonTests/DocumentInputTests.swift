import ArgumentParser
import Foundation
import LessonKit
@testable import RegenerateFigures
import TestSupport
import XCTest

/// The document generator trusts no input: each input broken in turn stops it with one
/// line naming the file, before anything is written; a repaired input repairs the documents.
final class DocumentInputTests: FolderTestCase {
    let lessons = ["alpha", "beta"]

    func write(_ text: String, _ relative: String) throws {
        let path = folder + "/" + relative
        try FileManager.default.createDirectory(
            atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try text.write(toFile: path, atomically: true, encoding: .utf8)
    }

    func results(_ lesson: String) -> LessonResults {
        var results = LessonResults(
            lesson: lesson, command: "swift run lesson-\(lesson)", seeds: [123, 124], quick: false,
            blasKernel: "Haswell", report: ["accuracy 90.00 ± 0.10 %"])
        results.figures = [.init(name: "\(lesson)-main", title: "the main figure")]
        results.seconds = 12.5
        return results
    }

    /// A small project: two lessons with their metadata, READMEs, results files and figures.
    func makeProject() throws {
        for (order, lesson) in lessons.enumerated() {
            try write(
                "{\"order\": \(order + 1), \"question\": \"What does \(lesson) do?\", \"figure\": \"main\"}",
                "lessons/\(lesson)/lesson.json")
            try write(
                "# \(lesson)\n\nProse.\n\n\(ReadmeBlock.end.replacingOccurrences(of: "end", with: "begin"))\n\(ReadmeBlock.end)\n\nMore prose.\n",
                "lessons/\(lesson)/README.md")
            try write(String(decoding: try results(lesson).encoded(), as: UTF8.self), "figures/\(lesson)-results.json")
            try write("png", "figures/\(lesson)-main.png")
        }
        try write("# Project\n\n\(ProjectDocuments.tableBegin)\n\(ProjectDocuments.tableEnd)\n\nEnd.\n", "README.md")
        try write("# Lessons\n\n\(ProjectDocuments.tableBegin)\n\(ProjectDocuments.tableEnd)\n", "lessons/README.md")
    }

    /// Every file of the project and its content.
    func snapshot() throws -> [String: String] {
        var files: [String: String] = [:]
        let enumerator = try XCTUnwrap(FileManager.default.enumerator(atPath: folder))
        for case let relative as String in enumerator {
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: folder + "/" + relative, isDirectory: &isFolder),
                !isFolder.boolValue
            else { continue }
            files[relative] = try String(contentsOfFile: folder + "/" + relative, encoding: .utf8)
        }
        return files
    }

    func generate() throws { try ProjectDocuments(root: folder).write() }

    func testEachBrokenInputStopsTheGeneratorBeforeItWrites() throws {
        try makeProject()
        try generate()
        let generated = try snapshot()
        let json = "lessons/alpha/lesson.json", results = "figures/alpha-results.json"
        let pristine = try XCTUnwrap(generated[results])
        func replacing(_ old: String, _ new: String) -> String { pristine.replacingOccurrences(of: old, with: new) }
        let corruptions: [(file: String, content: String, complaint: String)] = [
            (json, #"{"order": 9223372036854775807, "question": "Q?", "figure": "main"}"#, "order"),
            (json, #"{"order": -5, "question": "Q?", "figure": "main"}"#, "order"),
            (json, #"{"order": 2, "question": "Q?", "figure": "main"}"#, "order 2"),
            (json, #"{"order": 1, "question": " ", "figure": "main"}"#, "empty"),
            (json, #"{"order": 1, "question": "a | b", "figure": "main"}"#, "|"),
            (json, #"{"order": 1, "question": "a\nb", "figure": "main"}"#, "line break"),
            (json, #"{"order": 1, "question": "x <!-- lessons:end --> y", "figure": "main"}"#, "<!--"),
            (json, #"{"order": 1, "question": "Q?", "figure": "missing"}"#, "missing"),
            (json, #"{"order": 1, "question": "Q?", "figure": "../x"}"#, "figure"),
            (json, #"{"order": 1, "question": "Q?"}"#, "lesson.json"),
            (results, replacing("12.5", "\"nan\""), "run time"),
            (results, replacing("12.5", "\"inf\""), "run time"),
            (results, replacing("12.5", "1e300"), "run time"),
            (results, replacing("12.5", "-1"), "run time"),
            (results, replacing("123,\n    124", ""), "no seeds"),
            (results, String(pristine.prefix(pristine.count / 2)), "not a results file"),
            (results, replacing("\"seeds\" : [", "\"seeds\" : [\"x\","), "seeds"),
            (results, replacing("\"lesson\" : \"alpha\"", "\"lesson\" : \"beta\""), "beta"),
            (results, replacing("accuracy 90.00", "<!-- results:end --> 90.00"), "report line"),
            (results, replacing("alpha-main", "alpha-main\\n"), "figure"),
            ("lessons/alpha/README.md", "# alpha\n\n<!-- results:begin -->\n", "no <!-- results:end -->"),
            ("lessons/alpha/README.md", "# alpha\n", "no <!-- results:begin"),
            (
                "lessons/beta/README.md",
                generated["lessons/beta/README.md"]! + "\n<!-- results:begin -->\n<!-- results:end -->\n",
                "more than one"
            ),
            ("README.md", "# Project\n\n\(ProjectDocuments.tableBegin)\n", "no <!-- lessons:end -->"),
            ("lessons/README.md", "# Lessons\n", "no <!-- lessons:begin"),
        ]
        for corruption in corruptions {
            try write(corruption.content, corruption.file)
            let before = try snapshot()
            XCTAssertThrowsError(try generate(), corruption.content) { error in
                let message = "\(error)"
                XCTAssertTrue(
                    message.contains(corruption.file) && message.contains(corruption.complaint),
                    "\(corruption.file) → \(message)")
                XCTAssertFalse(message.contains("\n"), message)
            }
            XCTAssertEqual(try snapshot(), before, "nothing written after: \(corruption.complaint)")
            try write(generated[corruption.file]!, corruption.file)
        }
        try generate()
        XCTAssertEqual(try snapshot(), generated, "the repaired inputs give the same documents")
    }

    /// A FIFO in place of an input would block a reader forever: it is refused.
    func testSpecialFilesAreRefused() throws {
        try makeProject()
        try generate()
        for relative in [
            "figures/alpha-results.json", "lessons/alpha/README.md", "lessons/alpha/lesson.json", "README.md",
        ] {
            let saved = try String(contentsOfFile: folder + "/" + relative, encoding: .utf8)
            try FileManager.default.removeItem(atPath: folder + "/" + relative)
            XCTAssertEqual(mkfifo(folder + "/" + relative, 0o644), 0)
            XCTAssertThrowsError(try generate(), relative) { error in
                XCTAssertTrue("\(error)".contains(relative), "\(error)")
            }
            try FileManager.default.removeItem(atPath: folder + "/" + relative)
            try write(saved, relative)
        }
    }

    /// A document a broken input once filled with junk (an end marker inside the table, the
    /// rest of the old table after it) comes out whole once the input is repaired.
    func testARepairedInputRepairsTheDocuments() throws {
        try makeProject()
        try generate()
        let generated = try snapshot()
        let table = try XCTUnwrap(generated["README.md"])
        let junk = table.replacingOccurrences(of: "What does alpha do?", with: "x \(ProjectDocuments.tableEnd) y")
            .replacingOccurrences(
                of: ProjectDocuments.tableEnd + "\n\nEnd.",
                with: "| stale | row |\n\(ProjectDocuments.tableEnd)\n\nEnd.")
        try write(junk, "README.md")
        let readme = try XCTUnwrap(generated["lessons/alpha/README.md"])
        try write(
            readme.replacingOccurrences(of: "More prose.", with: "\(ReadmeBlock.end)\n\nMore prose."),
            "lessons/alpha/README.md")
        try generate()
        XCTAssertEqual(try snapshot(), generated)
    }

    /// A missing results file is a lesson not run yet, not an error.
    func testALessonWithoutResultsIsListedAsNotRunYet() throws {
        try makeProject()
        try FileManager.default.removeItem(atPath: folder + "/figures/beta-results.json")
        try generate()
        let gallery = try String(contentsOfFile: folder + "/figures/README.md", encoding: .utf8)
        XCTAssertTrue(gallery.contains("(no results file yet: run `swift run regenerate-figures beta`)"), gallery)
        let index = try String(contentsOfFile: folder + "/lessons/README.md", encoding: .utf8)
        XCTAssertTrue(
            index.contains("| 2 | [beta](beta/README.md) | What does beta do? | `swift run lesson-beta` | – |"), index)
    }

    /// An empty folder option is one line, not a Foundation error dump.
    func testEmptyFolderOptionsAreRefused() {
        for option in ["--logs", "--output", "--binaries"] {
            XCTAssertThrowsError(try RegenerateFigures.parseAsRoot([option, ""])) { error in
                XCTAssertEqual(RegenerateFigures.message(for: error), "\(option) must name a folder")
            }
        }
    }
}
