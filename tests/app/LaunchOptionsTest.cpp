// SPDX-License-Identifier: GPL-3.0-or-later
#include "LaunchOptions.h"

#include <gtest/gtest.h>

using sparsescope::app::LaunchOptions;

namespace {
LaunchOptions parse(std::initializer_list<const char *> arguments)
{
    QStringList list {QStringLiteral("sparsescope")};
    for (const char *argument : arguments)
        list.append(QString::fromUtf8(argument));
    return LaunchOptions::parse(list);
}
} // namespace

TEST(LaunchOptions, DefaultsDoNothing)
{
    const LaunchOptions options = parse({});
    EXPECT_TRUE(options.error.isEmpty());
    EXPECT_FALSE(options.demo);
    EXPECT_FALSE(options.quitWhenDone);
    EXPECT_EQ(options.epochs, 0);
    EXPECT_EQ(options.limit, -1);
    EXPECT_TRUE(options.screenshotPath.isEmpty());
    EXPECT_LT(options.screenshotAfterSeconds, 0.0);
}

TEST(LaunchOptions, DemoWithShortRun)
{
    const LaunchOptions options
        = parse({"--demo", "--epochs", "1", "--limit", "3000", "--out", "/tmp/run", "--screenshot",
                 "/tmp/shot.png", "--quit-when-done"});
    EXPECT_TRUE(options.error.isEmpty()) << options.error.toStdString();
    EXPECT_TRUE(options.demo);
    EXPECT_EQ(options.epochs, 1);
    EXPECT_EQ(options.limit, 3000);
    EXPECT_EQ(options.outDirectory, QStringLiteral("/tmp/run"));
    EXPECT_EQ(options.screenshotPath, QStringLiteral("/tmp/shot.png"));
    EXPECT_TRUE(options.quitWhenDone);
}

TEST(LaunchOptions, ScreenshotAfterSeconds)
{
    const LaunchOptions options = parse({"--screenshot", "a.png", "--screenshot-after", "2.5"});
    EXPECT_TRUE(options.error.isEmpty());
    EXPECT_DOUBLE_EQ(options.screenshotAfterSeconds, 2.5);
}

TEST(LaunchOptions, BadValuesAreErrors)
{
    EXPECT_FALSE(parse({"--epochs", "zero"}).error.isEmpty());
    EXPECT_FALSE(parse({"--epochs", "0"}).error.isEmpty());
    EXPECT_FALSE(parse({"--limit", "-3"}).error.isEmpty());
    EXPECT_FALSE(parse({"--screenshot-after", "soon"}).error.isEmpty());
    EXPECT_FALSE(parse({"--no-such-option"}).error.isEmpty());
    EXPECT_FALSE(parse({"stray"}).error.isEmpty());
    EXPECT_FALSE(parse({"--view", "histograms"}).error.isEmpty());
    EXPECT_EQ(parse({"--view", "filters"}).view, QStringLiteral("filters"));
    EXPECT_TRUE(parse({"--view", "structure"}).error.isEmpty());
}

TEST(LaunchOptions, RlnPanelOptions)
{
    const LaunchOptions rln = parse({"--panel", "rln", "--view", "magnitudes", "--rln-csv",
                                     "/tmp/t.csv", "--rln-models", "rln, gbt"});
    EXPECT_TRUE(rln.error.isEmpty()) << rln.error.toStdString();
    EXPECT_EQ(rln.panel, QStringLiteral("rln"));
    EXPECT_EQ(rln.view, QStringLiteral("magnitudes"));
    EXPECT_EQ(rln.rlnCsv, QStringLiteral("/tmp/t.csv"));
    EXPECT_EQ(rln.rlnModels, (QStringList {QStringLiteral("rln"), QStringLiteral("gbt")}));
    EXPECT_FALSE(parse({"--view", "magnitudes"}).error.isEmpty()) << "an RLN view, no RLN panel";
    EXPECT_FALSE(parse({"--panel", "rln", "--view", "filters"}).error.isEmpty());
    EXPECT_FALSE(parse({"--panel", "tabular"}).error.isEmpty());
}

TEST(LaunchOptions, AtlasPanelOptions)
{
    const LaunchOptions atlas = parse({"--panel", "atlas", "--atlas", "runs/atlas",
                                       "--atlas-select", "ssl-fc/strength=0.4_seed=1"});
    EXPECT_TRUE(atlas.error.isEmpty()) << atlas.error.toStdString();
    EXPECT_EQ(atlas.atlasPath, QStringLiteral("runs/atlas"));
    EXPECT_EQ(atlas.atlasSelect, QStringLiteral("ssl-fc/strength=0.4_seed=1"));
    EXPECT_FALSE(parse({"--panel", "atlas", "--atlas-select", "dense/seed=1"}).error.isEmpty())
        << "a member needs an atlas";
}

TEST(LaunchOptions, HelpAndVersion)
{
    const LaunchOptions help = parse({"--help"});
    EXPECT_TRUE(help.helpRequested);
    EXPECT_TRUE(help.helpText.contains(QStringLiteral("--demo")));
    EXPECT_TRUE(parse({"--version"}).versionRequested);
}

TEST(LaunchOptions, LessonAndPresentation)
{
    const auto options
        = LaunchOptions::parse({QStringLiteral("sparsescope"), QStringLiteral("--lesson"),
                                QStringLiteral("2"), QStringLiteral("--presentation")});
    EXPECT_TRUE(options.error.isEmpty()) << options.error.toStdString();
    EXPECT_EQ(options.lesson, QStringLiteral("2"));
    EXPECT_TRUE(options.presentation);
    EXPECT_FALSE(LaunchOptions::parse({QStringLiteral("sparsescope")}).presentation);
    const auto step = LaunchOptions::parse({QStringLiteral("sparsescope"),
                                            QStringLiteral("--lesson"), QStringLiteral("5"),
                                            QStringLiteral("--lesson-step"), QStringLiteral("3")});
    EXPECT_TRUE(step.error.isEmpty()) << step.error.toStdString();
    EXPECT_EQ(step.lessonStep, 3);
    EXPECT_FALSE(LaunchOptions::parse({QStringLiteral("sparsescope"),
                                       QStringLiteral("--lesson-step"), QStringLiteral("3")})
                     .error.isEmpty())
        << "a step needs a lesson";
    EXPECT_FALSE(LaunchOptions::parse({QStringLiteral("sparsescope"), QStringLiteral("--lesson"),
                                       QStringLiteral("5"), QStringLiteral("--lesson-step"),
                                       QStringLiteral("0")})
                     .error.isEmpty());
}

TEST(LaunchOptions, TileViewsAndWorkspace)
{
    const auto options
        = LaunchOptions::parse({QStringLiteral("sparsescope"), QStringLiteral("--tile-views"),
                                QStringLiteral("--workspace")});
    EXPECT_TRUE(options.error.isEmpty()) << options.error.toStdString();
    EXPECT_TRUE(options.tileViews);
    EXPECT_TRUE(options.workspace);
    const auto plain = LaunchOptions::parse({QStringLiteral("sparsescope")});
    EXPECT_FALSE(plain.tileViews);
    EXPECT_FALSE(plain.workspace);
}
