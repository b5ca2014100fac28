// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace sparsescope::core {

/// What a tabular target is predicted as.
enum class TabularTask { Regression, Classification };

/// "regression" / "classification".
std::string toString(TabularTask task);

/// What the reader does with an empty or NA field in a feature column.
enum class MissingValues {
    Error, ///< core::Error naming the file and line
    MeanImpute ///< kept as NaN; TableScaler fills in the training rows' mean
};

/// How to read a CSV table.
struct CsvOptions
{
    char delimiter = ',';
    int skipRows = 0; ///< physical lines skipped before the header (Boston's count line: 1)
    bool header = true; ///< without one, columns are named by their 0-based index ("0", "1", …)
    std::string target; ///< the target column's name (or index without header); empty: the last
    MissingValues missing = MissingValues::Error;
    bool oneHot = false; ///< one 0/1 column per value of each non-numeric feature column
    bool autoTask = true; ///< classification when the target is not numeric, else regression
    TabularTask task = TabularTask::Regression; ///< used when autoTask is false
};

/// A CSV table read into a numeric feature matrix and a target: RFC 4180 quoting (delimiters,
/// doubled quotes and newlines inside quoted fields), numeric columns, missing values (error or
/// NaN for later imputation), optional one-hot columns, a regression or classification target.
/// Bad rows are core::Error naming the file and the line.
class CsvTable
{
public:
    static CsvTable read(const std::string &path, const CsvOptions &options);
    /// Parses `text` as if it were the file `source` (named in errors).
    static CsvTable parse(const std::string &text, const std::string &source,
                          const CsvOptions &options);

    const std::string &source() const { return m_source; }
    std::size_t rows() const { return m_targets.size(); }
    std::size_t features() const { return m_featureNames.size(); }
    const std::vector<std::string> &featureNames() const { return m_featureNames; }
    /// rows × features, row-major; NaN marks a missing value (MissingValues::MeanImpute).
    const std::vector<float> &values() const { return m_values; }
    float value(std::size_t row, std::size_t feature) const
    {
        return m_values[row * features() + feature];
    }
    /// Regression: the target value. Classification: the class index (see classNames()).
    const std::vector<float> &targets() const { return m_targets; }
    const std::string &targetName() const { return m_targetName; }
    TabularTask task() const { return m_task; }
    int numClasses() const { return static_cast<int>(m_classNames.size()); }
    /// Classification: the target's values, in class-index order (numeric order when numeric).
    const std::vector<std::string> &classNames() const { return m_classNames; }
    /// How many feature values were missing (NaN in values()).
    std::size_t missingCount() const { return m_missing; }
    /// The 1-based line of each row in the file (for messages).
    const std::vector<int> &lineNumbers() const { return m_lines; }

    /// A copy with `count` pure-noise features appended ("noise1" …): independent N(0, 1)
    /// draws, seeded, the same on every platform.
    CsvTable withNoiseFeatures(int count, std::uint64_t seed) const;

private:
    std::string m_source;
    std::vector<std::string> m_featureNames;
    std::vector<float> m_values;
    std::vector<float> m_targets;
    std::string m_targetName;
    TabularTask m_task = TabularTask::Regression;
    std::vector<std::string> m_classNames;
    std::size_t m_missing = 0;
    std::vector<int> m_lines;
};

} // namespace sparsescope::core
