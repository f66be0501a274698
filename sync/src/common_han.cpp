#include "sync/common_han.h"

#include <unicode/ucnv.h>

#include <algorithm>
#include <memory>

namespace tingdu::sync {
namespace {

std::vector<char32_t> read_gb2312() {
  std::vector<char32_t> out;
  UErrorCode err = U_ZERO_ERROR;
  std::unique_ptr<UConverter, decltype(&ucnv_close)> gb(ucnv_open("gb18030", &err), &ucnv_close);
  if (U_FAILURE(err)) return out;
  // GB 2312 (EUC-CN form): rows 0xA1-0xF7, cells 0xA1-0xFE. Codes GB 2312 leaves empty decode
  // to GB 18030's additions or to private-use points; only those GB 2312 assigns are kept.
  for (int row = 0xA1; row <= 0xF7; ++row)
    for (int cell = 0xA1; cell <= 0xFE; ++cell) {
      const char bytes[2] = {char(row), char(cell)};
      UChar units[4];
      err = U_ZERO_ERROR;
      int32_t n = ucnv_toUChars(gb.get(), units, 4, bytes, 2, &err);
      if (U_FAILURE(err) || n != 1) continue;
      char32_t c = units[0];
      bool private_use = c >= 0xE000 && c <= 0xF8FF;
      bool han = c >= 0x4E00 && c <= 0x9FFF;
      // Rows 0xAA-0xAF and 0xF8 up hold no GB 2312 characters; rows 0xB0 and up only Han ones,
      // and row 0xD7 stops at cell 0xF9.
      bool assigned = row <= 0xA9 ? !han : row >= 0xB0 && han && !(row == 0xD7 && cell > 0xF9);
      if (!private_use && c != 0xFFFD && assigned) out.push_back(c);
    }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

}  // namespace

const std::vector<char32_t>& gb2312_characters() {
  static const std::vector<char32_t> set = read_gb2312();
  return set;
}

}  // namespace tingdu::sync
