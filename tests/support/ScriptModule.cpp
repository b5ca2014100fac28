// SPDX-License-Identifier: GPL-3.0-or-later
#include "ScriptModule.h"

#include <torch/script.h>
#include <torch/torch.h>

namespace sparsescope::test {

std::string writeScriptModule(const std::string &path, int classes)
{
    torch::manual_seed(0);
    torch::jit::Module conv("Conv");
    conv.register_parameter("weight", torch::randn({6, 1, 5, 5}) * 0.2, false);
    conv.register_parameter("bias", torch::zeros({6}), false);
    torch::jit::Module head("Head");
    head.register_parameter("weight", torch::randn({classes, 6 * 12 * 12}) * 0.01, false);
    head.register_parameter("bias", torch::zeros({classes}), false);
    torch::jit::Module module("UserNet");
    module.register_module("conv", conv);
    module.register_module("head", head);
    module.define(R"JIT(
def forward(self, x):
    y = torch.conv2d(x, self.conv.weight, self.conv.bias)
    y = torch.max_pool2d(torch.relu(y), [2, 2])
    return torch.linear(torch.flatten(y, 1), self.head.weight, self.head.bias)
)JIT");
    module.save(path);
    return path;
}

} // namespace sparsescope::test
