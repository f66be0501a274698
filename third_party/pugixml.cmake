# pugixml (feeds/): reads RSS and OPML. It never fetches anything and expands no entities beyond
# XML's five predefined ones and character references, so a DOCTYPE cannot pull in a file or
# multiply itself ("billion laughs"). 1.9 is the first that reads the XML declaration's encoding.
# Target: tingdu::pugixml
include(${CMAKE_CURRENT_LIST_DIR}/pkg_dependency.cmake)
tingdu_pkg_dependency(tingdu::pugixml NAME "pugixml 1.9 or later" DEBIAN "libpugixml-dev" MODULES pugixml>=1.9)
