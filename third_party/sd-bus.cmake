# sd-bus from libsystemd (app/desktop): the session bus for MPRIS (media keys, sound menu).
# Target: tingdu::sd_bus
include(${CMAKE_CURRENT_LIST_DIR}/pkg_dependency.cmake)
tingdu_pkg_dependency(tingdu::sd_bus NAME "sd-bus (libsystemd)" DEBIAN "libsystemd-dev" MODULES libsystemd>=246)
