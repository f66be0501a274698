# libcurl (feeds/): HTTP(S) for feeds and episode downloads. 7.85 is the first with
# CURLOPT_PROTOCOLS_STR and CURLOPT_REDIR_PROTOCOLS_STR, which keep transfers to http and https.
# Target: tingdu::curl
include(${CMAKE_CURRENT_LIST_DIR}/pkg_dependency.cmake)
tingdu_pkg_dependency(tingdu::curl NAME "libcurl 7.85 or later" DEBIAN "libcurl4-openssl-dev" MODULES libcurl>=7.85)
