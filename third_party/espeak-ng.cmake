# espeak-ng (app/narrate): speaks the bundled transcript for the narration the tests and the
# first run use. 1.49 is the first release with the espeak-ng/speak_lib.h header.
# Target: tingdu::espeak_ng
include(${CMAKE_CURRENT_LIST_DIR}/pkg_dependency.cmake)
tingdu_pkg_dependency(tingdu::espeak_ng NAME "espeak-ng" DEBIAN "libespeak-ng-dev" MODULES espeak-ng>=1.49)
