// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

#include <functional>

namespace sparsescope::app {

/// Models are code (issue 19.8): a TorchScript file runs the code inside it when LibTorch loads
/// it. The GUI loads a model file only when the user acts on it (Start, Thin, Run), and the
/// first load of a file with code from outside the user's own run folders asks first, saying
/// where the file came from; a yes is remembered (QSettings) for that file.
class ModelTrust
{
public:
    using Asker = std::function<bool(const QString &title, const QString &question)>;

    /// True when `reference` may be loaded without asking: a built-in name, a path that is not
    /// a readable model (loading it fails before anything runs), a file without TorchScript
    /// code (core::ModelFile), one under the user's runs folder, or one allowed before.
    static bool isTrusted(const QString &reference);
    /// isTrusted(), or asks `ask` (the file, its folder and date, that it runs code) and
    /// remembers a yes.
    static bool confirm(const QString &reference, const Asker &ask);
    /// The folder the GUI's own runs go to (run folders there are the user's work).
    static QString runsRoot();
    /// Forgets every file allowed so far (tests; Settings).
    static void forgetAll();
};

} // namespace sparsescope::app
