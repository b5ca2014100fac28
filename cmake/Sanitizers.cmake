# SPDX-License-Identifier: GPL-3.0-or-later
# Address/undefined-behaviour sanitizers as an INTERFACE target (preset asan-ubsan).
option(SPARSESCOPE_SANITIZE "Build with ASan and UBSan" OFF)
add_library(sparsescope_sanitizers INTERFACE)
add_library(SparseScope::sanitizers ALIAS sparsescope_sanitizers)
if(SPARSESCOPE_SANITIZE)
  target_compile_options(sparsescope_sanitizers INTERFACE -fsanitize=address,undefined -fno-omit-frame-pointer)
  target_link_options(sparsescope_sanitizers INTERFACE -fsanitize=address,undefined)
endif()
