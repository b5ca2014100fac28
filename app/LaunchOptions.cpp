// SPDX-License-Identifier: GPL-3.0-or-later
#include "LaunchOptions.h"

#include <QCommandLineParser>
#include <QCoreApplication>

namespace sparsescope::app {

namespace {
bool readInt(const QString &text, int minimum, int &value)
{
    bool ok = false;
    const int parsed = text.toInt(&ok);
    if (!ok || parsed < minimum)
        return false;
    value = parsed;
    return true;
}
} // namespace

LaunchOptions LaunchOptions::parse(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QCoreApplication::translate(
        "LaunchOptions", "SparseScope: seeing and shaping sparsity in neural networks."));
    const QCommandLineOption help({QStringLiteral("h"), QStringLiteral("help")},
                                  QCoreApplication::translate("LaunchOptions", "Show this help."));
    const QCommandLineOption version(
        QStringLiteral("version"),
        QCoreApplication::translate("LaunchOptions", "Show the version."));
    const QCommandLineOption demo(
        QStringLiteral("demo"),
        QCoreApplication::translate(
            "LaunchOptions",
            "Start training at once: LeNet-5 on Fashion-MNIST, 3 epochs, group Lasso on the "
            "conv filters and channels (without --ssl), the filters view in front."));
    const QCommandLineOption epochs(
        QStringLiteral("epochs"), QCoreApplication::translate("LaunchOptions", "Number of epochs."),
        QStringLiteral("N"));
    const QCommandLineOption limit(
        QStringLiteral("limit"),
        QCoreApplication::translate("LaunchOptions", "Train on the first N samples (0: all)."),
        QStringLiteral("N"));
    const QCommandLineOption out(
        QStringLiteral("out"), QCoreApplication::translate("LaunchOptions", "Run folder to write."),
        QStringLiteral("DIR"));
    const QCommandLineOption quit(
        QStringLiteral("quit-when-done"),
        QCoreApplication::translate("LaunchOptions",
                                    "Quit when the run (and screenshot) is done."));
    const QCommandLineOption screenshot(
        QStringLiteral("screenshot"),
        QCoreApplication::translate("LaunchOptions",
                                    "Save a picture of the main window after the first epoch."),
        QStringLiteral("FILE"));
    const QCommandLineOption screenshotAfter(
        QStringLiteral("screenshot-after"),
        QCoreApplication::translate("LaunchOptions",
                                    "Take the screenshot after this many seconds instead."),
        QStringLiteral("SECONDS"));
    const QCommandLineOption view(
        QStringLiteral("view"),
        QCoreApplication::translate(
            "LaunchOptions",
            "View to show (training: curves, filters, structure, norms or thin; "
            "other panels: their tabs)."),
        QStringLiteral("VIEW"));
    const QCommandLineOption panel(
        QStringLiteral("panel"),
        QCoreApplication::translate(
            "LaunchOptions",
            "Panel to show: start, training, robustness, rln, degradations, humans or atlas "
            "(default: "
            "the start page, or training with --demo, --view, --ssl, --out, --epochs or --limit)."),
        QStringLiteral("PANEL"));
    const QCommandLineOption attackModels(
        QStringLiteral("attack-models"),
        QCoreApplication::translate("LaunchOptions",
                                    "Robustness panel: models to compare, separated by ';'."),
        QStringLiteral("MODELS"));
    const QCommandLineOption attack(
        QStringLiteral("attack"),
        QCoreApplication::translate("LaunchOptions", "Robustness panel: the attack."),
        QStringLiteral("NAME"));
    const QCommandLineOption sweep(
        QStringLiteral("sweep"),
        QCoreApplication::translate(
            "LaunchOptions", "Robustness panel: open sweep summary.csv files, separated by ';'."),
        QStringLiteral("CSV"));
    const QCommandLineOption ssl(
        QStringLiteral("ssl"),
        QCoreApplication::translate("LaunchOptions",
                                    "Group-Lasso strengths for every layer, e.g. filter=0.5."),
        QStringLiteral("TYPE=STRENGTH,..."));
    const QCommandLineOption rlnCsv(
        QStringLiteral("rln-csv"),
        QCoreApplication::translate("LaunchOptions",
                                    "RLN panel: the CSV table (last column is "
                                    "the target)."),
        QStringLiteral("FILE"));
    const QCommandLineOption rlnModels(
        QStringLiteral("rln-models"),
        QCoreApplication::translate("LaunchOptions",
                                    "RLN panel: models to compare, e.g. rln,l1,gbt,ensemble."),
        QStringLiteral("MODELS"));
    const QCommandLineOption humansData(
        QStringLiteral("humans-data"),
        QCoreApplication::translate("LaunchOptions",
                                    "Humans panel: trial folders to load, separated by ';'."),
        QStringLiteral("DIRS"));
    const QCommandLineOption humansFetch(
        QStringLiteral("humans-fetch"),
        QCoreApplication::translate("LaunchOptions",
                                    "Humans panel: “Get the 2018 data…” from this repository URL "
                                    "(git clone syntax), then load it."),
        QStringLiteral("URL"));
    const QCommandLineOption matrix(
        QStringLiteral("matrix"),
        QCoreApplication::translate("LaunchOptions",
                                    "Humans panel: a train × test matrix.csv to show."),
        QStringLiteral("CSV"));
    const QCommandLineOption atlas(
        QStringLiteral("atlas"),
        QCoreApplication::translate("LaunchOptions",
                                    "Atlas panel: a sweep folder, series file, folder of runs or "
                                    "atlas.csv to open."),
        QStringLiteral("PATH"));
    const QCommandLineOption atlasSelect(
        QStringLiteral("atlas-select"),
        QCoreApplication::translate("LaunchOptions",
                                    "Atlas panel: select this member (series/label) at start."),
        QStringLiteral("MEMBER"));
    const QCommandLineOption experiment(
        QStringLiteral("experiment"),
        QCoreApplication::translate("LaunchOptions", "Humans panel: the experiment to show."),
        QStringLiteral("NAME"));
    const QCommandLineOption image(
        QStringLiteral("image"),
        QCoreApplication::translate(
            "LaunchOptions", "Degradations panel: an image file or a dataset sample SPEC#INDEX."),
        QStringLiteral("IMAGE"));
    const QCommandLineOption degradation(
        QStringLiteral("degradation"),
        QCoreApplication::translate("LaunchOptions", "Degradations panel: the type."),
        QStringLiteral("TYPE"));
    const QCommandLineOption level(
        QStringLiteral("level"),
        QCoreApplication::translate("LaunchOptions", "Degradations panel: the level."),
        QStringLiteral("LEVEL"));
    const QCommandLineOption lesson(
        QStringLiteral("lesson"),
        QCoreApplication::translate(
            "LaunchOptions", "Open a lesson: its number (1-5, the embedded ones) or a file."),
        QStringLiteral("N|FILE"));
    const QCommandLineOption lessonStep(
        QStringLiteral("lesson-step"),
        QCoreApplication::translate("LaunchOptions",
                                    "With --lesson: go to step K and do it (\"Do it\")."),
        QStringLiteral("K"));
    const QCommandLineOption presentation(
        QStringLiteral("presentation"),
        QCoreApplication::translate("LaunchOptions",
                                    "Start in presentation mode (large fonts, full screen)."));
    const QCommandLineOption tileViews(
        QStringLiteral("tile-views"),
        QCoreApplication::translate("LaunchOptions",
                                    "Show all of the panel's views at once, tiled."));
    const QCommandLineOption workspace(
        QStringLiteral("workspace"),
        QCoreApplication::translate("LaunchOptions", "Show the workspace tree."));
    parser.addOptions({help,       version,      demo,        epochs,          limit,
                       out,        quit,         screenshot,  screenshotAfter, view,
                       panel,      attackModels, attack,      sweep,           ssl,
                       rlnCsv,     rlnModels,    humansData,  matrix,          experiment,
                       image,      degradation,  level,       lesson,          presentation,
                       tileViews,  workspace,    humansFetch, atlas,           lessonStep,
                       atlasSelect});

