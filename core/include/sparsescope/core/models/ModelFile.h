// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <string>
#include <vector>

namespace sparsescope::core {

/// What a model file holds, read from its zip directory and its TorchScript sources without
/// loading it (issue 19.8: models are code). A TorchScript file carries methods (`def …` in its
/// code/ records) that LibTorch runs when the file is loaded (`__setstate__`) or used; the
/// archives SparseScope writes (built-in models, checkpoints, trainer states) declare classes
/// without methods, so loading them runs nothing of the file's.
class ModelFile
{
public:
    /// Inspects `reference`: a model file, or a run folder (its model.pt). Throws core::Error
    /// naming the file when it is missing or not a LibTorch/TorchScript zip archive.
    static ModelFile inspect(const std::string &reference);

    /// The file inspected (model.pt of a run folder).
    const std::string &path() const { return m_path; }
    /// True when the file holds TorchScript methods: loading it runs code from the file.
    bool containsCode() const { return !m_codeRecords.empty(); }
    /// The code records with methods (e.g. "code/__torch__/model.py").
    const std::vector<std::string> &codeRecords() const { return m_codeRecords; }
    /// True for an archive written by SparseScope's Model::save of a built-in architecture.
    bool isSparseScopeArchive() const { return m_sparseScopeArchive; }

private:
    std::string m_path;
    std::vector<std::string> m_codeRecords;
    bool m_sparseScopeArchive = false;
};

} // namespace sparsescope::core
