// SPDX-License-Identifier: GPL-3.0-or-later
#include "sparsescope/widgets/EtaFormatter.h"

#include <gtest/gtest.h>

#include <limits>

using sparsescope::widgets::EtaFormatter;

TEST(EtaFormatter, FormatsMinutesAndHours)
{
    EXPECT_EQ(EtaFormatter::duration(0.0), QStringLiteral("0:00"));
    EXPECT_EQ(EtaFormatter::duration(35.0), QStringLiteral("0:35"));
    EXPECT_EQ(EtaFormatter::duration(34.2), QStringLiteral("0:35"));
    EXPECT_EQ(EtaFormatter::duration(83.0), QStringLiteral("1:23"));
    EXPECT_EQ(EtaFormatter::duration(3723.0), QStringLiteral("1:02:03"));
}

TEST(EtaFormatter, UnknownDurations)
{
    EXPECT_EQ(EtaFormatter::duration(-1.0), QStringLiteral("–:––"));
    EXPECT_EQ(EtaFormatter::duration(std::numeric_limits<double>::quiet_NaN()),
              QStringLiteral("–:––"));
    EXPECT_EQ(EtaFormatter::duration(std::numeric_limits<double>::infinity()),
              QStringLiteral("–:––"));
}

TEST(EtaFormatter, ProgressLine)
{
    EXPECT_EQ(EtaFormatter::progress(2, 5, 0.436, 35.0),
              QStringLiteral("epoch 2/5 · 43 % · ETA 0:35"));
    EXPECT_EQ(EtaFormatter::progress(1, 1, 1.7, -1.0), QStringLiteral("epoch 1/1 · 100 %"));
}
