// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

namespace sparsescope::app {

class MainWindow;

/// A workspace file (JSON): the training form's whole config and run folder, the remembered
/// settings of the other panels (robustness, RLN, degradations, humans), the panel shown and
/// whether presentation mode is on. Opening one puts all of that back (and makes it what the
/// panels remember).
class Workspace
{
public:
    /// Writes `window`'s workspace to `path`. False with `error` ("PATH: problem") on failure.
    static bool save(MainWindow &window, const QString &path, QString *error);
    /// Reads `path` into `window`. Malformed JSON, another format or a bad training config are
    /// refused with `error` naming the file; nothing is changed then.
    static bool open(MainWindow &window, const QString &path, QString *error);
};

} // namespace sparsescope::app
