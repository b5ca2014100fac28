// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "sparsescope/core/psychophysics/StringPool.h"

#include <cstdint>
#include <string_view>
#include <vector>

namespace sparsescope::core {

/// Who gave a response: a human subject or a DNN (whose sessions are its replicate units).
enum class ObserverKind : std::uint8_t { Human, Dnn };

/// "human" or "dnn".
std::string_view observerKindName(ObserverKind kind);

/// One trial as plain values, for appending (strings are interned on append).
struct TrialRecord
{
    std::string_view experiment;
    std::string_view observer;
    ObserverKind kind = ObserverKind::Human;
    std::int32_t session = 1;
    std::int32_t trial = 1;
    double rt = 0.0; ///< seconds; NaN for DNNs and for non-responses
    std::string_view response; ///< a category, or "na" (no answer in time)
    std::string_view category; ///< the presented (true) category
    std::string_view condition;
    std::string_view image;
};

/// Psychophysics trials stored by column (experiment, observer, observer kind, session, trial,
/// rt, response, category, condition, image). Strings are interned to small ids: experiments,
/// observers and conditions in their own pools; responses and categories share the label pool,
/// whose id 0 is always "na"; images by their full file name (shortImageId() gives the id
/// model-vs-human matches observers on; ConsistencyTable derives it only when needed).
/// Appending allocates nothing per trial beyond the amortised growth of the columns.
class TrialTable
{
public:
    static constexpr std::int32_t kNoResponse = 0; ///< label id of "na"
    static constexpr std::string_view kNoResponseName = "na";

    TrialTable();

    void reserve(std::size_t trials);
    /// Makes room for `trials` more rows, growing geometrically.
    void reserveMore(std::size_t trials);
    void append(const TrialRecord &trial);
    /// Appends by ids already interned in this table's pools (the readers' fast path).
    void appendIds(std::int32_t experiment, std::int32_t observer, ObserverKind kind,
                   std::int32_t session, std::int32_t trial, double rt, std::int32_t response,
                   std::int32_t category, std::int32_t condition, std::int32_t image);
    /// Appends every trial of `other` (ids are translated into this table's pools).
    void appendTable(const TrialTable &other);

    std::size_t size() const { return m_session.size(); }
    bool empty() const { return m_session.empty(); }

    // Columns (index = trial row).
    const std::vector<std::int32_t> &experiments() const { return m_experiment; }
    const std::vector<std::int32_t> &observers() const { return m_observer; }
    const std::vector<ObserverKind> &kinds() const { return m_kind; }
    const std::vector<std::int32_t> &sessions() const { return m_session; }
    const std::vector<std::int32_t> &trials() const { return m_trial; }
    const std::vector<double> &rts() const { return m_rt; }
    const std::vector<std::int32_t> &responses() const { return m_response; }
    const std::vector<std::int32_t> &categories() const { return m_category; }
    const std::vector<std::int32_t> &conditions() const { return m_condition; }
    const std::vector<std::int32_t> &images() const { return m_image; }

    // Pools.
    StringPool &experimentNames() { return m_experimentNames; }
    const StringPool &experimentNames() const { return m_experimentNames; }
    StringPool &observerNames() { return m_observerNames; }
    const StringPool &observerNames() const { return m_observerNames; }
    StringPool &labelNames() { return m_labelNames; }
    const StringPool &labelNames() const { return m_labelNames; }
    StringPool &conditionNames() { return m_conditionNames; }
    const StringPool &conditionNames() const { return m_conditionNames; }
    StringPool &imageNames() { return m_imageNames; }
    const StringPool &imageNames() const { return m_imageNames; }

    /// True when the response of row `i` equals its category ("na" is always wrong).
    bool correct(std::size_t i) const { return m_response[i] == m_category[i]; }

    /// The short image id of a file name: its last two `_`-separated fields
    /// (`0001_cl_s01_cr_oven_40_n04111531_14126.png` → `n04111531_14126.png`), or the whole
    /// name when it has fewer than two `_`.
    static std::string_view shortImageId(std::string_view imageName);

private:
    StringPool m_experimentNames, m_observerNames, m_labelNames, m_conditionNames, m_imageNames;
    std::vector<std::int32_t> m_experiment, m_observer, m_session, m_trial, m_response, m_category,
        m_condition, m_image;
    std::vector<ObserverKind> m_kind;
    std::vector<double> m_rt;
};

} // namespace sparsescope::core
