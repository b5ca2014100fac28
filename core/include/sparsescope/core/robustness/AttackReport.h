// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "sparsescope/core/robustness/AttackRecord.h"

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace sparsescope::core {

/// One sample's clean and adversarial images (C×H×W floats in [0, 1]) and class probabilities,
/// for the GUI's live view and the CLI's --save-examples.
struct AdversarialExample
{
    std::size_t index = 0;
    double epsilon = 0.0;
    std::int64_t label = 0;
    std::int64_t predClean = 0;
    std::int64_t predAdv = 0;
    int channels = 0;
    int height = 0;
    int width = 0;
    std::vector<float> original;
    std::vector<float> adversarial;
    std::vector<float> probabilitiesClean;
    std::vector<float> probabilitiesAdv;
};

/// Everything one attack job produced: a record per sample and ε (ε-major order), a summary per
/// ε, and the kept examples.
struct AttackReport
{
    std::string attack;
    std::vector<AttackRecord> records;
    std::vector<AttackSummary> summaries;
    std::vector<AdversarialExample> examples;
    bool cancelled = false;
    double seconds = 0.0;

    /// The per-sample CSV: index,label,pred_clean,pred_adv,eps,success,l2,linf,rho2 (eps empty
    /// for minimal attacks; norms empty where the attack failed). Throws core::Error on I/O
    /// failure.
    void writeCsv(const std::string &path) const;
    /// The summaries as CSV: attack,eps,count,clean_accuracy,adversarial_accuracy,success_rate,
    /// mean_rho2,median_rho2,mean_l2.
    void writeSummaryCsv(const std::string &path) const;
    /// Aggregates records (all with the same ε) into a summary.
    static AttackSummary summarise(const std::string &attack, const AttackRecord *records,
                                   std::size_t count);
};

} // namespace sparsescope::core
