// SPDX-License-Identifier: GPL-3.0-or-later
// Precompiled header of the core's torch-using sources (never included by public headers).
#pragma once

#include <torch/script.h>
#include <torch/torch.h>
