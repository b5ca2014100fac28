// SPDX-License-Identifier: GPL-3.0-or-later
// main() for the widget and app tests: a QApplication around RUN_ALL_TESTS.
#include <gtest/gtest.h>

#include <QApplication>
#include <QStandardPaths>

#include <cstdlib>

int main(int argc, char **argv)
{
    // Test discovery runs the binary without ctest's environment, so default to offscreen here.
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    // Keep the user's settings, recent files and run folders out of the tests.
    QStandardPaths::setTestModeEnabled(true);
    ::testing::InitGoogleTest(&argc, argv);
    QApplication application(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("SparseScope"));
    QApplication::setApplicationName(QStringLiteral("SparseScopeTests"));
    return RUN_ALL_TESTS();
}
