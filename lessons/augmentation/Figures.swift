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

    static func curvesFigure(_ runs: [SettingRuns<AugmentationRun>], trainCount: Int) -> Figure {
        // A row of three: the panel titles stay short, the figure title says which line is which.
        // The key, the same for every panel, is drawn once, below the middle panel; the bottom
        // margin that it needs is given to all three, so that their x-axes stay level.
        var accuracy = StandardPanels.seedCurves(
            runs, metrics: [.validationAccuracy, .trainAccuracy],
            title: "accuracy", yLabel: "accuracy (%)", legend: .hidden)
        accuracy.yRange = 40...100
        var panels = [
            accuracy,
            StandardPanels.seedCurves(
                runs, metrics: [.gap], title: "gap: training − validation", yLabel: "percentage points"),
            lossPanel(runs),
        ]
        // Five lines for the tick labels, the axis label and the space around them, and one per
        // key entry (one per setting: each setting's first metric is titled).
        for index in panels.indices { panels[index].bottomMargin = Double(5 + runs.count) }
        // A third of the column is narrow: ticks every 50 epochs keep the labels apart.
        let epochs = runs[0].runs[0].history.epochs.count
        for index in panels.indices where epochs > 60 { panels[index].xTickStep = 50 }
        return Figure(
            name: "curves",
            title:
                "784→256→10 on \(trainCount) Fashion-MNIST images, Adam, mean ± std over \(runs[0].runs.count) seeds: validation solid, training (originals) dashed",
            panels: panels, layout: .triple)
    }

    /// Linear scale: the validation loss of the run without augmentation rising while the
    /// augmented runs' levels off is the lesson's main result, and a log axis squeezes it.
    static func lossPanel(_ runs: [SettingRuns<AugmentationRun>]) -> Panel {
        var panel = StandardPanels.seedCurves(
            runs, metrics: [.validationLoss, .trainLoss], title: "loss",
            yLabel: "cross-entropy loss", legend: .hidden)
        panel.yRange = 0...1.5
        return panel
    }

    /// The paired differences behind the verdicts, one row per comparison, Holm-corrected.
    static func comparisonFigure(_ comparisons: Comparisons, seeds: Int, trainCount: Int, epochs: Int) -> Figure {
        Figure(
            name: "comparison",
            title:
                "Paired differences over \(seeds) seeds, \(trainCount) images, \(epochs) epochs: mean and 95 % interval",
            panels: [
                StandardPanels.differenceForest(
                    comparisons.labels, comparisons.testAtBestValidation.differences,
                    holm: comparisons.testAtBestValidation,
                    title: "test accuracy of each run's best-validation epoch: right is better",
                    xLabel: "difference in test accuracy (points)"),
                StandardPanels.differenceForest(
                    comparisons.labels, comparisons.validationLoss.differences,
                    holm: comparisons.validationLoss,
                    title: "validation loss, mean of the last \(lastK) epochs: left is better",
                    xLabel: "difference in validation loss", decimals: 3),
            ], layout: .stacked)
    }
}
