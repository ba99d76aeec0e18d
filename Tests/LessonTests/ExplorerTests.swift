import Foundation
import LessonKit
import Plot
import TestSupport
import XCTest

/// The explorer, --preview and shell completion of regenerate-figures, run as the program.
extension RegenerateFiguresTests {
    /// A figures folder as a lesson run leaves it: the momentum lesson's results with a report
    /// and three figures: one with its JSON description (a sweep of three momentum values with
    /// bands and a theory line), one written before descriptions existed (no JSON) and a picture.
    func writeExplorerFixture(into folder: String) throws {
        let epochs = [1.0, 2.0, 3.0, 4.0]
        let curves: [Series] = [0.5, 0.9, 0.99].enumerated().flatMap { index, momentum -> [Series] in
            let mean = epochs.map { 80 + Double(index) * 2 + $0 * (1 + momentum) }
            return [
                .band(nil, x: epochs, lower: mean.map { $0 - 0.5 }, upper: mean.map { $0 + 0.5 }, color: index),
                .line("momentum \(momentum)", x: epochs, y: mean, color: index),
            ]
        }
        let figure = Figure(
            name: "momentum-sweep", title: "validation accuracy by momentum",
            panels: [
                Panel(
                    xLabel: "epoch", yLabel: "accuracy (%)",
                    series: curves + [
                        .line("predicted 1/(1 − α)", x: epochs, y: epochs.map { 85 + $0 }, style: .dashed, color: 6)
                    ])
            ])
        try FigureRenderer(directory: folder, renderImages: false).write(figure)
        let picture = Figure(
            name: "momentum-picture", panels: [Panel(series: [.image(GrayImage(rows: 2, cols: 2, [0, 1, 1, 0]))])])
        try FigureRenderer(directory: folder, renderImages: false).write(picture)
        for name in ["momentum-older", "momentum-picture"] {
            try FileManager.default.copyItem(
                atPath: Self.root + "/figures/momentum-rates.png", toPath: folder + "/\(name).png")
        }
        var results = LessonResults(
            lesson: "momentum", command: "swift run lesson-momentum", seeds: [1, 2], quick: false,
            blasKernel: "test", report: ["momentum 0.9 beats 0.5 by 2.0 ± 0.3 points", "a < b & c"])
        results.figures = [
            .init(name: "momentum-sweep", title: figure.title!),
            .init(name: "momentum-older", title: "an older figure"),
            .init(name: "momentum-picture", title: "a picture"),
        ]
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try results.encoded().write(to: URL(fileURLWithPath: folder + "/" + LessonResults.fileName(lesson: "momentum")))
    }

    /// --documents-only over a folder writes that folder's explorer: an index of the lessons
    /// with results, a page per lesson with its verdict lines and its figures' descriptions
    /// embedded, the PNG for a picture or a figure without one, and the script and style beside them.
    func testDocumentsOnlyWritesTheExplorer() throws {
        let folder = try TemporaryFolder("explorer")
        defer { folder.remove() }
        try writeExplorerFixture(into: folder.path)
        let (status, output) = try regenerate(["--documents-only", "--output", folder.path])
        XCTAssertEqual(status, 0, output)
        XCTAssertTrue(output.contains("Explorer: \(folder.file("explorer/index.html")) (1 lesson pages)"), output)
        let page = try String(contentsOfFile: folder.file("explorer/momentum.html"), encoding: .utf8)
        let description = try String(contentsOfFile: folder.file("momentum-sweep.json"), encoding: .utf8)
        XCTAssertTrue(
            page.contains("\"description\":" + description.trimmingCharacters(in: .whitespacesAndNewlines)),
            "the description is embedded as written")
        XCTAssertTrue(
            page.contains(
                #"{"name":"momentum-older","png":"..\/momentum-older.png","shown":"undescribed","title":"an older figure","description":null}"#
            ), page)
        XCTAssertTrue(
            page.contains(
                #"{"name":"momentum-picture","png":"..\/momentum-picture.png","shown":"picture","title":"a picture","description":null}"#
            ), "a picture is shown as its PNG")
        XCTAssertTrue(
            page.contains("momentum 0.9 beats 0.5 by 2.0 ± 0.3 points\na &lt; b &amp; c"), "the verdict lines, escaped")
        let index = try String(contentsOfFile: folder.file("explorer/index.html"), encoding: .utf8)
        XCTAssertTrue(index.contains("<a href=\"momentum.html\">"), index)
        XCTAssertFalse(index.contains("dropout.html"), "a lesson without results gets no page")
        for asset in ["explorer.js", "explorer.css"] {
            XCTAssertEqual(
                FileManager.default.contents(atPath: folder.file("explorer/assets/\(asset)")),
                FileManager.default.contents(atPath: Self.root + "/explorer/assets/\(asset)"), asset)
        }
    }

