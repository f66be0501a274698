#include "sync/text_decode.h"

#include <unicode/ucnv.h>
#include <unicode/ucsdet.h>
#include <unicode/ustring.h>
#include <unicode/utf8.h>

#include <array>
#include <memory>

#include "text_util.h"

namespace tingdu::sync {
namespace {

// Byte offset of the first invalid UTF-8 sequence, or npos when all of `s` is valid.
std::size_t first_invalid_utf8(std::string_view s) {
  int32_t i = 0;
  const auto* p = reinterpret_cast<const uint8_t*>(s.data());
  const auto n = static_cast<int32_t>(s.size());
  while (i < n) {
    int32_t at = i;
    UChar32 c;
    U8_NEXT(p, i, n, c);
    if (c < 0) return std::size_t(at);
  }
  return std::string_view::npos;
}

// Converts `bytes` in `encoding` to UTF-8 through ICU, failing on any byte that does not map.
std::optional<std::string> convert_strict(std::string_view bytes, const char* encoding) {
  UErrorCode err = U_ZERO_ERROR;
  std::unique_ptr<UConverter, decltype(&ucnv_close)> conv(ucnv_open(encoding, &err), ucnv_close);
  if (U_FAILURE(err)) return std::nullopt;
  ucnv_setToUCallBack(conv.get(), UCNV_TO_U_CALLBACK_STOP, nullptr, nullptr, nullptr, &err);
  std::u16string utf16(bytes.size() * 2 + 2, u'\0');
  int32_t len16 = ucnv_toUChars(conv.get(), utf16.data(), int32_t(utf16.size()), bytes.data(),
                                int32_t(bytes.size()), &err);
  if (U_FAILURE(err)) return std::nullopt;
  std::string out;
  int32_t len8 = 0;
  u_strToUTF8(nullptr, 0, &len8, utf16.data(), len16, &err);
  if (err != U_BUFFER_OVERFLOW_ERROR && U_FAILURE(err)) return std::nullopt;
  err = U_ZERO_ERROR;
  out.resize(std::size_t(len8));
  u_strToUTF8(out.data(), len8, nullptr, utf16.data(), len16, &err);
  if (U_FAILURE(err)) return std::nullopt;
  // A converted BOM (U+FEFF) is not text.
  if (out.starts_with("\xEF\xBB\xBF")) out.erase(0, 3);
  return out;
}

struct Bom {
  std::string_view bytes;
  const char* encoding;
};
// Longest first: the UTF-32LE BOM begins with the UTF-16LE one.
// (The sv literals keep their zero bytes.)
using namespace std::string_view_literals;
constexpr std::array<Bom, 4> kBoms{{{"\xFF\xFE\x00\x00"sv, "UTF-32LE"},
                                    {"\x00\x00\xFE\xFF"sv, "UTF-32BE"},
                                    {"\xFF\xFE"sv, "UTF-16LE"},
                                    {"\xFE\xFF"sv, "UTF-16BE"}}};

// Encodings the detector may choose. Single-byte Western guesses are left out on purpose: the
// detector offers ISO-8859-1 for nearly any bytes, binary included.
constexpr std::array<std::string_view, 8> kDetectable{
    "GB18030", "Big5", "UTF-16LE", "UTF-16BE", "UTF-32LE", "UTF-32BE", "Shift_JIS", "EUC-JP"};
constexpr int32_t kMinConfidence = 30;  // ICU's 0-100 scale; below it the guesses are noise

std::optional<DecodedText> detect(std::string_view bytes) {
  UErrorCode err = U_ZERO_ERROR;
  std::unique_ptr<UCharsetDetector, decltype(&ucsdet_close)> det(ucsdet_open(&err), ucsdet_close);
  if (U_FAILURE(err)) return std::nullopt;
  ucsdet_setText(det.get(), bytes.data(), int32_t(bytes.size()), &err);
  int32_t count = 0;
  const UCharsetMatch** matches = ucsdet_detectAll(det.get(), &count, &err);
  if (U_FAILURE(err)) return std::nullopt;
  for (int32_t i = 0; i < count; ++i) {
    const char* name = ucsdet_getName(matches[i], &err);
    int32_t confidence = ucsdet_getConfidence(matches[i], &err);
    if (U_FAILURE(err) || confidence < kMinConfidence) continue;
    bool allowed = false;
    for (auto e : kDetectable) allowed |= (e == name);
    if (!allowed) continue;
    if (auto utf8 = convert_strict(bytes, name)) return DecodedText{std::move(*utf8), name};
  }
  return std::nullopt;
}

}  // namespace

std::optional<DecodedText> decode_text(std::string_view bytes, DiagnosticSink& sink) {
  if (bytes.starts_with("\xEF\xBB\xBF")) bytes.remove_prefix(3);
  for (const Bom& bom : kBoms) {
    if (!bytes.starts_with(bom.bytes)) continue;
    if (auto utf8 = convert_strict(bytes.substr(bom.bytes.size()), bom.encoding))
      return DecodedText{std::move(*utf8), bom.encoding};
    sink.error(0, 0, std::string("the file starts with a ") + bom.encoding +
                         " byte order mark but is not valid " + bom.encoding + " text");
    return std::nullopt;
  }

  std::size_t bad = first_invalid_utf8(bytes);
  bool has_nul = bytes.find('\0') != std::string_view::npos;
  if (bad == std::string_view::npos && !has_nul) return DecodedText{std::string(bytes), "UTF-8"};

  // A file that is valid UTF-8 except for its last few bytes was cut off mid-character; guessing
  // another encoding for it would turn the whole file into mojibake.
  bool truncated_utf8 = bad != std::string_view::npos && bytes.size() - bad < 4 && !has_nul;
  if (!truncated_utf8) {
    if (auto detected = detect(bytes)) return detected;
  }

  std::size_t at = bad != std::string_view::npos ? bad : bytes.find('\0');
  text::Position pos = text::position_of(bytes.substr(0, at), at);
  if (truncated_utf8)
    sink.error(pos.line, pos.column,
               "the file ends in the middle of a UTF-8 character (truncated file?); expected "
               "complete UTF-8 text");
  else if (has_nul)
    sink.error(pos.line, pos.column,
               "this looks like a binary file (a zero byte); expected a text transcript in "
               "UTF-8, UTF-16, GB18030 or Big5");
  else
    sink.error(pos.line, pos.column,
               "invalid UTF-8 here, and the text is not in another encoding Tingdu recognizes; "
               "expected UTF-8, UTF-16, GB18030 or Big5");
  return std::nullopt;
}

}  // namespace tingdu::sync
