import FileIO
import Foundation
import LessonKit

/// The interactive explorer: static pages over a figures folder that open from the file
/// system with no server and no network. `index.html` lists the lessons; `<lesson>.html`
/// holds the lesson's verdict lines (the `report` of its results file) and, embedded in the
/// page (browsers refuse to fetch files beside a page opened from disk), the JSON
/// description of each figure, which `assets/explorer.js` draws with hover, legend toggling
/// and sweep sliders. A figure without a description (written before descriptions existed)
/// or made of pictures is shown as its PNG.
struct Explorer {
    /// Where the hand-written script and style live, in the package.
    static let assetsSource = "explorer/assets"
    static let assets = ["explorer.js", "explorer.css"]

    let lessons: [LessonEntry]
    let figuresFolder: String
    let outputFolder: String
    let root: String

    /// The explorer over `figures/` goes to `explorer/`; over another folder (a user's run,
    /// a --quick run) it goes into that folder's `explorer/`, beside its data.
    init(lessons: [LessonEntry], figuresFolder: String, root: String = ".") {
        self.lessons = lessons
        self.figuresFolder = figuresFolder
        self.root = root
        outputFolder =
            Self.absolute(figuresFolder) == Self.absolute((root as NSString).appendingPathComponent("figures"))
            ? (root as NSString).appendingPathComponent("explorer")
            : (figuresFolder as NSString).appendingPathComponent("explorer")
    }

    /// Whether this is the package's own explorer, beside lessons/ (which its pages link to).
    var isPackageExplorer: Bool {
        Self.absolute(outputFolder) == Self.absolute((root as NSString).appendingPathComponent("explorer"))
    }

    /// Writes the pages (and copies the assets when the explorer is not the package's own);
    /// returns the paths written.
    func write() throws -> [String] {
        let assetsFolder = (outputFolder as NSString).appendingPathComponent("assets")
        try FileManager.default.createDirectory(atPath: assetsFolder, withIntermediateDirectories: true)
        var written: [String] = []
        let source = (root as NSString).appendingPathComponent(Self.assetsSource)
        if Self.absolute(source) != Self.absolute(assetsFolder) {
            for asset in Self.assets {
                let from = (source as NSString).appendingPathComponent(asset)
                guard let data = FileManager.default.contents(atPath: from) else {
                    throw LessonError("\(from) is missing: run regenerate-figures from the package's root folder")
                }
                try FileOutput.writeAtomically(data, to: (assetsFolder as NSString).appendingPathComponent(asset))
            }
        }
        var listed: [LessonEntry] = []
        for lesson in lessons {
            guard
                let results = try? LessonResults.read(
                    (figuresFolder as NSString).appendingPathComponent(LessonResults.fileName(lesson: lesson.name)))
            else { continue }
            let path = (outputFolder as NSString).appendingPathComponent("\(lesson.name).html")
            try FileOutput.writeAtomically(try page(lesson, results), to: path)
            written.append(path)
            listed.append(lesson)
        }
        let index = (outputFolder as NSString).appendingPathComponent("index.html")
        try FileOutput.writeAtomically(indexPage(listed), to: index)
        return [index] + written
    }

    func page(_ lesson: LessonEntry, _ results: LessonResults) throws -> String {
        let figuresFromPage = Self.relativePath(from: outputFolder, to: figuresFolder)
        let figures = try results.figures.map { figure in
            let descriptionPath = (figuresFolder as NSString).appendingPathComponent("\(figure.name).json")
            let description = FileManager.default.contents(atPath: descriptionPath).map {
                String(decoding: $0, as: UTF8.self)
            }
            // Pictures (images, contour and colour maps) are shown as their PNG: their descriptions,
            // often the largest, stay out of the page.
            let isPicture =
                description.map { text in
                    ["image", "contours", "heatMap"].contains { text.contains("\"kind\":\"\($0)\"") }
                } ?? false
            let fields = try Self.json([
                "name": figure.name, "title": figure.title, "png": "\(figuresFromPage)/\(figure.name).png",
                "shown": description == nil ? "undescribed" : isPicture ? "picture" : "drawn",
            ])
            // The description is already JSON (with "/" escaped, so it cannot close the script).
            let embedded = isPicture ? nil : description?.trimmingCharacters(in: .whitespacesAndNewlines)
            return String(fields.dropLast()) + ",\"description\":" + (embedded ?? "null") + "}"
        }
        let report = Self.escaped(results.report.joined(separator: "\n"))
        return """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <title>\(Self.escaped(lesson.name)) — Training Techniques Lab explorer</title>
            <link rel="stylesheet" href="assets/explorer.css">
            <script src="assets/explorer.js"></script>
            </head>
            <body>
            <header>
            <nav><a href="index.html">all lessons</a>\(isPackageExplorer ? "<a href=\"../lessons/\(lesson.name)/README.md\">the lesson's README</a>" : "")</nav>
            <h1>\(lesson.order). \(Self.escaped(lesson.name))</h1>
            <p class="question">\(Self.escaped(lesson.question))</p>
            </header>
            <p class="note">Measured by <code>\(Self.escaped(results.command))</code>\(results.quick ? " (--quick)" : "") over \(results.seeds.count) seed\(results.seeds.count == 1 ? "" : "s"). Hover over a plot to read values (mean ± std where a band is drawn), click a legend entry to hide its series, move a slider to step along a setting.</p>
            <pre class="report">\(report)</pre>
            <main id="figures"></main>
            <script>showLesson({"figures":[\(figures.joined(separator: ",\n"))]});</script>
            </body>
            </html>

            """
    }

    func indexPage(_ listed: [LessonEntry]) -> String {
        let items = listed.map {
            "<li><a href=\"\($0.name).html\">\($0.order). \(Self.escaped($0.name))</a> — \(Self.escaped($0.question))</li>"
        }
        return """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <title>Training Techniques Lab explorer</title>
            <link rel="stylesheet" href="assets/explorer.css">
            </head>
            <body>
            <header><h1>Training Techniques Lab: the lessons' measured data, interactive</h1>
            <p class="question">Written by regenerate-figures from the committed figures; works offline, straight from the file system.</p></header>
            <ul class="lessons">
            \(items.joined(separator: "\n"))
            </ul>
            </body>
            </html>

            """
    }

    static func escaped(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;")
    }

    /// JSON with "/" escaped (Foundation's default), so that "</script>" cannot occur in it.
    static func json(_ object: [String: String]) throws -> String {
        String(decoding: try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]), as: UTF8.self)
    }

    static func absolute(_ path: String) -> String {
        let full =
            path.hasPrefix("/")
            ? path : (FileManager.default.currentDirectoryPath as NSString).appendingPathComponent(path)
        return (full as NSString).standardizingPath
    }

    /// `to` as seen from the folder `from` (both made absolute first), e.g. "../figures".
    static func relativePath(from: String, to: String) -> String {
        let base = absolute(from).split(separator: "/"), target = absolute(to).split(separator: "/")
        let shared = zip(base, target).prefix { $0 == $1 }.count
        let parts = Array(repeating: "..", count: base.count - shared) + target.dropFirst(shared).map(String.init)
        return parts.isEmpty ? "." : parts.joined(separator: "/")
    }
}
