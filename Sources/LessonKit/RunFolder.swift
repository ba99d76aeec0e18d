import Foundation

/// Where a lesson writes. A user's run gets a new folder of its own under `runs/` (ignored
/// by git), so that it never overwrites the committed reference in `figures/` nor mixes with
/// another run; a folder named with `--output` is locked for the run, so that a second run
/// into it at the same time stops with a clear error instead of interleaving files.
public enum RunFolder {
    /// The folder of a user's runs, relative to the package root.
    public static let root = "runs"

    /// Creates `runs/<lesson>/<date>-<time>` (UTC), or with `-2`, `-3`, … if a run started in
    /// the same second: each folder is created exclusively (mkdir fails on an existing one),
    /// so two runs never share one.
    public static func create(lesson: String, now: Date = Date()) throws -> String {
        let parent = (root as NSString).appendingPathComponent(lesson)
        do {
            try FileManager.default.createDirectory(atPath: parent, withIntermediateDirectories: true)
        } catch {
            throw LessonError("cannot create \(parent): \(error.localizedDescription)")
        }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd-HHmmss"
        let stem = (parent as NSString).appendingPathComponent(formatter.string(from: now))
        for attempt in 1...1000 {
            let path = attempt == 1 ? stem : "\(stem)-\(attempt)"
            if mkdir(path, 0o755) == 0 { return path }
            guard errno == EEXIST else {
                throw LessonError("cannot create \(path): \(String(cString: strerror(errno)))")
            }
        }
        throw LessonError("cannot create a new folder beside \(stem): 1000 runs started in the same second")
    }
}

/// An exclusive lock on an output folder for the lifetime of a run (flock on the folder
/// itself, so no lock file is left behind and a crashed run releases it).
final class FolderLock {
    private let descriptor: Int32

    init(_ path: String) throws {
        descriptor = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else { throw LessonError("cannot open \(path): \(String(cString: strerror(errno)))") }
        guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
            close(descriptor)
            throw LessonError("\(path) is being written by another run; wait for it or choose another --output")
        }
    }

    deinit { close(descriptor) }
}

/// Facts about the checkout a run was made from, read without running git.
enum Checkout {
    /// The commit checked out in the current directory's repository, nil outside a checkout.
    static func commit(in directory: String = FileManager.default.currentDirectoryPath) -> String? {
        let git = (directory as NSString).appendingPathComponent(".git")
        guard
            let head = try? String(contentsOfFile: (git as NSString).appendingPathComponent("HEAD"), encoding: .utf8)
                .trimmingCharacters(in: .whitespacesAndNewlines)
        else { return nil }
        guard head.hasPrefix("ref: ") else { return head }
        let reference = String(head.dropFirst(5))
        if let loose = try? String(contentsOfFile: (git as NSString).appendingPathComponent(reference), encoding: .utf8)
        {
            return loose.trimmingCharacters(in: .whitespacesAndNewlines)
        }
        let packed =
            (try? String(contentsOfFile: (git as NSString).appendingPathComponent("packed-refs"), encoding: .utf8))
            ?? ""
        return packed.split(separator: "\n").first { $0.hasSuffix(" " + reference) }.map {
            String($0.prefix { $0 != " " })
        }
    }
}
