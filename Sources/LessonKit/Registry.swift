import FileIO
import Foundation

/// A lesson as its folder describes it: `lessons/<name>/lesson.json` gives its place in the
/// lecture, the question it answers and its main figure. The folders are the one registry:
/// `Package.swift` makes an executable of each, and the regenerate command runs them and
/// writes the tables and the gallery from them. Adding a lesson is adding a folder.
public struct LessonEntry: Sendable, Codable, Equatable {
    public var name: String
    /// Place in the lecture's order (1 for the first lesson).
    public var order: Int
    public var question: String
    /// The figure the index shows (`figures/<name>-<figure>.png`).
    public var figure: String

    public var executable: String { "lesson-\(name)" }
    public var command: String { "swift run \(executable)" }

    public static let metadataFile = "lesson.json"
}

public enum LessonRegistry {
    /// Every lesson under `<root>/lessons`, in the lecture's order.
    public static func load(root: String = ".") throws -> [LessonEntry] {
        let folder = (root as NSString).appendingPathComponent("lessons")
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else {
            throw LessonError("no lessons folder at \(folder): run this from the package's root folder")
        }
        var entries: [LessonEntry] = []
        for name in names.sorted() {
            var isFolder: ObjCBool = false
            let path = (folder as NSString).appendingPathComponent(name)
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), isFolder.boolValue else {
                continue
            }
            let metadata = (path as NSString).appendingPathComponent(LessonEntry.metadataFile)
            struct Metadata: Decodable { let order: Int; let question: String; let figure: String }
            // Read as a regular file only: a FIFO in its place would block forever.
            guard let data = try? FileInput.readRegularFile(metadata, kind: "lesson description"),
                let fields = try? JSONDecoder().decode(Metadata.self, from: Data(data))
            else {
                throw LessonError("\(metadata): missing or not {\"order\": N, \"question\": \"…\", \"figure\": \"…\"}")
            }
            entries.append(
                LessonEntry(name: name, order: fields.order, question: fields.question, figure: fields.figure))
        }
        for (index, entry) in entries.enumerated() {
            guard let other = entries[(index + 1)...].first(where: { $0.order == entry.order }) else { continue }
            throw LessonError(
                "lessons/\(entry.name)/\(LessonEntry.metadataFile) has order \(entry.order), as lessons/\(other.name)/\(LessonEntry.metadataFile) does"
            )
        }
        return entries.sorted { $0.order < $1.order }
    }
}
