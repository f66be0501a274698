# tingdu_pkg_dependency(<target> NAME <what> DEBIAN <packages> MODULES <module>>=<version>...)
# Finds a library through pkg-config at the versions given and makes <target> (an imported
# INTERFACE target, global) that links it. When a module is missing or too old, configuring
# stops with one message naming the library, the version needed, the version found and the
# Debian packages that provide it.
include_guard(GLOBAL)
find_package(PkgConfig REQUIRED)

function(tingdu_pkg_dependency target)
  cmake_parse_arguments(ARG "" "NAME;DEBIAN" "MODULES" ${ARGN})
  string(MAKE_C_IDENTIFIER "TINGDU_DEP_${target}" prefix)
  pkg_check_modules(${prefix} QUIET IMPORTED_TARGET GLOBAL ${ARG_MODULES})
  if(NOT ${prefix}_FOUND)
    set(found "")
    foreach(spec IN LISTS ARG_MODULES)
      string(REGEX REPLACE "[<>=].*$" "" module "${spec}")
      pkg_check_modules(${prefix}_ANY QUIET ${module})
      if(${prefix}_ANY_FOUND)
        list(APPEND found "${module} ${${prefix}_ANY_VERSION}")
      else()
        list(APPEND found "${module} missing")
      endif()
    endforeach()
    list(JOIN ARG_MODULES ", " needed)
    list(JOIN found ", " found)
    message(FATAL_ERROR "${ARG_NAME}: Tingdu needs ${needed}; this machine has ${found}. "
                        "On Debian 12: apt-get install ${ARG_DEBIAN} (or run scripts/install-deps.sh).")
  endif()
  add_library(${target} INTERFACE IMPORTED GLOBAL)
  target_link_libraries(${target} INTERFACE PkgConfig::${prefix})
  set(${target}_VERSION "${${prefix}_VERSION}" PARENT_SCOPE)
endfunction()
