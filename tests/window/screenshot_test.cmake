# Runs `tingdu --screenshot` under xvfb-run and checks that a PNG of the right size came out.
file(REMOVE ${OUT})
execute_process(
  COMMAND xvfb-run -a -s "-screen 0 1400x1000x24" ${TINGDU} --screenshot ${OUT} --at 1:05:50 --size 1200x800
  RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err TIMEOUT 120)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "tingdu --screenshot failed (${rc}): ${out} ${err}")
endif()
if(NOT EXISTS ${OUT})
  message(FATAL_ERROR "no screenshot written: ${out} ${err}")
endif()
file(READ ${OUT} header LIMIT 24 HEX)
# PNG signature, then the IHDR width and height: 1200 = 0x4b0, 800 = 0x320.
if(NOT header MATCHES "^89504e470d0a1a0a0000000d49484452000004b000000320")
  message(FATAL_ERROR "not a 1200x800 PNG: ${header}")
endif()
message(STATUS "${out}")
