# SPDX-License-Identifier: GPL-3.0-or-later
# Warnings as an INTERFACE target linked PRIVATE (cpp-best-practices/cmake_template).
add_library(sparsescope_warnings INTERFACE)
add_library(SparseScope::warnings ALIAS sparsescope_warnings)
target_compile_options(sparsescope_warnings INTERFACE
  $<$<CXX_COMPILER_ID:GNU,Clang>:-Wall -Wextra -Wpedantic -Wno-unused-parameter>
  # GCC 12 at -O3 reports false positives inside std::string (GCC bugs 105329, 105651, 107087).
  $<$<CXX_COMPILER_ID:GNU>:-Wno-stringop-overflow -Wno-restrict -Wno-array-bounds>
  $<$<AND:$<CXX_COMPILER_ID:GNU,Clang>,$<BOOL:${SPARSESCOPE_WARNINGS_AS_ERRORS}>>:-Werror>)

# core holds the numerics: implicit narrowing (double to float, 64 to 32 bits) and shadowed names
# are errors there (issue 19.4). Sign conversions are left out: size_t/int mixes in index
# arithmetic would need a cast on nearly every loop without finding anything.
add_library(sparsescope_core_warnings INTERFACE)
add_library(SparseScope::coreWarnings ALIAS sparsescope_core_warnings)
target_compile_options(sparsescope_core_warnings INTERFACE
  $<$<CXX_COMPILER_ID:GNU,Clang>:-Wshadow -Wconversion -Wno-sign-conversion>)
target_link_libraries(sparsescope_core_warnings INTERFACE sparsescope_warnings)
