// SPDX-License-Identifier: GPL-3.0-or-later
// The sparsescope GUI executable: everything lives in sparsescope_app_lib so the tests link it.
#include "AppInfo.h"
#include "Autosave.h"
#include "DemoDriver.h"
#include "LaunchOptions.h"
#include "MainWindow.h"

#include "sparsescope/core/Runtime.h"

#include <QApplication>
#include <QIcon>
#include <QStatusBar>
#include <QStringList>

#include <cstdio>
#include <memory>

namespace {
bool answerHelpOrVersion(const sparsescope::app::LaunchOptions &options)
{
    if (!options.error.isEmpty() || !(options.helpRequested || options.versionRequested))
        return false;
    if (options.helpRequested)
        std::fputs(qPrintable(options.helpText), stdout);
    else
        std::printf("sparsescope %s\n", qPrintable(sparsescope::app::applicationVersion()));
    return true;
}
} // namespace

int main(int argc, char **argv)
{
    using namespace sparsescope;
    // --help and --version must work without a display, so look for them before the
    // QApplication exists; the real parse below sees the arguments without Qt's own (-platform…).
    QStringList rawArguments;
    for (int i = 0; i < argc; ++i)
        rawArguments << QString::fromLocal8Bit(argv[i]);
    if (answerHelpOrVersion(app::LaunchOptions::parse(rawArguments)))
        return 0;

    QApplication application(argc, argv);
    QApplication::setOrganizationName(app::organisationName());
    QApplication::setApplicationName(app::applicationName());
    QApplication::setApplicationVersion(app::applicationVersion());
    QApplication::setDesktopFileName(QStringLiteral("io.github.sparsescope.SparseScope"));

    const app::LaunchOptions options = app::LaunchOptions::parse(QApplication::arguments());
    if (!options.error.isEmpty()) {
        std::fprintf(stderr, "sparsescope: %s\n", qPrintable(options.error));
        return 2;
    }
    if (answerHelpOrVersion(options))
        return 0;

    core::Runtime::initialiseDefaults();
    app::MainWindow window;
    QApplication::setWindowIcon(window.windowIcon());
    window.show();

    // Crash recovery (offers the last session's workspace after a crash). Scripted runs
    // (--quit-when-done: demos, screenshots) neither autosave nor ask.
    std::unique_ptr<app::Autosave> autosave;
    if (!options.quitWhenDone) {
        autosave = std::make_unique<app::Autosave>(window, app::Autosave::defaultDirectory());
        if (!autosave->start(app::Autosave::defaultIntervalMs()))
            window.statusBar()->showMessage(autosave->lastError());
    }

    app::DemoDriver driver(window, options);
    // Queued: begin() may be done at once (nothing to wait for), and an exit() before exec()
    // is ignored — the program would stay open.
    QObject::connect(
        &driver, &app::DemoDriver::quitRequested, &application,
        [](int exitCode) { QApplication::exit(exitCode); }, Qt::QueuedConnection);
    driver.begin();
    return QApplication::exec();
}
