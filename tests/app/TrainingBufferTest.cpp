// SPDX-License-Identifier: GPL-3.0-or-later
#include "workers/TrainingBuffer.h"

#include <gtest/gtest.h>

#include <thread>

using namespace sparsescope;

TEST(TrainingBuffer, SignalsOnlyWhenItWasEmpty)
{
    app::TrainingBuffer buffer;
    core::BatchMetrics batch;
    EXPECT_TRUE(buffer.appendBatch(batch));
    EXPECT_FALSE(buffer.appendBatch(batch));
    EXPECT_FALSE(buffer.appendMessage("hello"));
    EXPECT_FALSE(buffer.appendEpoch(core::EpochMetrics {}));

    app::TrainingUpdates updates = buffer.take();
    EXPECT_EQ(updates.batches.size(), 2u);
    EXPECT_EQ(updates.messages.size(), 1u);
    EXPECT_EQ(updates.epochs.size(), 1u);
    EXPECT_TRUE(buffer.take().empty());
    EXPECT_TRUE(buffer.appendMessage("again"));
}

TEST(TrainingBuffer, NothingIsLostBetweenThreads)
{
    app::TrainingBuffer buffer;
    constexpr int kBatches = 20000;
    std::thread producer([&buffer] {
        for (int i = 1; i <= kBatches; ++i) {
            core::BatchMetrics batch;
            batch.batch = i;
            buffer.appendBatch(batch);
        }
    });
    int expected = 1;
    while (expected <= kBatches) {
        for (const core::BatchMetrics &batch : buffer.take().batches)
            ASSERT_EQ(batch.batch, expected++);
    }
    producer.join();
    EXPECT_TRUE(buffer.take().empty());
}

TEST(TrainingBuffer, KeepsTheResultUntilTaken)
{
    app::TrainingBuffer buffer;
    EXPECT_FALSE(buffer.takeResult().has_value());
    core::TrainResult result;
    result.status = core::TrainStatus::Cancelled;
    buffer.setResult(result);
    const auto taken = buffer.takeResult();
    ASSERT_TRUE(taken.has_value());
    EXPECT_EQ(taken->status, core::TrainStatus::Cancelled);
    EXPECT_FALSE(buffer.takeResult().has_value());
}

TEST(TrainingBuffer, SnapshotsCoalesceToTheLatest)
{
    app::TrainingBuffer buffer;
    core::LayerStructure first;
    first.name = "conv1";
    first.rows = 20;
    core::LayerStructure second = first;
    second.zeroRows = 7;
    EXPECT_TRUE(buffer.setStructure({first}));
    EXPECT_FALSE(buffer.setStructure({second})); // not empty any more: no second signal
    core::FilterImages filters;
    filters.count = 3;
    EXPECT_FALSE(buffer.setFilters(filters));
    auto updates = buffer.take();
    ASSERT_TRUE(updates.structure.has_value());
    ASSERT_EQ(updates.structure->size(), 1u);
    EXPECT_EQ(updates.structure->front().zeroRows, 7);
    ASSERT_TRUE(updates.filters.has_value());
    EXPECT_EQ(updates.filters->count, 3);
    EXPECT_TRUE(buffer.take().empty());
}
