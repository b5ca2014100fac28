// SPDX-License-Identifier: GPL-3.0-or-later
// main() for the widget and app tests: a QApplication around RUN_ALL_TESTS.
#include <gtest/gtest.h>

#include <QApplication>
#include <QSettings>
#include <QStandardPaths>
#include <QTemporaryDir>

#include <cstdlib>

namespace {

/// Every test starts from the default settings: the panels remember their forms, and a value a
/// test left behind (a bad ε list, a remembered view) must not change what the next one sees.
class FreshSettings : public ::testing::EmptyTestEventListener
{
    void OnTestStart(const ::testing::TestInfo &) override
    {
        QSettings settings;
        settings.clear();
        settings.sync();
    }
};

} // namespace

int main(int argc, char **argv)
{
    // Test discovery runs the binary without ctest's environment, so default to offscreen here.
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    // Keep the user's settings, recent files and run folders out of the tests.
    QStandardPaths::setTestModeEnabled(true);
    // Settings in a folder of this process's own, so that tests run in parallel (ctest -j) do
    // not see each other's.
    QTemporaryDir settingsDir;
    if (settingsDir.isValid()) {
        QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, settingsDir.path());
        QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, settingsDir.path());
    }
    // The user's data folder (autosave, fetched human data) too: a test that wants data there
    // puts it there itself.
    QTemporaryDir dataDir;
    if (dataDir.isValid() && qEnvironmentVariableIsEmpty("SPARSESCOPE_DATA_DIR"))
        qputenv("SPARSESCOPE_DATA_DIR", dataDir.path().toLocal8Bit());
    ::testing::InitGoogleTest(&argc, argv);
    QApplication application(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("SparseScope"));
    QApplication::setApplicationName(QStringLiteral("SparseScopeTests"));
    ::testing::UnitTest::GetInstance()->listeners().Append(new FreshSettings);
    return RUN_ALL_TESTS();
}
