#include "text_layout.h"

#include <unicode/brkiter.h>
#include <unicode/utext.h>

#include <algorithm>
#include <memory>

namespace tingdu::ui {

LineSpans break_lines(std::string_view text, const ImFont* font, float size, float width) {
  LineSpans lines;
  if (text.empty()) return lines;
  UErrorCode err = U_ZERO_ERROR;
  thread_local std::unique_ptr<icu::BreakIterator> breaks(icu::BreakIterator::createLineInstance(icu::Locale("zh"), err));
  UText* ut = utext_openUTF8(nullptr, text.data(), int64_t(text.size()), &err);
  if (!breaks || U_FAILURE(err)) {
    lines.push_back({0, std::uint32_t(text.size())});
    return lines;
  }
  breaks->setText(ut, err);
  auto measure = [&](std::size_t a, std::size_t b) {
    return font->CalcTextSizeA(size, FLT_MAX, 0.0f, text.data() + a, text.data() + b).x;
  };
  std::size_t line_start = 0, last_break = 0;
  float line_width = 0;  // width of [line_start, last_break), kept incrementally (linear time)
  for (int32_t b = breaks->next(); b != icu::BreakIterator::DONE; b = breaks->next()) {
    auto end = std::size_t(b);
    float segment = measure(last_break, end);
    if (line_width + segment > width && last_break > line_start) {
      lines.push_back({std::uint32_t(line_start), std::uint32_t(last_break)});
      line_start = last_break;
      line_width = 0;
    }
    if (line_width + segment > width) {
      // One segment wider than the whole line: split it between characters.
      std::size_t cut = line_start;
      float w = 0;
      while (cut < end) {
        std::size_t next = cut + 1;
        while (next < end && (static_cast<unsigned char>(text[next]) & 0xC0) == 0x80) ++next;
        float ch = measure(cut, next);
        if (w + ch > width && cut > line_start) {
          lines.push_back({std::uint32_t(line_start), std::uint32_t(cut)});
          line_start = cut;
          w = 0;
        }
        w += ch;
        cut = next;
      }
      line_width = w;
    } else {
      line_width += segment;
    }
    last_break = end;
    if (breaks->getRuleStatus() >= UBRK_LINE_HARD && end < text.size()) {
      std::size_t stop = end;
      while (stop > line_start && (text[stop - 1] == '\n' || text[stop - 1] == '\r')) --stop;
      lines.push_back({std::uint32_t(line_start), std::uint32_t(stop)});
      line_start = last_break = end;
      line_width = 0;
    }
  }
  if (line_start < text.size()) lines.push_back({std::uint32_t(line_start), std::uint32_t(text.size())});
  utext_close(ut);
  return lines;
}

void BlockHeights::assign(std::vector<float> heights) {
  heights_ = std::move(heights);
  tops_.assign(heights_.size() + 1, 0.0f);
  for (std::size_t i = 0; i < heights_.size(); ++i) tops_[i + 1] = tops_[i] + heights_[i];
}

std::size_t BlockHeights::at(float y) const {
  if (heights_.empty()) return 0;
  auto it = std::upper_bound(tops_.begin(), tops_.end() - 1, y);
  std::size_t i = std::size_t(it - tops_.begin());
  return i == 0 ? 0 : std::min(i - 1, heights_.size() - 1);
}

}  // namespace tingdu::ui
