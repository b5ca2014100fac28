// SPDX-License-Identifier: GPL-3.0-or-later
#include "sparsescope/core/psychophysics/TrialTable.h"

#include <algorithm>

namespace sparsescope::core {

std::string_view observerKindName(ObserverKind kind)
{
    return kind == ObserverKind::Human ? "human" : "dnn";
}

TrialTable::TrialTable()
{
    m_labelNames.intern(kNoResponseName);
}

std::string_view TrialTable::shortImageId(std::string_view imageName)
{
    const auto last = imageName.rfind('_');
    if (last == std::string_view::npos || last == 0)
        return imageName;
    const auto previous = imageName.rfind('_', last - 1);
    return previous == std::string_view::npos ? imageName : imageName.substr(previous + 1);
}

void TrialTable::reserve(std::size_t trials)
{
    for (auto *column : {&m_experiment, &m_observer, &m_session, &m_trial, &m_response, &m_category,
                         &m_condition, &m_image})
        column->reserve(trials);
    m_kind.reserve(trials);
    m_rt.reserve(trials);
}

void TrialTable::reserveMore(std::size_t trials)
{
    // Geometric growth, so that appending many files one by one stays linear.
    if (m_session.capacity() < size() + trials)
        reserve(std::max(size() + trials, 2 * m_session.capacity()));
}

void TrialTable::appendIds(std::int32_t experiment, std::int32_t observer, ObserverKind kind,
                           std::int32_t session, std::int32_t trial, double rt,
                           std::int32_t response, std::int32_t category, std::int32_t condition,
                           std::int32_t image)
{
    m_experiment.push_back(experiment);
    m_observer.push_back(observer);
    m_kind.push_back(kind);
    m_session.push_back(session);
    m_trial.push_back(trial);
    m_rt.push_back(rt);
    m_response.push_back(response);
    m_category.push_back(category);
    m_condition.push_back(condition);
    m_image.push_back(image);
}

void TrialTable::append(const TrialRecord &t)
{
    appendIds(m_experimentNames.intern(t.experiment), m_observerNames.intern(t.observer), t.kind,
              t.session, t.trial, t.rt, m_labelNames.intern(t.response),
              m_labelNames.intern(t.category), m_conditionNames.intern(t.condition),
              m_imageNames.intern(t.image));
}

void TrialTable::appendTable(const TrialTable &other)
{
    const auto translate = [](const StringPool &from, StringPool &to) {
        std::vector<std::int32_t> map(static_cast<std::size_t>(from.size()));
        for (std::int32_t id = 0; id < from.size(); ++id)
            map[static_cast<std::size_t>(id)] = to.intern(from.view(id));
        return map;
    };
    const auto experiments = translate(other.m_experimentNames, m_experimentNames);
    const auto observers = translate(other.m_observerNames, m_observerNames);
    const auto labels = translate(other.m_labelNames, m_labelNames);
    const auto conditions = translate(other.m_conditionNames, m_conditionNames);
    const auto images = translate(other.m_imageNames, m_imageNames);
    reserveMore(other.size());
    const auto at = [](const std::vector<std::int32_t> &map, std::int32_t id) {
        return map[static_cast<std::size_t>(id)];
    };
    for (std::size_t i = 0; i < other.size(); ++i)
        appendIds(at(experiments, other.m_experiment[i]), at(observers, other.m_observer[i]),
                  other.m_kind[i], other.m_session[i], other.m_trial[i], other.m_rt[i],
                  at(labels, other.m_response[i]), at(labels, other.m_category[i]),
                  at(conditions, other.m_condition[i]), at(images, other.m_image[i]));
}

} // namespace sparsescope::core
