import FileIO
import Foundation
import XCTest
@testable import Plot
import TestSupport

/// gnuplot misbehaving — cut-short images, hangs, crashes — and awkward output folders: each
/// is one clear error, and no image or temporary file is left behind.
final class RendererFaultTests: FolderTestCase {
    let figure = Figure(name: "curve", panels: [Panel(title: "loss", series: [.line("train", values: [3, 2, 1])])])

    /// A stand-in for gnuplot: a shell script run as `gnuplot -e "output_suffix='…'" SCRIPT`.
    /// `$suffix` and `$base` (the script's path without `.gp`) are set for the body.
    func fakeGnuplot(_ body: String) throws -> String {
        let path = temporary.file("fake-gnuplot")
        let script = """
            #!/bin/sh
            suffix=$(echo "$2" | sed "s/^output_suffix='\\(.*\\)'$/\\1/")
            base="${3%.gp}"
            \(body)
            """
        XCTAssertTrue(
            FileManager.default.createFile(
                atPath: path, contents: Data(script.utf8),
                attributes: [.posixPermissions: 0o755]))
        return path
    }

    /// What a full disk leaves: gnuplot exits 0 after writing only the PNG's first bytes.
    var truncatedPNG: String {
        """
        printf '\\211PNG\\r\\n\\032\\n\\000\\000\\000\\rIHDR' > "$base.png$suffix"
        printf '<svg>\\n</svg>\\n' > "$base.svg$suffix"
        """
    }

    /// The smallest file the check takes for a whole PNG: the signature and the IEND chunk.
    let completePNG = #"printf '\211PNG\r\n\032\n\000\000\000\000IEND\256B`\202' > "$base.png$suffix""#

    func assertNothingLeft(file: StaticString = #filePath, line: UInt = #line) throws {
        let names = try FileManager.default.contentsOfDirectory(atPath: folder)
        XCTAssertEqual(
            names.filter { $0.hasPrefix("curve") }.sorted(), ["curve.dat", "curve.gp", "curve.json"], file: file,
            line: line)
    }

    func testAnImageCutShortIsAnError() throws {
        let renderer = FigureRenderer(directory: folder, gnuplot: try fakeGnuplot(truncatedPNG + "\nexit 0"))
        XCTAssertThrowsError(try renderer.write(figure)) { error in
            XCTAssertEqual(
                "\(error)",
                "cannot write \(self.folder)/curve.png: gnuplot wrote an incomplete PNG (no IEND chunk at the end)")
        }
        try assertNothingLeft()
        renderer.diskIsFull = { _ in true }
        XCTAssertThrowsError(try renderer.write(figure)) { error in
            XCTAssertEqual("\(error)", "cannot write \(self.folder)/curve.png: disk full (no space left on device)")
        }
        try assertNothingLeft()
    }

    func testAnSVGCutShortOrAnEmptyImageIsAnError() throws {
        let cutSVG = try fakeGnuplot(completePNG + "\nprintf '<svg><g>' > \"$base.svg$suffix\"")
        XCTAssertThrowsError(try FigureRenderer(directory: folder, gnuplot: cutSVG).write(figure)) { error in
            XCTAssertEqual(
                "\(error)",
                "cannot write \(self.folder)/curve.svg: gnuplot wrote an incomplete SVG (no </svg> at the end)")
        }
        try assertNothingLeft()
        let empty = try fakeGnuplot(#": > "$base.png$suffix"; : > "$base.svg$suffix""#)
        XCTAssertThrowsError(try FigureRenderer(directory: folder, gnuplot: empty).write(figure)) { error in
            XCTAssertEqual("\(error)", "cannot write \(self.folder)/curve.png: gnuplot wrote nothing")
        }
        try assertNothingLeft()
    }

    func testAGnuplotThatNeverEndsIsStopped() throws {
        for body in [truncatedPNG + "\nexec sleep 30", "trap '' TERM\nsleep 30"] {
            let renderer = FigureRenderer(directory: folder, gnuplot: try fakeGnuplot(body), timeout: 1)
            let started = Date()
            XCTAssertThrowsError(try renderer.write(figure)) { error in
                XCTAssertEqual("\(error)", "gnuplot did not finish within 1 s on \(self.folder)/curve.gp")
            }
            XCTAssertLessThan(Date().timeIntervalSince(started), 5, "stopped, not waited for: \(body)")
            try assertNothingLeft()
        }
    }

    func testACrashingGnuplotSaysHowItEnded() throws {
        let cases = [
            ("kill -SEGV $$", "killed by signal 11 (Segmentation fault), no message"),
            ("exit 3", "exit status 3, no message"),
            ("echo >&2; echo '  gnuplot: cannot open display  ' >&2; exit 1", "gnuplot: cannot open display"),
            (
                #"echo 'set terminal x' >&2; echo '"curve.gp" line 4: undefined variable: q' >&2; exit 1"#,
                #""curve.gp" line 4: undefined variable: q"#
            ),
        ]
        for (body, detail) in cases {
            XCTAssertThrowsError(try FigureRenderer(directory: folder, gnuplot: try fakeGnuplot(body)).write(figure)) {
                error in
                XCTAssertEqual("\(error)", "gnuplot failed on \(self.folder)/curve.gp: \(detail)")
            }
            try assertNothingLeft()
        }
    }

    func testStaleTemporaryImagesAreRemovedWhenARendererIsMade() throws {
        let ended = Process()
        ended.executableURL = URL(fileURLWithPath: "/bin/true")
        try ended.run()
        ended.waitUntilExit()
        let stale = ["curve.png.\(ended.processIdentifier).tmp", "curve.svg.\(ended.processIdentifier).tmp"]
        for name in stale {
            XCTAssertTrue(FileManager.default.createFile(atPath: temporary.file(name), contents: Data([1])))
        }
        _ = FigureRenderer(directory: folder, gnuplot: nil)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder), [])
    }

    /// Output folders named `-e` and `~`, relative to the working folder: gnuplot must get a
    /// script path it cannot read as an option, and `~` must stay a folder name.
    func testOutputFoldersThatLookLikeOptionsOrHome() throws {
        let previous = FileManager.default.currentDirectoryPath
        XCTAssertTrue(FileManager.default.changeCurrentDirectoryPath(folder))
        defer { _ = FileManager.default.changeCurrentDirectoryPath(previous) }
        for directory in ["-e", "~"] {
            try FileOutput.prepareDirectory(directory)
            let renderer = FigureRenderer(directory: directory)
            XCTAssertNotNil(renderer.gnuplot, "gnuplot is not installed (\(FigureRenderer.installHint))")
            let written = try renderer.write(figure)
            XCTAssertTrue(written.rendered)
            XCTAssertEqual(
                Set(try FileManager.default.contentsOfDirectory(atPath: "\(folder)/\(directory)")),
                ["curve.gp", "curve.dat", "curve.json", "curve.png", "curve.svg"])
        }
    }
}
