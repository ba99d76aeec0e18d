import Engine
import EngineData
import LessonKit
import Plot

extension AugmentationLesson {
    /// The first training image of each class, each followed by five augmented draws; one
    /// panel per image, titled with its class. Every class, so that flipped shoes (which the
    /// test set never shows) sit beside flipped shirts (which look like shirts).
    static func examplesFigure(_ train: ImageDataset, augmentation: Augmentation, random: Random) -> Figure {
        let labels = train.labels
        let positions = train.store.classNames.indices.compactMap { labels.firstIndex(of: $0) }
        let originals = train.batch(positions[...])
        let augmented = train.augmented(augmentation, random: random)
        let panels = positions.enumerated().map { row, position in
            var tiles: [[Float]] = [Array(originals.inputs.row(row))]
            for _ in 0..<5 { tiles.append(Array(augmented.batch([position]).inputs.storage)) }
            return Panel(
                title: train.store.classNames[originals.targets[row]],
                series: [
                    .image(GrayImage.tiled(tiles, width: train.store.width, height: train.store.height, columns: 6))
                ])
        }
        return Figure(
            name: "examples",
            title:
                "original (left), then five augmented versions: shift ≤ \(augmentation.maximumShift) px, rotation ≤ \(Int(augmentation.maximumRotation))°, flip p = \(augmentation.flipProbability)",
            panels: panels, layout: .strip)
    }

    /// Two by two: accuracy over the whole run, the validation accuracy zoomed in on the band
    /// where every accuracy verdict lies, the gap, and the loss. The key, the same for every
    /// panel, is drawn once, below the gap panel; the bottom row has the margin it needs, so
    /// that the two x-axes of that row stay level.
    static func curvesFigure(_ runs: [SettingRuns<AugmentationRun>], trainCount: Int) -> Figure {
        var accuracy = StandardPanels.seedCurves(
            runs, metrics: [.validationAccuracy, .trainAccuracy],
            title: "accuracy: validation solid, training (originals) dashed", yLabel: "accuracy (%)",
            legend: .hidden)
        accuracy.yRange = 40...100
        var bottomRow = [
            StandardPanels.seedCurves(
                runs, metrics: [.gap], title: "gap: training − validation", yLabel: "percentage points"),
            lossPanel(runs),
        ]
        // Five lines for the tick labels, the axis label and the space around them, and one per
        // key entry (one per setting: each setting's first metric is titled).
        for index in bottomRow.indices { bottomRow[index].bottomMargin = Double(5 + runs.count) }
        return Figure(
            name: "curves",
            title:
                "784→256→10 on \(trainCount) Fashion-MNIST images, Adam, mean ± std over \(runs[0].runs.count) seeds",
            panels: [accuracy, validationZoom(runs)] + bottomRow, layout: .pair)
    }

    /// The validation accuracy after the first epochs' climb, on an axis fitted to its
    /// bands: on the whole run's axis the few points between the arms, and the augmented
    /// runs' late creep, are a pixel or two.
    static func validationZoom(_ runs: [SettingRuns<AugmentationRun>]) -> Panel {
        let epochs = runs.map { $0.runs.map(\.history.epochs.count).max() ?? 0 }.max() ?? 0
        // Two fifteenths of the budget: epoch 20 of 150, past the climb of every arm.
        let first = max(1, 2 * epochs / 15)
        var panel = StandardPanels.seedCurves(
            runs, metrics: [.validationAccuracy], title: "validation accuracy from epoch \(first)",
            yLabel: "accuracy (%)", legend: .hidden)
        let bands = runs.flatMap { setting in
            let curve = setting.curve(.validationAccuracy)
            return curve.epochs.indices.filter { curve.epochs[$0] >= Double(first) }.flatMap {
                [curve.mean[$0] - curve.std[$0], curve.mean[$0] + curve.std[$0]]
            }
        }
        if let low = bands.min(), let high = bands.max(), epochs > first {
            panel.xRange = Double(first)...Double(epochs)
            panel.yRange = (low - 0.5).rounded(.down)...(high + 0.5).rounded(.up)
        }
        return panel
    }

    /// Linear scale: the validation loss of the run without augmentation rising while the
    /// augmented runs' levels off is the lesson's main result, and a log axis squeezes it.
    static func lossPanel(_ runs: [SettingRuns<AugmentationRun>]) -> Panel {
        var panel = StandardPanels.seedCurves(
            runs, metrics: [.validationLoss, .trainLoss], title: "loss: validation solid, training (originals) dashed",
            yLabel: "cross-entropy loss", legend: .hidden)
        panel.yRange = 0...1.5
        return panel
    }

    /// The paired differences behind the verdicts, one row per comparison, Holm-corrected. The
    /// two test-accuracy panels share one x range, since the text contrasts them.
    static func comparisonFigure(_ comparisons: Comparisons, seeds: Int, trainCount: Int, epochs: Int) -> Figure {
        var testAtBest = StandardPanels.differenceForest(
            comparisons.labels, comparisons.testAtBestValidation.differences,
            holm: comparisons.testAtBestValidation,
            title: "test accuracy of each run's best-validation epoch: right is better",
            xLabel: "difference in test accuracy (points)")
        var finalTest = StandardPanels.differenceForest(
            comparisons.labels, comparisons.finalTest.differences, holm: comparisons.finalTest,
            title: "test accuracy after the last epoch: right is better",
            xLabel: "difference in test accuracy (points)")
        if let first = testAtBest.xRange, let second = finalTest.xRange {
            let shared = min(first.lowerBound, second.lowerBound)...max(first.upperBound, second.upperBound)
            testAtBest.xRange = shared
            finalTest.xRange = shared
        }
        return Figure(
            name: "comparison",
            title:
                "Paired differences over \(seeds) seeds, \(trainCount) images, \(epochs) epochs: mean and 95 % interval",
            panels: [
                testAtBest,
                StandardPanels.differenceForest(
                    comparisons.labels, comparisons.validationLoss.differences,
                    holm: comparisons.validationLoss,
                    title: "validation loss, mean of the last \(lastK) epochs: left is better",
                    xLabel: "difference in validation loss", decimals: 3),
                StandardPanels.differenceForest(
                    comparisons.labels, comparisons.lowestValidationLoss.differences,
                    holm: comparisons.lowestValidationLoss,
                    title: "lowest validation loss, each run at its best epoch: left is better",
                    xLabel: "difference in lowest validation loss", decimals: 3),
                finalTest,
            ], layout: .stacked)
    }
}
