// Encodings: UTF-8 with and without BOM, UTF-16 with BOM, GB18030 and Big5 through ICU.
#include <catch2/catch.hpp>

#include <unicode/ucnv.h>

#include <algorithm>

#include "parse.h"
#include "sync/common_han.h"
#include "sync/text_decode.h"

using namespace tingdu;

namespace {

// Encodes UTF-8 text into `encoding` with ICU (the test's own converter, not the reader's path).
std::string encode(const std::string& utf8, const char* encoding) {
  UErrorCode err = U_ZERO_ERROR;
  std::string out(utf8.size() * 4 + 16, '\0');
  int32_t n = ucnv_convert(encoding, "UTF-8", out.data(), int32_t(out.size()), utf8.data(), int32_t(utf8.size()), &err);
  REQUIRE(U_SUCCESS(err));
  out.resize(std::size_t(n));
  return out;
}

const std::string kChinese =
    "**主持人:** 大家好，欢迎收听本期节目。今天我们邀请到了一位非常特别的嘉宾，他将和我们分享人工智能、"
    "自动驾驶以及机器人技术的发展历程，还有他对未来十年的看法。\n\n"
    "**嘉宾:** 谢谢邀请，很高兴来到这里。我一直认为神经网络是一种非常强大的工具，它能够从大量的数据中学习"
    "规律，并且在很多任务上超越传统的方法。\n";

}  // namespace

TEST_CASE("decode: UTF-8 and its BOM", "[decode]") {
  sync::DiagnosticSink sink("x");
  auto d = sync::decode_text("\xEF\xBB\xBFhello", sink);
  REQUIRE(d);
  CHECK(d->utf8 == "hello");
  CHECK(d->encoding == "UTF-8");
}

TEST_CASE("decode: UTF-16 with a BOM, both byte orders", "[decode]") {
  for (const char* enc : {"UTF-16LE", "UTF-16BE"}) {
    std::string bom = std::string(enc) == "UTF-16LE" ? std::string("\xFF\xFE") : std::string("\xFE\xFF");
    auto r = test::parse(bom + encode(kChinese, enc), "x.md");
    REQUIRE(r.ok());
    CHECK(r.encoding == enc);
    REQUIRE(test::turns(r.episode).size() == 2);
    CHECK(test::turns(r.episode)[0]->speaker == "主持人");
  }
}

TEST_CASE("decode: GB18030 and Big5 are detected", "[decode]") {
  auto gb = test::parse(encode(kChinese, "GB18030"), "x.md");
  REQUIRE(gb.ok());
  CHECK(gb.encoding == "GB18030");
  CHECK(test::turns(gb.episode)[1]->speaker == "嘉宾");
  CHECK(test::turns(gb.episode)[1]->text.find("神经网络") != std::string::npos);

  // Big5 holds traditional characters.
  const std::string trad =
      "**主持人:** 大家好，歡迎收聽本期節目。今天我們邀請到了一位非常特別的嘉賓，他將和我們分享人工智慧、"
      "自動駕駛以及機器人技術的發展歷程，還有他對未來十年的看法。\n\n**嘉賓:** 謝謝邀請，很高興來到這裡。\n";
  auto big5 = test::parse(encode(trad, "Big5"), "x.md");
  REQUIRE(big5.ok());
  CHECK(big5.encoding == "Big5");
  CHECK(test::turns(big5.episode)[0]->text.find("歡迎收聽") != std::string::npos);
}

TEST_CASE("decode: truncated UTF-8 names the spot", "[decode]") {
  std::string text = "**A:** 你好\n**B:** 再见";
  text.pop_back();  // cut the last character in half
  auto r = test::parse(text, "cut.md");
  REQUIRE_FALSE(r.ok());
  const auto& d = r.diagnostics.front();
  CHECK(d.line == 2);
  CHECK(d.column == 9);
  CHECK(d.message.find("middle of a UTF-8 character") != std::string::npos);
  CHECK(sync::to_string(d).starts_with("cut.md:2:9: error: "));
}

TEST_CASE("decode: binary files are refused", "[decode]") {
  std::string png("\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\x01\0", 20);
  auto r = test::parse(png, "image.md");
  REQUIRE_FALSE(r.ok());
  CHECK(test::has_diagnostic(r, sync::Severity::error, "binary file"));
}

TEST_CASE("common Han: GB 2312's 6,763 characters and its symbols", "[text]") {
  const auto& set = tingdu::sync::gb2312_characters();
  auto han = std::count_if(set.begin(), set.end(), [](char32_t c) { return c >= 0x4E00 && c <= 0x9FFF; });
  CHECK(std::size_t(han) == tingdu::sync::kGb2312HanCount);
  for (char32_t c : {U'啊', U'齄', U'的', U'鑫', U'，', U'Ａ', U'あ'}) CHECK(std::binary_search(set.begin(), set.end(), c));
  CHECK_FALSE(std::binary_search(set.begin(), set.end(), U'A'));
  CHECK(std::is_sorted(set.begin(), set.end()));
}
