// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "controllers/JobController.h"
#include "workers/ThinWorker.h"

#include <QString>
#include <QWidget>

#include <functional>
#include <memory>

class QLabel;
class QPlainTextEdit;
class QProgressBar;
class QPushButton;
class QTableWidget;

namespace sparsescope::app {

/// "Thin and compare": thins a trained model in a worker thread and shows the before/after
/// table (parameters, MACs, measured latency at batch 1 and 64, test accuracy, and the conv
/// layers with the same zeros scattered instead of removed) beside the two architectures; the
/// thinned model can be saved (LibTorch) or exported (ONNX), the table written as CSV.
class ThinCompareView : public QWidget
{
    Q_OBJECT

public:
    using ErrorReporter = std::function<void(const QString &title, const QString &message)>;

    explicit ThinCompareView(QWidget *parent = nullptr);
    ~ThinCompareView() override;

    void setErrorReporter(ErrorReporter reporter) { m_reportError = std::move(reporter); }
    /// Timed runs per latency measurement (default 20).
    void setRepeats(int repeats) { m_repeats = repeats; }

    /// Starts the comparison of `model` (a run folder, saved model or built-in name) on
    /// `testData` (a dataset spec; empty: no accuracy). Ignored while one runs.
    void compare(const QString &model, const QString &testData, int limit = 0);
    bool isBusy() const { return m_busy; }
    std::shared_ptr<const ThinComparison> result() const { return m_result; }
    QTableWidget *table() const { return m_table; }

    /// quantity,dense,thinned,ratio for every row of the table.
    bool exportCsv(const QString &path) const;
    /// Writes the thinned model: `.onnx` as ONNX, anything else as a LibTorch archive. Reports
    /// an error (and returns false) when there is none yet or it cannot be written.
    bool saveThinned(const QString &path);

Q_SIGNALS:
    void compared();
    void failed(const QString &message);

private:
    void show(std::shared_ptr<const ThinComparison> result);
    void setBusy(bool busy, const QString &text);

    JobController *m_jobs = nullptr;
    ErrorReporter m_reportError;
    std::shared_ptr<const ThinComparison> m_result;
    bool m_busy = false;
    int m_repeats = 20;

    QLabel *m_status = nullptr;
    QProgressBar *m_busyBar = nullptr;
    QTableWidget *m_table = nullptr;
    QLabel *m_note = nullptr;
    QPlainTextEdit *m_before = nullptr;
    QPlainTextEdit *m_after = nullptr;
    QPushButton *m_saveButton = nullptr;
    QPushButton *m_csvButton = nullptr;
};

} // namespace sparsescope::app
