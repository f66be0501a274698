# Dear ImGui with its SDL2 and OpenGL 3 backends (app/ui, app/window). Debian's libimgui-dev
# builds the backends into libimgui.a; they need SDL2, OpenGL and dlopen. The window is written
# against 1.86's API (imgui_impl_sdl.h, the io.KeysDown key model), which later releases change.
# Target: tingdu::imgui
include(${CMAKE_CURRENT_LIST_DIR}/pkg_dependency.cmake)
include(${CMAKE_CURRENT_LIST_DIR}/sdl2.cmake)
tingdu_pkg_dependency(tingdu_imgui_library NAME "Dear ImGui 1.86" DEBIAN "libimgui-dev" MODULES imgui>=1.86)
if(tingdu_imgui_library_VERSION VERSION_GREATER_EQUAL 1.87)
  message(FATAL_ERROR "Dear ImGui: Tingdu is written against 1.86's API; this machine has "
                      "${tingdu_imgui_library_VERSION}. On Debian 12: apt-get install libimgui-dev.")
endif()
find_package(OpenGL REQUIRED)
add_library(tingdu::imgui INTERFACE IMPORTED GLOBAL)
target_link_libraries(tingdu::imgui INTERFACE tingdu_imgui_library tingdu::sdl2 OpenGL::GL ${CMAKE_DL_LIBS})
