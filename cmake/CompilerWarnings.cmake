# SPDX-License-Identifier: GPL-3.0-or-later
# Warnings as an INTERFACE target linked PRIVATE (cpp-best-practices/cmake_template).
add_library(sparsescope_warnings INTERFACE)
add_library(SparseScope::warnings ALIAS sparsescope_warnings)
target_compile_options(sparsescope_warnings INTERFACE
  $<$<CXX_COMPILER_ID:GNU,Clang>:-Wall -Wextra -Wpedantic -Wno-unused-parameter>
  $<$<AND:$<CXX_COMPILER_ID:GNU,Clang>,$<BOOL:${SPARSESCOPE_WARNINGS_AS_ERRORS}>>:-Werror>)
