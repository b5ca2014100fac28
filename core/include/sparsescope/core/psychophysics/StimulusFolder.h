// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace sparsescope::core {

/// One stimulus image and what a trial records about it.
struct Stimulus
{
    std::string path; ///< the file
    std::string image; ///< its file name (the trial's imagename)
    std::string experiment;
    std::string condition;
    std::string category; ///< the presented (true) category
};

/// A folder of stimulus images for a model observer. A file named like the 2018 stimuli,
/// `IIII_<exp code>_<observer>_<condition>_<category>_…` (e.g.
/// `0001_nse_dnn_0.35_knife_10_n03041632_8618.png`), gives experiment, condition and category
/// by its name; any other file takes its category from its parent folder and its condition from
/// the folder above when that lies inside the stimulus folder (the `<level>/<class>/` layout
/// degrade-set writes), else "0".
class StimulusFolder
{
public:
    /// Every image file under `directory` (recursively; png, jpg, jpeg, bmp, tif, tiff, any
    /// case), sorted by path. `categories`: the allowed category names. `experiment`: the
    /// experiment of files without a 2018 name (empty: the folder's name). Throws core::Error
    /// naming the folder when it is missing or has no images, and naming the file when its
    /// category cannot be told.
    static std::vector<Stimulus> scan(const std::string &directory,
                                      const std::vector<std::string> &categories,
                                      const std::string &experiment = {});

    /// Fills experiment, condition and category from a 2018 stimulus name; false when the name
    /// does not have that form or its category is not in `categories`.
    static bool parseName(std::string_view fileName, const std::vector<std::string> &categories,
                          Stimulus &stimulus);

    /// The experiment of a 2018 experiment code in image names ("nse" → "noise", "cop" →
    /// "contrast-png"); empty when unknown.
    static std::string experimentOfCode(std::string_view code);
};

} // namespace sparsescope::core
