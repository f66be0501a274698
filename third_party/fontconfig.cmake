# fontconfig (app/ui): finds a CJK font (Noto Sans CJK) for the window.
# Target: tingdu::fontconfig
include(${CMAKE_CURRENT_LIST_DIR}/pkg_dependency.cmake)
tingdu_pkg_dependency(tingdu::fontconfig NAME "fontconfig" DEBIAN "libfontconfig-dev" MODULES fontconfig>=2.13)
