// Recognizing single lines of the text formats (Markdown and plain): speaker labels, timed
// headings, tree entries, bullets. Each function looks at one line and allocates nothing.
#pragma once

#include <optional>
#include <string_view>

namespace tingdu::sync::lines {

// A speaker turn's opening: the speaker's name and the text after the label.
struct TurnLabel {
  std::string_view speaker;
  std::string_view text;
};

// "**Name:** text", "**Name：** text", "**Name**: text" (Markdown).
std::optional<TurnLabel> bold_turn(std::string_view line);

// "Name: text" / "Name：text" (plain, SRT, LRC): a short name (at most kMaxSpeakerChars code
// points, no sentence punctuation, not starting with a digit) before the first colon.
std::optional<TurnLabel> plain_turn(std::string_view line);
inline constexpr std::size_t kMaxSpeakerChars = 40;

// A line that starts with "**" and has no closing "**": a speaker label cut off ("**Andrej").
// Returns the name fragment.
std::optional<std::string_view> cut_bold_label(std::string_view line);

// "H:MM:SS - Title" / "M:SS Title" / "1:05:44 – Title": a time and a title. `time_text` is the
// time as written; `time` is nullopt when it looks like a time but is not a valid one ("99:99").
struct TimedTitle {
  std::string_view time_text;
  std::optional<double> time;
  std::string_view title;
};
std::optional<TimedTitle> timed_title(std::string_view text);

// A whole-line bold timed heading "**1:05:44 - 软件 2.0**" (or "#### 1:05:44 - ...").
std::optional<TimedTitle> timed_heading(std::string_view line);

// A box-drawing tree line: "├── text", "│   ├── text", "    └── text" (also ASCII "|-- ",
// "`-- "). depth counts the 4-column indents before the branch; a line with no branch mark
// ("文章简介", the tree's root) has depth -1.
struct TreeLine {
  int depth = 0;
  std::string_view text;
};
std::optional<TreeLine> tree_line(std::string_view line);

// A Markdown bullet "*   text", "- text", "+ text": its indentation in columns (tab = 4)
// and its text.
struct Bullet {
  int indent = 0;
  std::string_view text;
};
std::optional<Bullet> bullet(std::string_view line);

// "## Title" (exactly two '#'): the title with surrounding "**" removed.
std::optional<std::string_view> section_heading(std::string_view line);

// "### P3" and other level-3 headings: part markers in the transcript.
bool part_heading(std::string_view line);

// Removes a surrounding "**...**" pair, if any, and trims.
std::string_view strip_bold(std::string_view s);

}  // namespace tingdu::sync::lines