    /// In headless Chromium: every page of the package's explorer and of a fixture's loads
    /// without a console error; on the fixture's page, a hover shows a value of the data
    /// file, a legend click hides a series, a slider step changes what is drawn.
    func testExplorerInABrowser() throws {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        let chromium = path.split(separator: ":").flatMap { ["\($0)/chromium", "\($0)/chromium-browser"] }
            .first { FileManager.default.isExecutableFile(atPath: $0) }
        try XCTSkipIf(chromium == nil, "chromium is not installed (.ci/run installs it)")
        let folder = try TemporaryFolder("explorer-browser")
        defer { folder.remove() }
        try writeExplorerFixture(into: folder.path)
        let (status, output) = try regenerate(["--documents-only", "--output", folder.path])
        XCTAssertEqual(status, 0, output)
        for (explorer, interact) in [
            (folder.file("explorer"), ["--interact", "momentum"]), (Self.root + "/explorer", []),
        ] {
            let (status, printed) = try runToEnd(
                "/usr/bin/env",
                [
                    "python3", Self.root + "/Tests/Explorer/browser_check.py", explorer,
                    "--chromium", chromium!,
                ] + interact)
            XCTAssertEqual(status, 0, printed)
            XCTAssertTrue(printed.contains("ok   index.html loads with no console error"), printed)
            if !interact.isEmpty {
                XCTAssertTrue(printed.contains("ok   hover momentum-sweep: momentum 0.5: 84.5 ± 0.5 at x = 3"), printed)
                XCTAssertTrue(printed.contains("ok   legend momentum-sweep"), printed)
                XCTAssertTrue(printed.contains("ok   slider (sweep) on momentum.html: sweep momentum 0.5"), printed)
            }
        }
    }

    /// --preview draws the committed main figure as text without running the lesson; a
    /// lesson without that figure, or an unknown one, gets one line and a non-zero exit.
    func testPreviewDrawsTheCommittedFigure() throws {
        try XCTSkipIf(FigureRenderer.findGnuplot() == nil, "gnuplot is not installed")
        let (status, output) = try regenerate(["--preview", "dropout"])
        XCTAssertEqual(status, 0, output)
        XCTAssertTrue(output.contains("784→75→45→10"), output)
        XCTAssertTrue(output.contains("p = 0.5"), output)
        let empty = try TemporaryFolder("preview-empty")
        defer { empty.remove() }
        let (missing, message) = try regenerate(["--preview", "dropout", "--output", empty.path])
        XCTAssertNotEqual(missing, 0)
        XCTAssertTrue(message.contains("dropout-curves.gp does not exist"), message)
        let (unknown, unknownMessage) = try regenerate(["--preview", "no-such-lesson"])
        XCTAssertNotEqual(unknown, 0)
        XCTAssertTrue(unknownMessage.contains("unknown lesson no-such-lesson for --preview"), unknownMessage)
    }

    /// bash completes lesson names for the lessons argument and for --preview, through the
    /// script swift-argument-parser generates.
    func testLessonNamesComplete() throws {
        let bash = "/bin/bash"
        try XCTSkipUnless(FileManager.default.isExecutableFile(atPath: bash), "bash is not installed")
        func complete(_ words: [String]) throws -> [String] {
            let line = words.joined(separator: " ")
            var environment = ProcessInfo.processInfo.environment
            environment["PATH"] = products.path + ":" + (environment["PATH"] ?? "/usr/bin:/bin")
            let printed = try runToEnd(
                bash,
                [
                    "-c",
                    """
                    source <(regenerate-figures --generate-completion-script bash)
                    COMP_WORDS=(\(words.map { "'\($0)'" }.joined(separator: " "))); COMP_CWORD=\(words.count - 1)
                    COMP_LINE='\(line)'; COMP_POINT=\(line.count)
                    _regenerate-figures; printf '%s\\n' "${COMPREPLY[@]}"
                    """,
                ], environment: environment, keepingErrors: false
            ).output
            return printed.split(separator: "\n").map(String.init)
        }
        XCTAssertEqual(try complete(["regenerate-figures", "mom"]), ["momentum"])
        XCTAssertEqual(try complete(["regenerate-figures", "--preview", "dro"]), ["dropout"])
        XCTAssertEqual(
            Set(try complete(["regenerate-figures", "l2", "in"])), ["initialization", "input-normalization"])
    }
}
