// SPDX-License-Identifier: GPL-3.0-or-later
// A user's TorchScript model as a test fixture (plain types: app tests use it without torch).
#pragma once

#include <string>

namespace sparsescope::test {

/// Writes a small TorchScript classifier (conv "conv" → relu → pool → linear "head", 1×28×28
/// input, `classes` outputs) with a scripted forward() — code, as torch.jit.script output holds.
/// Returns `path`.
std::string writeScriptModule(const std::string &path, int classes);

} // namespace sparsescope::test
