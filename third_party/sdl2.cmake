# SDL 2 (media/ plays audio through it; app/ makes the window with it).
# Target: tingdu::sdl2
include_guard(GLOBAL)
find_package(SDL2 2.0.18 CONFIG QUIET)
if(NOT SDL2_FOUND)
  message(FATAL_ERROR "SDL2: Tingdu needs SDL 2.0.18 or later; found ${SDL2_VERSION}. "
                      "On Debian 12: apt-get install libsdl2-dev (or run scripts/install-deps.sh).")
endif()
add_library(tingdu::sdl2 INTERFACE IMPORTED GLOBAL)
target_link_libraries(tingdu::sdl2 INTERFACE SDL2::SDL2)
