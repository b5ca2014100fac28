// SPDX-License-Identifier: GPL-3.0-or-later
#include "sparsescope/core/robustness/AttackReport.h"

#include "common/CsvText_p.h"
#include "sparsescope/core/Error.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <sstream>

namespace sparsescope::core {

AttackSummary AttackReport::summarise(const std::string &attack, const AttackRecord *records,
                                      std::size_t count)
{
    AttackSummary summary;
    summary.attack = attack;
    summary.count = count;
    std::vector<double> rho;
    double l2Sum = 0.0;
    for (std::size_t i = 0; i < count; ++i) {
        const AttackRecord &r = records[i];
        summary.epsilon = r.epsilon;
        const bool cleanCorrect = r.predClean == r.label;
        summary.cleanCorrect += cleanCorrect;
        summary.adversarialCorrect += r.predAdv == r.label;
        if (cleanCorrect && r.success) {
            ++summary.fooled;
            if (!std::isnan(r.rho2)) {
                rho.push_back(r.rho2);
                l2Sum += r.l2;
            }
        }
    }
    if (!rho.empty()) {
        double sum = 0.0;
        for (double v : rho)
            sum += v;
        summary.meanRho2 = sum / double(rho.size());
        summary.meanL2 = l2Sum / double(rho.size());
        std::sort(rho.begin(), rho.end());
        const std::size_t m = rho.size() / 2;
        summary.medianRho2 = rho.size() % 2 ? rho[m] : 0.5 * (rho[m - 1] + rho[m]);
    }
    return summary;
}

void AttackReport::writeCsv(const std::string &path) const
{
    std::ostringstream out;
    out << "index,label,pred_clean,pred_adv,eps,success,l2,linf,rho2\n";
    for (const AttackRecord &r : records)
        out << r.index << ',' << r.label << ',' << r.predClean << ',' << r.predAdv << ','
            << csvNumberOrEmpty(r.epsilon) << ',' << (r.success ? 1 : 0) << ','
            << csvNumberOrEmpty(r.l2) << ',' << csvNumberOrEmpty(r.linf) << ','
            << csvNumberOrEmpty(r.rho2) << '\n';
    writeTextFile(path, out.str());
}

void AttackReport::writeSummaryCsv(const std::string &path) const
{
    std::ostringstream out;
    out << "attack,eps,count,clean_accuracy,adversarial_accuracy,success_rate,mean_rho2,"
           "median_rho2,mean_l2\n";
    for (const AttackSummary &s : summaries)
        out << s.attack << ',' << csvNumberOrEmpty(s.epsilon) << ',' << s.count << ','
            << csvNumberOrEmpty(s.cleanAccuracy()) << ','
            << csvNumberOrEmpty(s.adversarialAccuracy()) << ',' << csvNumberOrEmpty(s.successRate())
            << ',' << csvNumberOrEmpty(s.meanRho2) << ',' << csvNumberOrEmpty(s.medianRho2) << ','
            << csvNumberOrEmpty(s.meanL2) << '\n';
    writeTextFile(path, out.str());
}

} // namespace sparsescope::core
