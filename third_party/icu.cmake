# ICU (sync/): text decoding, sentence and word breaks, collation search, Han-Latin transliteration.
# Target: tingdu::icu
include_guard(GLOBAL)
find_package(ICU 70 COMPONENTS uc i18n data)
if(NOT ICU_FOUND)
  message(FATAL_ERROR "ICU: Tingdu needs ICU 70 or later (uc, i18n, data); found ${ICU_VERSION}. "
                      "On Debian 12: apt-get install libicu-dev (or run scripts/install-deps.sh).")
endif()
add_library(tingdu::icu INTERFACE IMPORTED GLOBAL)
target_link_libraries(tingdu::icu INTERFACE ICU::uc ICU::i18n)
