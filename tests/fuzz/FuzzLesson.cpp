// SPDX-License-Identifier: GPL-3.0-or-later
// Lesson::fromJson (teaching lessons). Only core::Error may come out; an accepted lesson has a
// title, steps with text, and step configs core::TrainConfig accepts.
#include "FuzzInput.h"
#include "sparsescope/core/Error.h"
#include "sparsescope/core/training/TrainConfig.h"
#include "teaching/Lesson.h"

#include <stdexcept>

SPARSESCOPE_FUZZ_TARGET(lesson)
{
    app::Lesson lesson;
    try {
        lesson = app::Lesson::fromJson(
            QByteArray(reinterpret_cast<const char *>(data), qsizetype(size)),
            QStringLiteral("fuzz"));
    } catch (const core::Error &) {
        return 0;
    }
    // Accepted: nothing below may throw.
    if (lesson.title.isEmpty() || lesson.steps.isEmpty())
        throw std::logic_error("a lesson without title or steps was accepted");
    for (const app::LessonStep &step : lesson.steps) {
        if (step.text.isEmpty())
            throw std::logic_error("a step without text was accepted");
        if (!step.config.isEmpty())
            core::TrainConfig::fromJson(step.config.toStdString(), "accepted step");
    }
    return 0;
}
