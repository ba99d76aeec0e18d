// swift-tools-version:6.0
import PackageDescription

import Foundation

/// Every folder of `lessons/` is a lesson: an executable `lesson-<folder>` built from it.
/// Adding a lesson is adding a folder (with its `lesson.json`) and its test; SwiftPM caches
/// this manifest's result, so touch this file (or `swift package reset`) after adding one.
let lessons = ((try? FileManager.default.contentsOfDirectory(atPath: Context.packageDirectory + "/lessons")) ?? [])
    .filter { FileManager.default.fileExists(atPath: Context.packageDirectory + "/lessons/\($0)/lesson.json") }
    .sorted()

let package = Package(
    name: "TrainingTechniquesLab",
    products: [
        .library(name: "Engine", targets: ["Engine"]),
        .library(name: "Plot", targets: ["Plot"]),
        .library(name: "LessonKit", targets: ["LessonKit"]),
        .executable(name: "regenerate-figures", targets: ["RegenerateFigures"]),
        .executable(name: "engine-benchmark", targets: ["EngineBenchmark"]),
    ] + lessons.map { .executable(name: "lesson-\($0)", targets: ["lesson-\($0)"]) },
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    ],
    targets: [
        .systemLibrary(name: "CBLAS", pkgConfig: "openblas",
                       providers: [.apt(["libopenblas-dev"])]),
        .systemLibrary(name: "CZlib", providers: [.apt(["zlib1g-dev"])]),
        .target(name: "CPrefetch"),
        // The engine's loops are the lessons' running time: optimize them even in the debug
        // build that `swift run lesson-X` makes (3.5–5× faster, identical numbers). Unsafe
        // flags keep the package from being a *versioned* dependency; path and branch
        // dependencies still work.
        // BLAS: OpenBLAS on Linux, Accelerate on Apple platforms (Sources/Engine/BLAS.swift).
        .target(name: "Engine", dependencies: [.target(name: "CBLAS", condition: .when(platforms: [.linux])), "CZlib", "CPrefetch"],
                swiftSettings: [.unsafeFlags(["-O"], .when(configuration: .debug))],
                linkerSettings: [.linkedFramework("Accelerate", .when(platforms: [.macOS, .iOS, .visionOS]))]),
        .target(name: "Plot", dependencies: ["Engine"]),
        .target(name: "LessonKit", dependencies: [
            "Engine", "Plot",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),
        .executableTarget(name: "RegenerateFigures", dependencies: [
            "LessonKit", .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),
        .executableTarget(name: "EngineBenchmark", dependencies: [
            "LessonKit", "Engine", .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ], path: "benchmarks/engine"),
        .target(name: "TestSupport", path: "Tests/TestSupport"),
        .testTarget(name: "EngineTests", dependencies: ["Engine", "CZlib", "TestSupport"]),
        .testTarget(name: "PlotTests", dependencies: ["Plot", "TestSupport"]),
        .testTarget(name: "LessonTests",
                    dependencies: ["LessonKit", "Engine", "Plot", "TestSupport", "EngineBenchmark"] + lessons.map { .target(name: "lesson-\($0)") }),
    ] + lessons.map {
        // Engine and Plot named although LessonKit brings them: lessons import them, and the
        // incremental build only notices changes in modules a target names (stale links otherwise).
        .executableTarget(name: "lesson-\($0)", dependencies: ["LessonKit", "Engine", "Plot"],
                          path: "lessons/\($0)", exclude: ["README.md", "lesson.json"])
    }
)
