// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>
#include <QStringList>

namespace sparsescope::app {

/// The GUI's command line: `sparsescope [--demo] [--epochs N] [--limit N] [--out DIR]
/// [--quit-when-done] [--screenshot FILE [--screenshot-after SECONDS]] [--view V]
/// [--panel training|robustness|rln] [--attack-models A;B] [--attack NAME] [--sweep CSV]
/// [--rln-csv FILE] [--rln-models a,b] [--humans-data DIRS] [--matrix CSV] [--experiment E]
/// [--image FILE|SPEC#N] [--degradation TYPE] [--level L] [--lesson N|FILE [--lesson-step K]]
/// [--presentation]
/// [--tile-views] [--workspace]`. With --panel robustness, --demo runs the accuracy-against-ε
/// curves instead of training; with
/// --panel rln it runs the tabular comparison (Boston + 1000 noise features without --rln-csv).
struct LaunchOptions
{
    bool demo = false; ///< start training at once (the ssl-filter-channel preset without --ssl)
    int epochs = 0; ///< 0: keep the form's value
    int limit = -1; ///< training samples; -1: keep the form's value, 0: all
    QString outDirectory; ///< run folder; empty: the timestamped default
    bool quitWhenDone = false;
    QString screenshotPath; ///< grab the main window to this file
    double screenshotAfterSeconds = -1.0; ///< < 0: after the first epoch (or when the run ends)
    QString view; ///< live view to show: "curves", "filters" or "structure"; empty: curves
    /// "start", "training", "robustness", "rln", "degradations" or "humans"; empty: the start
    /// page, or training when a training option (--demo, --view, --ssl, --out, --epochs,
    /// --limit) is given.
    QString panel;
    QString ssl; ///< training panel: strengths for every layer, "filter=0.5,channel=0.1"
    QStringList attackModels; ///< robustness panel: models to compare (--attack-models a;b)
    QString attack; ///< robustness panel: attack name
    QString sweepPath; ///< robustness panel: sweep summary.csv files to open, separated by ';'
    QString rlnCsv; ///< RLN panel: the table (empty: Boston housing + 1000 noise features)
    QStringList rlnModels; ///< RLN panel: models to compare (--rln-models rln,gbt)
    QString humansData; ///< humans panel: trial folders to load, separated by ';'
    QString humansFetch; ///< humans panel: fetch the 2018 data from this URL, then load it
    QString matrixPath; ///< humans panel: a train × test matrix.csv to open
    QString atlasPath; ///< atlas panel: a series, sweep folder or atlas.csv to open
    QString atlasSelect; ///< atlas panel: the member to select once it is open
    QString experiment; ///< humans panel: the experiment to show
    QString image; ///< degradations panel: an image file or a dataset sample "SPEC#INDEX"
    QString degradation; ///< degradations panel: the type
    QString level; ///< degradations panel: the level (a number or a raw-data label)
    QString lesson; ///< a lesson to open: 1-5 (embedded, in order) or a file
    int lessonStep = 0; ///< --lesson-step: go to this step (1-based) and do it; 0: stay at step 1
    bool presentation = false; ///< start in presentation mode
    bool tileViews = false; ///< show all of the panel's views at once (View → Tile panel views)
    bool workspace = false; ///< show the workspace tree dock

    bool helpRequested = false;
    bool versionRequested = false;
    QString helpText;
    QString error; ///< non-empty when the arguments were invalid

    /// Parses `arguments` (arguments[0] is the program).
    static LaunchOptions parse(const QStringList &arguments);
};

} // namespace sparsescope::app
