// SPDX-License-Identifier: GPL-3.0-or-later
#include "sparsescope/core/psychophysics/ImageNetCategories.h"

#include "sparsescope/core/Error.h"

#include <algorithm>
#include <cmath>

namespace sparsescope::core {

namespace {

// ILSVRC-2012 output indices per category (methods.md §4.2; identical to model-vs-human's
// hard-coded lists and to derived/16class_imagenet_indices.json of the reference data).
const std::vector<std::vector<int>> &indexTable()
{
    static const std::vector<std::vector<int>> table = {
        {404}, // airplane
        {294, 295, 296, 297}, // bear
        {444, 671}, // bicycle
        {8,   10,  11,  12,  13,  14,  15,  16,  18,  19,  20,  22,  23,  24,  80,  81,  82,
         83,  87,  88,  89,  90,  91,  92,  93,  94,  95,  96,  98,  99,  100, 127, 128, 129,
         130, 131, 132, 133, 135, 136, 137, 138, 139, 140, 141, 142, 143, 144, 145}, // bird
        {472, 554, 625, 814, 914}, // boat
        {440, 720, 737, 898, 899, 901, 907}, // bottle
        {436, 511, 817}, // car
        {281, 282, 283, 284, 285, 286}, // cat
        {423, 559, 765, 857}, // chair
        {409, 530, 892}, // clock
        {152, 153, 154, 155, 156, 157, 158, 159, 160, 161, 162, 163, 164, 165, 166, 167,
         168, 169, 170, 171, 172, 173, 174, 175, 176, 177, 178, 179, 180, 181, 182, 183,
         184, 185, 186, 187, 188, 189, 190, 191, 193, 194, 195, 196, 197, 198, 199, 200,
         201, 202, 203, 205, 206, 207, 208, 209, 210, 211, 212, 213, 214, 215, 216, 217,
         218, 219, 220, 221, 222, 223, 224, 225, 226, 228, 229, 230, 231, 232, 233, 234,
         235, 236, 237, 238, 239, 240, 241, 243, 244, 245, 246, 247, 248, 249, 250, 252,
         253, 254, 255, 256, 257, 259, 261, 262, 263, 265, 266, 267, 268}, // dog
        {385, 386}, // elephant
        {508, 878}, // keyboard
        {499}, // knife
        {766}, // oven
        {555, 569, 656, 675, 717, 734, 864, 867}, // truck
    };
    return table;
}

const std::vector<int> &categoryByClass()
{
    static const std::vector<int> table = [] {
        std::vector<int> t(ImageNetCategories::kImageNetClasses, -1);
        const auto &indices = indexTable();
        for (int c = 0; c < ImageNetCategories::kCategories; ++c)
            for (int i : indices[c])
                t[i] = c;
        return t;
    }();
    return table;
}

} // namespace

const std::vector<std::string> &ImageNetCategories::names()
{
    static const std::vector<std::string> list
        = {"airplane", "bear",  "bicycle", "bird",     "boat",     "bottle", "car",  "cat",
           "chair",    "clock", "dog",     "elephant", "keyboard", "knife",  "oven", "truck"};
    return list;
}

const std::vector<int> &ImageNetCategories::imageNetIndices(int category)
{
    if (category < 0 || category >= kCategories)
        throw Error({}, "no category with index " + std::to_string(category));
    return indexTable()[category];
}

int ImageNetCategories::categoryOf(int imageNetIndex)
{
    if (imageNetIndex < 0 || imageNetIndex >= kImageNetClasses)
        return -1;
    return categoryByClass()[imageNetIndex];
}

int ImageNetCategories::find(std::string_view name)
{
    const auto &list = names();
    const auto it = std::find(list.begin(), list.end(), name);
    return it == list.end() ? -1 : static_cast<int>(it - list.begin());
}

CategoryAggregation ImageNetCategories::parseAggregation(const std::string &text)
{
    if (text == "sum")
        return CategoryAggregation::Sum;
    if (text == "mean")
        return CategoryAggregation::Mean;
    throw Error(text, "is not a category aggregation",
                "use sum (the 2018 paper) or mean (model-vs-human)");
}

std::string_view ImageNetCategories::aggregationName(CategoryAggregation aggregation)
{
    return aggregation == CategoryAggregation::Sum ? "sum" : "mean";
}

std::array<double, ImageNetCategories::kCategories>
ImageNetCategories::scores(const float *logits, CategoryAggregation aggregation)
{
    double largest = logits[0];
    for (int i = 1; i < kImageNetClasses; ++i)
        largest = std::max(largest, double(logits[i]));
    double total = 0.0;
    for (int i = 0; i < kImageNetClasses; ++i)
        total += std::exp(double(logits[i]) - largest);
    std::array<double, kCategories> result {};
    const auto &indices = indexTable();
    for (int c = 0; c < kCategories; ++c) {
        double sum = 0.0;
        for (int i : indices[c])
            sum += std::exp(double(logits[i]) - largest) / total;
        result[c] = aggregation == CategoryAggregation::Sum ? sum : sum / double(indices[c].size());
    }
    return result;
}

int ImageNetCategories::decide(const float *logits, CategoryAggregation aggregation)
{
    const auto s = scores(logits, aggregation);
    return static_cast<int>(std::max_element(s.begin(), s.end()) - s.begin());
}

const std::vector<std::string> &ImageNetCategories::sixteenClassOutputOrder()
{
    static const std::vector<std::string> order
        = {"knife", "keyboard", "elephant", "bicycle", "airplane", "clock", "oven", "chair",
           "bear",  "boat",     "cat",      "bottle",  "truck",    "car",   "bird", "dog"};
    return order;
}

} // namespace sparsescope::core
