// SPDX-License-Identifier: GPL-3.0-or-later
#include "sparsescope/widgets/StrengthEditor.h"

#include <gtest/gtest.h>

#include <QDoubleSpinBox>
#include <QSignalSpy>
#include <QSlider>
#include <QUndoStack>

using sparsescope::widgets::StrengthEditor;

TEST(StrengthEditor, LogSliderPositionsRoundTrip)
{
    EXPECT_EQ(StrengthEditor::sliderPosition(0.0), 0);
    EXPECT_DOUBLE_EQ(StrengthEditor::strengthAt(0), 0.0);
    EXPECT_EQ(StrengthEditor::sliderPosition(1e-6), 1);
    EXPECT_EQ(StrengthEditor::sliderPosition(1.0), 61);
    EXPECT_EQ(StrengthEditor::sliderPosition(1e-3), 31);
    for (int p = 1; p <= 61; ++p)
        EXPECT_EQ(StrengthEditor::sliderPosition(StrengthEditor::strengthAt(p)), p);
    EXPECT_NEAR(StrengthEditor::strengthAt(31), 1e-3, 1e-12);
}

TEST(StrengthEditor, SlidersSpinBoxesMultiplierAndUndo)
{
    StrengthEditor editor;
    editor.setLayers({QStringLiteral("conv1"), QStringLiteral("conv2")});
    QSignalSpy changed(&editor, &StrengthEditor::termsChanged);
    auto *slider = editor.findChild<QSlider *>(QStringLiteral("strength-conv2-filter"));
    ASSERT_NE(slider, nullptr);
    // A drag: several positions of one slider are one undo step.
    slider->setValue(20);
    slider->setValue(25);
    slider->setValue(31);
    EXPECT_EQ(changed.count(), 3);
    EXPECT_NEAR(editor.strength(QStringLiteral("conv2"), QStringLiteral("filter")), 1e-3, 1e-12);
    EXPECT_EQ(editor.undoStack()->count(), 1);
    auto *spin = editor.findChild<QDoubleSpinBox *>(QStringLiteral("strengthSpin-conv2-filter"));
    EXPECT_NEAR(spin->value(), 1e-3, 1e-9) << "the spin box shows the slider's value";
    editor.setStrength(QStringLiteral("conv1"), QStringLiteral("shape"), 0.02);
    editor.setMultiplier(10.0);
    auto terms = editor.terms();
    ASSERT_EQ(terms.size(), 2u);
    EXPECT_EQ(terms[0].layers, "conv1");
    EXPECT_EQ(terms[0].type, "shape");
    EXPECT_NEAR(terms[0].strength, 0.2, 1e-12) << "cell × multiplier";
    EXPECT_NEAR(terms[1].strength, 1e-2, 1e-12);
    editor.undoAction()->trigger(); // multiplier
    editor.undoAction()->trigger(); // conv1 shape
    terms = editor.terms();
    ASSERT_EQ(terms.size(), 1u);
    EXPECT_NEAR(terms[0].strength, 1e-3, 1e-12);
    EXPECT_EQ(slider->value(), 31);
    editor.undoAction()->trigger(); // the drag
    EXPECT_TRUE(editor.terms().empty());
    EXPECT_EQ(slider->value(), 0);
    editor.redoAction()->trigger();
    EXPECT_EQ(editor.terms().size(), 1u);
    EXPECT_EQ(slider->value(), 31);
}

TEST(StrengthEditor, PresetTermsAndChangingLayers)
{
    StrengthEditor editor;
    editor.setLayers({QStringLiteral("conv1"), QStringLiteral("conv2"), QStringLiteral("fc1")});
    editor.applyTerms({{"*", "channel", 0.005}, {"conv1", "shape", 1.8}, {"conv*", "kernel", 1.0}});
    EXPECT_NEAR(editor.strength(QStringLiteral("fc1"), QStringLiteral("channel")), 0.005, 1e-12);
    EXPECT_NEAR(editor.strength(QStringLiteral("conv1"), QStringLiteral("shape")), 1.8, 1e-12);
    EXPECT_EQ(editor.terms().size(), 4u) << "kernel is not a column of this editor";
    // Layers that stay keep their strengths; undo history starts afresh.
    editor.setLayers({QStringLiteral("conv1")});
    EXPECT_NEAR(editor.strength(QStringLiteral("conv1"), QStringLiteral("shape")), 1.8, 1e-12);
    EXPECT_EQ(editor.terms().size(), 2u);
    EXPECT_EQ(editor.undoStack()->count(), 0);
}
