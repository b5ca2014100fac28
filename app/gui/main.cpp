// SPDX-License-Identifier: GPL-3.0-or-later
// The sparsescope GUI executable: everything lives in sparsescope_app_lib so the tests link it.
#include "AppInfo.h"
#include "DemoDriver.h"
#include "LaunchOptions.h"
#include "MainWindow.h"

#include "sparsescope/core/Runtime.h"

#include <QApplication>
#include <QIcon>

#include <cstdio>

int main(int argc, char **argv)
{
    using namespace sparsescope;
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
    if (options.helpRequested) {
        std::fputs(qPrintable(options.helpText), stdout);
        return 0;
    }
    if (options.versionRequested) {
        std::printf("sparsescope %s\n", qPrintable(app::applicationVersion()));
        return 0;
    }

    core::Runtime::initialiseDefaults();
    app::MainWindow window;
    QApplication::setWindowIcon(window.windowIcon());
    window.show();

    app::DemoDriver driver(window, options);
    QObject::connect(&driver, &app::DemoDriver::quitRequested, &application,
                     [](int exitCode) { QApplication::exit(exitCode); });
    driver.begin();
    return QApplication::exec();
}
