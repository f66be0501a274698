# Runs a desktop-integration validator on one file (a CTest test; see CMakeLists.txt):
#   cmake -DTOOL=desktop-file-validate -DPACKAGE=desktop-file-utils -DFILE=x.desktop -P validate.cmake
#   cmake -DTOOL=appstreamcli -DARGS=validate|--no-net -DPACKAGE=appstream -DFILE=x.xml -P validate.cmake
# Fails when the tool is missing, exits non-zero, or prints an error or a warning.
cmake_minimum_required(VERSION 3.25)
foreach(var TOOL PACKAGE FILE)
  if(NOT DEFINED ${var})
    message(FATAL_ERROR "validate.cmake: -D${var}=... is required")
  endif()
endforeach()
string(REPLACE "|" ";" args "${ARGS}")

find_program(tool_path NAMES ${TOOL} NO_CACHE)
if(NOT tool_path)
  message(FATAL_ERROR "${TOOL} not found: install the Debian package ${PACKAGE} (apt-get install ${PACKAGE})")
endif()
if(NOT EXISTS "${FILE}")
  message(FATAL_ERROR "${FILE}: no such file")
endif()

execute_process(COMMAND "${tool_path}" ${args} "${FILE}"
  RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE out)
message("${TOOL} ${ARGS} ${FILE} (exit ${rc}):\n${out}")
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "${FILE} does not validate (${TOOL} exited ${rc})")
endif()
# desktop-file-validate exits 0 on warnings; appstreamcli prints them as "W:" lines.
if(out MATCHES "(: (error|warning): |(^|\n)[EW]: )")
  message(FATAL_ERROR "${FILE}: ${TOOL} reports errors or warnings")
endif()
