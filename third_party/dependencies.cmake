# Outside libraries come in here, one file each: it finds the library, checks the version the
# project needs (stopping with a message that says what to install) and makes one imported
# target the layers link. No upstream sources are copied in: Debian 12 provides them all.
#   tingdu::icu        ICU                     sync/
#   tingdu::ffmpeg     FFmpeg's libav*         media/
#   tingdu::sdl2       SDL 2                   media/, app/
#   tingdu::imgui      Dear ImGui + backends   app/ui, app/window
#   tingdu::fontconfig fontconfig              app/ui
#   tingdu::espeak_ng  espeak-ng               app/narrate
#   tingdu::sd_bus     sd-bus (libsystemd)     app/desktop
#   tingdu::curl       libcurl                 feeds/
#   tingdu::pugixml    pugixml                 feeds/
include(${CMAKE_CURRENT_LIST_DIR}/icu.cmake)
include(${CMAKE_CURRENT_LIST_DIR}/ffmpeg.cmake)
include(${CMAKE_CURRENT_LIST_DIR}/sdl2.cmake)
include(${CMAKE_CURRENT_LIST_DIR}/imgui.cmake)
include(${CMAKE_CURRENT_LIST_DIR}/fontconfig.cmake)
include(${CMAKE_CURRENT_LIST_DIR}/espeak-ng.cmake)
include(${CMAKE_CURRENT_LIST_DIR}/sd-bus.cmake)
include(${CMAKE_CURRENT_LIST_DIR}/curl.cmake)
include(${CMAKE_CURRENT_LIST_DIR}/pugixml.cmake)
