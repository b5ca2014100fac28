// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "sparsescope/core/models/ModelOptions.h"
#include "sparsescope/core/models/ModelStructure.h"

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace sparsescope::core {

class Dataset;
class ModelImpl;

/// Accuracy of a model on a dataset, and optionally the logits of every sample in order.
struct Evaluation
{
    std::size_t correct = 0;
    std::size_t count = 0;
    double loss = 0.0; ///< mean cross-entropy
    std::vector<float> logits; ///< count × numClasses when requested
    int numClasses = 0;
    double accuracy() const { return count ? double(correct) / double(count) : 0.0; }
};

/// A network: a built-in architecture or a user's TorchScript module. Copies share the same
/// weights (like torch modules); use clone() for an independent copy.
class Model
{
public:
    Model();
    ~Model();
    Model(const Model &);
    Model &operator=(const Model &);

    /// A fresh built-in architecture (ModelRegistry names); seeded initialisation.
    static Model create(const std::string &architecture, const ModelOptions &options,
                        std::uint64_t seed = 0);
    /// A registry name, a run folder (its model.pt), a LibTorch archive written by save(), or a
    /// TorchScript file. `options` is used only for registry names.
    static Model load(const std::string &reference, const ModelOptions &options = {});
    /// load() that refuses a file holding TorchScript code (ModelFile::containsCode) with a
    /// core::Error, before LibTorch sees it: for files the user has not acted on yet (the GUI's
    /// layer list) and files not yet confirmed (issue 19.8).
    static Model loadWithoutCode(const std::string &reference, const ModelOptions &options = {});
    /// load() with a built-in name sized for `data` (its channels, image size and classes).
    static Model loadFor(const std::string &reference, const Dataset &data);
    /// True when `reference` names a built-in architecture rather than a file.
    static bool isRegistryName(const std::string &reference);

    /// LibTorch archive for built-ins; TorchScript models are saved as TorchScript.
    void save(const std::string &path) const;
    Model clone() const;

    bool isValid() const { return static_cast<bool>(m_impl); }
    bool isTorchScript() const;
    std::string architecture() const;
    const ModelOptions &options() const;
    ModelStructure structure() const;
    std::int64_t parameterCount() const;

    /// Evaluates in inference mode (no grad, eval mode), batch by batch.
    Evaluation evaluate(const Dataset &data, int batchSize = 256, bool keepLogits = false) const;

    /// Internal: the torch side, for core sources only (see models/ModelImpl_p.h).
    ModelImpl &impl() const { return *m_impl; }

private:
    explicit Model(std::shared_ptr<ModelImpl> impl);
    std::shared_ptr<ModelImpl> m_impl;
    friend class ModelImpl;
};

} // namespace sparsescope::core
