// Laying out the transcript: each block's text broken into lines at the view's width with ICU's
// line BreakIterator (so no line starts with "，" or "。", and Latin words stay whole), measured
// with the ImGui font. Prefix sums of block heights let the view find what is visible in
// O(log n) and skip the rest, so frame cost does not grow with the transcript.
#pragma once

#include <cstdint>
#include <string_view>
#include <utility>
#include <vector>

#include <imgui.h>

namespace tingdu::ui {

// [begin, end) byte offsets into the text, one per visual line.
using LineSpans = std::vector<std::pair<std::uint32_t, std::uint32_t>>;

// Breaks UTF-8 `text` into lines no wider than `width` pixels at `font`/`size`. Mandatory
// breaks ("\n") are kept; a single word wider than the line is split between characters.
LineSpans break_lines(std::string_view text, const ImFont* font, float size, float width);

class BlockHeights {
 public:
  void assign(std::vector<float> heights);
  std::size_t size() const { return heights_.size(); }
  float top(std::size_t i) const { return tops_[i]; }
  float height(std::size_t i) const { return heights_[i]; }
  float total() const { return tops_.empty() ? 0 : tops_.back(); }
  // The block at vertical offset y (clamped to the first/last).
  std::size_t at(float y) const;

 private:
  std::vector<float> heights_;
  std::vector<float> tops_;  // tops_[i]: sum of heights before i; tops_[n]: total
};

}  // namespace tingdu::ui
