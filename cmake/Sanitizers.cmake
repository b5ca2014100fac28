# SPDX-License-Identifier: GPL-3.0-or-later
# Sanitizer builds (issue 19.4): presets asan (ASan + UBSan) and tsan (ThreadSanitizer).
#   SPARSESCOPE_SANITIZE=asan  -fsanitize=address,undefined (ON is accepted as asan)
#   SPARSESCOPE_SANITIZE=tsan  -fsanitize=thread
# Every target of the project is instrumented (core, CLI, GUI, widgets, tests), so that a
# test's own code and the code it drives share one runtime. LibTorch, OpenCV and Qt come
# from Debian uninstrumented: ASan still sees their heap (malloc is intercepted), TSan does
# not see their threads' synchronisation (run the TSan tests with SPARSESCOPE_THREADS=1).
set(SPARSESCOPE_SANITIZE "" CACHE STRING "Sanitizer build: empty, asan or tsan")
set_property(CACHE SPARSESCOPE_SANITIZE PROPERTY STRINGS "" asan tsan)
add_library(sparsescope_sanitizers INTERFACE)
add_library(SparseScope::sanitizers ALIAS sparsescope_sanitizers)
string(TOLOWER "${SPARSESCOPE_SANITIZE}" _sanitize)
if(_sanitize STREQUAL "asan" OR _sanitize STREQUAL "on")
  set(_sanitize_flags -fsanitize=address,undefined -fno-sanitize-recover=undefined)
elseif(_sanitize STREQUAL "tsan")
  set(_sanitize_flags -fsanitize=thread)
elseif(_sanitize STREQUAL "" OR _sanitize STREQUAL "off")
  set(_sanitize_flags "")
else()
  message(FATAL_ERROR "SPARSESCOPE_SANITIZE must be empty, asan or tsan, not '${SPARSESCOPE_SANITIZE}'")
endif()
if(_sanitize_flags)
  add_compile_options(${_sanitize_flags} -fno-omit-frame-pointer)
  add_link_options(${_sanitize_flags})
endif()
