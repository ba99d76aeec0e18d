// swift-tools-version:6.0
import PackageDescription

import Foundation

/// Every folder of `lessons/` is a lesson: an executable `lesson-<folder>` built from it.
/// Adding a lesson is adding a folder (with its `lesson.json`) and its test; SwiftPM caches
/// this manifest's result: after adding or removing a lesson folder, run
/// `touch Package.swift && swift build --manifest-cache none` once (or `swift package reset`).
let lessons = ((try? FileManager.default.contentsOfDirectory(atPath: Context.packageDirectory + "/lessons")) ?? [])
    .filter { FileManager.default.fileExists(atPath: Context.packageDirectory + "/lessons/\($0)/lesson.json") }
    .sorted()

/// `-O` in debug builds too, for the modules whose loops the lessons spend their time in.
let optimizedInDebug: [SwiftSetting] = [.unsafeFlags(["-O"], .when(configuration: .debug))]

let package = Package(
    name: "TrainingTechniquesLab",
    products: [
        .library(name: "Engine", targets: ["Engine"]),
        .library(name: "EngineData", targets: ["EngineData"]),
        .library(name: "LabMath", targets: ["LabMath"]),
        .library(name: "FileIO", targets: ["FileIO"]),
        .library(name: "Plot", targets: ["Plot"]),
        .library(name: "LessonKit", targets: ["LessonKit"]),
        .executable(name: "regenerate-figures", targets: ["RegenerateFigures"]),
        .executable(name: "engine-benchmark", targets: ["EngineBenchmark"]),
    ] + lessons.map { .executable(name: "lesson-\($0)", targets: ["lesson-\($0)"]) },
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0")
    ],
    targets: [
        .systemLibrary(
            name: "CBLAS", pkgConfig: "openblas",
            providers: [.apt(["libopenblas-dev"])]),
        .systemLibrary(name: "CZlib", providers: [.apt(["zlib1g-dev"])]),
        // Dependencies point one way: FileIO ← Engine ← EngineData, LabMath ← LessonKit ←
        // lessons, and FileIO ← Plot (Plot knows nothing of the engine).
        //
        // Every module whose loops are the lessons' running time (matrix work, minibatch
        // gathering and augmentation) is optimized even in the debug build that
        // `swift run lesson-X` makes: 3.5–5× faster, identical numbers. Unsafe flags keep the
        // package from being a *versioned* dependency; path and branch dependencies still work.
        // FileIO and Plot only write files and scripts, so they build as usual.
        // BLAS: OpenBLAS on Linux, Accelerate on Apple platforms (Sources/Engine/BLAS.swift).
        .target(name: "FileIO"),
        .target(name: "CPrefetch"),
        // The loops outside BLAS that a training step spends its time in (optimizer updates,
        // the minibatch's bytes to floats), one clone per x86-64 instruction set. Optimized in
        // debug builds too; never contracted to FMA, so every CPU gets the same bits. Without
        // errno, √ is one vector instruction (its value is the same; only the errno side
        // effect of √ of a negative number goes).
        .target(
            name: "CKernels",
            cSettings: [
                .unsafeFlags(["-ffp-contract=off", "-fno-math-errno"]),
                .unsafeFlags(["-O2"], .when(configuration: .debug)),
            ]),
        .target(
            name: "Engine",
            dependencies: [.target(name: "CBLAS", condition: .when(platforms: [.linux])), "CKernels", "FileIO"],
            swiftSettings: optimizedInDebug,
            linkerSettings: [.linkedFramework("Accelerate", .when(platforms: [.macOS, .iOS, .visionOS]))]),
        .target(
            name: "EngineData", dependencies: ["Engine", "FileIO", "CZlib", "CPrefetch"],
            swiftSettings: optimizedInDebug),
        // The lessons' toy mathematics (surfaces, least squares, Gaussian processes): part of
        // Engine until the split and compiled the same way, since lessons run it in loops
        // (optimizer paths over surfaces, a GP fit per trial of a search).
        .target(name: "LabMath", dependencies: ["Engine"], swiftSettings: optimizedInDebug),
        .target(name: "Plot", dependencies: ["FileIO"]),
        .target(
            name: "LessonKit",
            dependencies: [
                "Engine", "EngineData", "LabMath", "FileIO", "Plot",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]),
        .executableTarget(
            name: "RegenerateFigures",
            dependencies: [
                "LessonKit", "FileIO", .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]),
        .executableTarget(
            name: "EngineBenchmark",
            dependencies: [
                "LessonKit", "Engine", "EngineData", .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ], path: "benchmarks/engine"),
        .target(name: "TestSupport", path: "Tests/TestSupport"),
        // One test target per module; LessonTests covers LessonKit, the lessons and the benchmark.
        .testTarget(name: "FileIOTests", dependencies: ["FileIO", "TestSupport"]),
        // The core is trained in its tests on EngineData's synthetic sets (a test may use a higher module).
        .testTarget(name: "EngineTests", dependencies: ["Engine", "EngineData", "FileIO", "TestSupport"]),
        .testTarget(name: "EngineDataTests", dependencies: ["EngineData", "Engine", "CZlib", "TestSupport"]),
        .testTarget(name: "LabMathTests", dependencies: ["LabMath", "Engine"]),
        .testTarget(name: "PlotTests", dependencies: ["Plot", "FileIO", "TestSupport"]),
        .testTarget(
            name: "LessonTests",
            dependencies: [
                "LessonKit", "Engine", "EngineData", "LabMath", "FileIO", "Plot", "TestSupport", "EngineBenchmark",
                "RegenerateFigures",
            ]
                + lessons.map { .target(name: "lesson-\($0)") }),
    ]
        + lessons.map {
            // Every module a lesson imports is named although LessonKit brings them all: the
            // incremental build only notices changes in modules a target names (stale links otherwise).
            .executableTarget(
                name: "lesson-\($0)",
                dependencies: [
                    "LessonKit", "Engine", "EngineData", "LabMath", "Plot",
                    .product(name: "ArgumentParser", package: "swift-argument-parser"),
                ], path: "lessons/\($0)", exclude: ["README.md", "lesson.json"])
        }
)