    LaunchOptions options;
    // Without a QCoreApplication (--help is answered before the GUI starts) Qt cannot know the
    // program's name.
    options.helpText = parser.helpText().replace(QStringLiteral("<executable_name>"),
                                                 QStringLiteral("sparsescope"));
    if (!parser.parse(arguments)) {
        options.error = parser.errorText();
        return options;
    }
    if (!parser.positionalArguments().isEmpty()) {
        options.error = QCoreApplication::translate("LaunchOptions", "Unexpected argument '%1'.")
                            .arg(parser.positionalArguments().constFirst());
        return options;
    }
    options.helpRequested = parser.isSet(help);
    options.versionRequested = parser.isSet(version);
    options.demo = parser.isSet(demo);
    options.lesson = parser.value(lesson);
    if (parser.isSet(lessonStep)
        && (!readInt(parser.value(lessonStep), 1, options.lessonStep) || options.lesson.isEmpty()))
        options.error = QCoreApplication::translate(
            "LaunchOptions", "--lesson-step needs --lesson and a step number ≥ 1.");
    options.presentation = parser.isSet(presentation);
    options.tileViews = parser.isSet(tileViews);
    options.workspace = parser.isSet(workspace);
    options.quitWhenDone = parser.isSet(quit);
    options.outDirectory = parser.value(out);
    options.screenshotPath = parser.value(screenshot);
    if (parser.isSet(epochs) && !readInt(parser.value(epochs), 1, options.epochs))
        options.error = QCoreApplication::translate("LaunchOptions",
                                                    "--epochs needs a positive whole number.");
    if (parser.isSet(limit) && !readInt(parser.value(limit), 0, options.limit))
        options.error
            = QCoreApplication::translate("LaunchOptions", "--limit needs a whole number ≥ 0.");
    options.panel = parser.value(panel);
    if (!options.panel.isEmpty()
        && !QStringList {QStringLiteral("start"), QStringLiteral("training"),
                         QStringLiteral("robustness"), QStringLiteral("rln"),
                         QStringLiteral("degradations"), QStringLiteral("humans"),
                         QStringLiteral("atlas")}
                .contains(options.panel))
        options.error = QCoreApplication::translate(
            "LaunchOptions",
            "--panel must be start, training, robustness, rln, degradations, humans or atlas.");
    options.view = parser.value(view);
    QStringList views {QStringLiteral("curves"), QStringLiteral("filters"),
                       QStringLiteral("structure"), QStringLiteral("norms"),
                       QStringLiteral("thin")};
    if (options.panel == QLatin1String("rln"))
        views = QStringList {QStringLiteral("strengths"),   QStringLiteral("magnitudes"),
                             QStringLiteral("sparsity"),    QStringLiteral("importance"),
                             QStringLiteral("predictions"), QStringLiteral("results")};
    else if (options.panel == QLatin1String("humans"))
        views = QStringList {QStringLiteral("accuracy"), QStringLiteral("entropy"),
                             QStringLiteral("confusion"), QStringLiteral("consistency"),
                             QStringLiteral("matrix")};
    if (!options.view.isEmpty() && !views.contains(options.view))
        options.error = QCoreApplication::translate("LaunchOptions", "--view must be one of %1.")
                            .arg(views.join(QStringLiteral(", ")));
    options.rlnCsv = parser.value(rlnCsv);
    options.humansData = parser.value(humansData);
    options.humansFetch = parser.value(humansFetch);
    options.matrixPath = parser.value(matrix);
    options.atlasPath = parser.value(atlas);
    options.atlasSelect = parser.value(atlasSelect);
    if (!options.atlasSelect.isEmpty() && options.atlasPath.isEmpty())
        options.error
            = QCoreApplication::translate("LaunchOptions", "--atlas-select needs --atlas.");
    options.experiment = parser.value(experiment);
    options.image = parser.value(image);
    options.degradation = parser.value(degradation);
    options.level = parser.value(level);
    for (const QString &part : parser.value(rlnModels).split(QLatin1Char(',')))
        if (!part.trimmed().isEmpty())
            options.rlnModels << part.trimmed();
    for (const QString &part : parser.value(attackModels).split(QLatin1Char(';')))
        if (!part.trimmed().isEmpty())
            options.attackModels << part.trimmed();
    options.attack = parser.value(attack);
    options.ssl = parser.value(ssl);
    options.sweepPath = parser.value(sweep);
    if (parser.isSet(screenshotAfter)) {
        bool ok = false;
        options.screenshotAfterSeconds = parser.value(screenshotAfter).toDouble(&ok);
        if (!ok || options.screenshotAfterSeconds < 0.0)
            options.error = QCoreApplication::translate(
                "LaunchOptions", "--screenshot-after needs a number of seconds ≥ 0.");
    }
    return options;
}

} // namespace sparsescope::app
