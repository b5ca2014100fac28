// SPDX-License-Identifier: GPL-3.0-or-later
#include "sparsescope/widgets/StrengthEditor.h"

#include "sparsescope/core/sparsity/RegularizerRegistry.h"

#include <QAction>
#include <QDoubleSpinBox>
#include <QGridLayout>
#include <QLabel>
#include <QRegularExpression>
#include <QSlider>
#include <QUndoCommand>
#include <QUndoStack>

#include <algorithm>
#include <cmath>

namespace sparsescope::widgets {

/// One edit: the whole table and multiplier before and after. Moves of the same slider (same
/// merge key) within one drag merge into a single step.
class SetStrengthCommand : public QUndoCommand
{
public:
    using Values = std::map<std::pair<QString, QString>, double>;
    SetStrengthCommand(StrengthEditor &editor, Values before, double beforeMultiplier, Values after,
                       double afterMultiplier, int mergeKey, const QString &text)
        : QUndoCommand(text)
        , m_editor(editor)
        , m_before(std::move(before))
        , m_after(std::move(after))
        , m_beforeMultiplier(beforeMultiplier)
        , m_afterMultiplier(afterMultiplier)
        , m_mergeKey(mergeKey)
    { }
    void undo() override { m_editor.assign(m_before, m_beforeMultiplier); }
    void redo() override { m_editor.assign(m_after, m_afterMultiplier); }
    int id() const override { return m_mergeKey; }
    bool mergeWith(const QUndoCommand *other) override
    {
        const auto *next = static_cast<const SetStrengthCommand *>(other);
        m_after = next->m_after;
        m_afterMultiplier = next->m_afterMultiplier;
        return true;
    }

private:
    StrengthEditor &m_editor;
    Values m_before, m_after;
    double m_beforeMultiplier, m_afterMultiplier;
    int m_mergeKey;
};

namespace {
constexpr int kMaxPosition = 61; // 1 … 61: 10⁻⁶ … 10⁰ in tenths of a decade
}

QStringList StrengthEditor::allGroupTypes()
{
    QStringList types;
    for (const std::string &alias : core::RegularizerRegistry::editorColumns())
        types << QString::fromStdString(alias);
    return types;
}

void StrengthEditor::setGroupTypes(const QStringList &types)
{
    QStringList shown;
    for (const QString &type : allGroupTypes())
        if (types.contains(type))
            shown << type;
    if (shown == m_types)
        return;
    m_types = shown;
    for (auto it = m_values.begin(); it != m_values.end();)
        it = m_types.contains(it->first.second) ? std::next(it) : m_values.erase(it);
    m_undo->clear();
    rebuild();
}

int StrengthEditor::sliderPosition(double strength)
{
    if (!(strength > 0.0))
        return 0;
    return std::clamp(int(std::lround(10.0 * (std::log10(strength) + 6.0))) + 1, 1, kMaxPosition);
}

double StrengthEditor::strengthAt(int position)
{
    return position <= 0 ? 0.0 : std::pow(10.0, (position - 1) / 10.0 - 6.0);
}

StrengthEditor::StrengthEditor(QWidget *parent)
    : QWidget(parent)
    , m_types(allGroupTypes())
    , m_undo(new QUndoStack(this))
{
    m_grid = new QGridLayout(this);
    m_grid->setContentsMargins(0, 0, 0, 0);
    m_undoAction = m_undo->createUndoAction(this, tr("Undo strength edit"));
    m_undoAction->setShortcut(QKeySequence::Undo);
    m_redoAction = m_undo->createRedoAction(this, tr("Redo strength edit"));
    m_redoAction->setShortcut(QKeySequence::Redo);
    addAction(m_undoAction);
    addAction(m_redoAction);
    rebuild();
}

StrengthEditor::~StrengthEditor() = default;

void StrengthEditor::setLayers(const QStringList &layers)
{
    m_layers = layers;
    for (auto it = m_values.begin(); it != m_values.end();)
        it = layers.contains(it->first.first) ? std::next(it) : m_values.erase(it);
    m_undo->clear();
    rebuild();
}

void StrengthEditor::rebuild()
{
    while (QLayoutItem *item = m_grid->takeAt(0)) {
        delete item->widget();
        delete item;
    }
    m_cells.clear();
    m_multiplierSlider = nullptr;
    m_multiplierLabel = nullptr;
    const QStringList types = groupTypes();
    for (int c = 0; c < types.size(); ++c) {
        auto *header = new QLabel(QStringLiteral("<b>%1</b>").arg(types[c]));
        m_grid->addWidget(header, 0, 1 + 2 * c, 1, 2, Qt::AlignHCenter);
    }
    if (m_layers.isEmpty()) {
        auto *empty = new QLabel(tr("Choose a model: its layers appear here."));
        empty->setEnabled(false);
        m_grid->addWidget(empty, 1, 0, 1, 1 + 2 * int(types.size()));
    }
    for (int r = 0; r < m_layers.size(); ++r) {
        const QString layer = m_layers[r];
        m_grid->addWidget(new QLabel(layer), r + 1, 0);
        for (int c = 0; c < types.size(); ++c) {
            const QString type = types[c];
            Cell cell;
            cell.slider = new QSlider(Qt::Horizontal);
            cell.slider->setObjectName(QStringLiteral("strength-%1-%2").arg(layer, type));
            cell.slider->setRange(0, kMaxPosition);
            cell.slider->setMinimumWidth(70);
            cell.slider->setToolTip(tr("%1 groups of %2: λ from 10⁻⁶ to 1 (log scale); left end "
                                       "= off")
                                        .arg(type, layer));
            cell.spin = new QDoubleSpinBox;
            cell.spin->setObjectName(QStringLiteral("strengthSpin-%1-%2").arg(layer, type));
            cell.spin->setDecimals(6);
            cell.spin->setRange(0.0, 10.0);
            cell.spin->setStepType(QAbstractSpinBox::AdaptiveDecimalStepType);
            cell.spin->setSpecialValueText(tr("off"));
            cell.spin->setMinimumWidth(80);
            const int mergeKey = r * 16 + c;
            connect(cell.slider, &QSlider::valueChanged, this,
                    [this, layer, type, mergeKey](int v) {
                        if (m_showing)
                            return;
                        auto after = m_values;
                        after[{layer, type}] = strengthAt(v);
                        m_undo->push(new SetStrengthCommand(*this, m_values, m_multiplier, after,
                                                            m_multiplier, mergeKey,
                                                            tr("%1 %2 strength").arg(layer, type)));
                    });
            connect(cell.spin, &QDoubleSpinBox::editingFinished, this, [this, layer, type] {
                const double value = m_cells[{layer, type}].spin->value();
                if (std::abs(value - strength(layer, type)) > 1e-12)
                    setStrength(layer, type, value);
            });
            m_grid->addWidget(cell.slider, r + 1, 1 + 2 * c);
            m_grid->addWidget(cell.spin, r + 1, 2 + 2 * c);
            m_cells[{layer, type}] = cell;
        }
    }
    const int last = int(m_layers.size()) + 1;
    m_grid->addWidget(new QLabel(tr("× all:")), last, 0);
    m_multiplierSlider = new QSlider(Qt::Horizontal);
    m_multiplierSlider->setObjectName(QStringLiteral("multiplierSlider"));
    m_multiplierSlider->setRange(-20, 20);
    m_multiplierSlider->setToolTip(tr("Global multiplier of every strength (10⁻² … 10²)"));
    m_multiplierLabel = new QLabel;
    connect(m_multiplierSlider, &QSlider::valueChanged, this, [this](int value) {
        if (m_showing)
            return;
        const double next = std::pow(10.0, value / 10.0);
        m_undo->push(new SetStrengthCommand(*this, m_values, m_multiplier, m_values, next, 1000000,
                                            tr("multiplier ×%1").arg(next, 0, 'g', 3)));
    });
    m_grid->addWidget(m_multiplierSlider, last, 1, 1, 3);
    m_grid->addWidget(m_multiplierLabel, last, 4, 1, 2);
    showValues();
}

void StrengthEditor::showValues()
{
    m_showing = true;
    for (auto &[key, cell] : m_cells) {
        const double value = strength(key.first, key.second);
        cell.slider->setValue(sliderPosition(value));
        cell.spin->setValue(value);
    }
    if (m_multiplierSlider) {
        m_multiplierSlider->setValue(int(std::lround(10.0 * std::log10(m_multiplier))));
        m_multiplierLabel->setText(QStringLiteral("×%1").arg(m_multiplier, 0, 'g', 3));
    }
    m_showing = false;
}

void StrengthEditor::assign(const std::map<std::pair<QString, QString>, double> &values,
                            double multiplier)
{
    m_values = values;
    m_multiplier = multiplier;
    showValues();
    Q_EMIT termsChanged();
}

void StrengthEditor::setStrength(const QString &layer, const QString &type, double value)
{
    auto after = m_values;
    after[{layer, type}] = std::max(0.0, value);
    m_undo->push(new SetStrengthCommand(*this, m_values, m_multiplier, after, m_multiplier, -1,
                                        tr("%1 %2 strength").arg(layer, type)));
}

double StrengthEditor::strength(const QString &layer, const QString &type) const
{
    const auto it = m_values.find({layer, type});
    return it == m_values.end() ? 0.0 : it->second;
}

void StrengthEditor::setMultiplier(double multiplier)
{
    m_undo->push(new SetStrengthCommand(*this, m_values, m_multiplier, m_values,
                                        std::clamp(multiplier, 0.01, 100.0), -1, tr("multiplier")));
}

std::vector<core::RegularizationTerm>
StrengthEditor::applyTerms(const std::vector<core::RegularizationTerm> &terms, bool replace)
{
    auto after = m_values;
    if (replace)
        for (auto &entry : after)
            entry.second = 0.0;
    std::vector<core::RegularizationTerm> others;
    for (const auto &term : terms) {
        const QString type = QString::fromStdString(term.type);
        if (!groupTypes().contains(type)) {
            others.push_back(term);
            continue;
        }
        const QRegularExpression pattern(
            QRegularExpression::wildcardToRegularExpression(QString::fromStdString(term.layers)));
        for (const QString &layer : m_layers)
            if (pattern.match(layer).hasMatch())
                after[{layer, type}] = term.strength;
    }
    m_undo->push(new SetStrengthCommand(*this, m_values, m_multiplier, after,
                                        replace ? 1.0 : m_multiplier, -1, tr("preset")));
    return others;
}

std::vector<core::RegularizationTerm> StrengthEditor::terms() const
{
    std::vector<core::RegularizationTerm> result;
    for (const QString &layer : m_layers)
        for (const QString &type : groupTypes()) {
            const double value = strength(layer, type) * m_multiplier;
            if (value > 0.0)
                result.push_back({layer.toStdString(), type.toStdString(), value});
        }
    return result;
}

} // namespace sparsescope::widgets
