// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <array>
#include <string>
#include <string_view>
#include <vector>

namespace sparsescope::core {

/// How the softmax probabilities of a category's ImageNet classes become the category's score.
enum class CategoryAggregation {
    Sum, ///< the 2018 paper (`object_response_sums`)
    Mean, ///< model-vs-human (2021), `aggregation_function=np.mean`
};

/// The 16 entry-level categories of 16-class-ImageNet (Geirhos et al. 2018, methods.md §4.2) and
/// the mapping of a 1000-class ImageNet output to a 16-class decision: softmax over the 1000
/// logits, per category the sum or the mean of the probabilities of its ImageNet classes (207 of
/// the 1000 are mapped), decision = argmax over the 16 scores (the first category on ties, as
/// np.argmax).
class ImageNetCategories
{
public:
    static constexpr int kCategories = 16;
    static constexpr int kImageNetClasses = 1000;

    /// The 16 names in the alphabetical order every 2018 script uses (airplane … truck).
    static const std::vector<std::string> &names();
    /// The 0-based ILSVRC-2012 output indices of category `category` (0…15), ascending.
    static const std::vector<int> &imageNetIndices(int category);
    /// The category of an ImageNet output index, or -1 for the 793 unmapped classes.
    static int categoryOf(int imageNetIndex);
    /// The index of a category name, or -1.
    static int find(std::string_view name);

    /// "sum" or "mean"; core::Error otherwise.
    static CategoryAggregation parseAggregation(const std::string &text);
    static std::string_view aggregationName(CategoryAggregation aggregation);

    /// The 16 scores of one 1000-logit output (softmax in double, then sum or mean per category).
    static std::array<double, kCategories> scores(const float *logits,
                                                  CategoryAggregation aggregation);
    /// argmax of scores(): the category index of the decision.
    static int decide(const float *logits, CategoryAggregation aggregation);

    /// The output order of the 16-way ResNet-50s the 2018 authors trained on 16-class-ImageNet
    /// (knife, keyboard, elephant, …, dog): their decision is the plain argmax in this order.
    static const std::vector<std::string> &sixteenClassOutputOrder();
};

} // namespace sparsescope::core
