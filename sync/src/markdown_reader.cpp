// Reader for the bundled episode's Markdown form (see shared/design/NOTES.md section 1): a
// title and "- key：value" metadata, "## 内容整理" with fenced box-drawing trees, "## 内容提要"
// with per-chapter bullets, and "## 视频脚本" with "### Pn" parts, "**H:MM:SS - title**"
// headings and "**Name:** text" turns. Any subset of the sections may be present.
#include <algorithm>
#include <cctype>
#include <optional>

#include "chapter_merge.h"
#include "line_patterns.h"
#include "readers.h"
#include "sync/time_format.h"
#include "text_util.h"

namespace tingdu::sync::readers {
namespace {

enum class Section { preamble, outline, summary, transcript };

bool contains_ascii_ci(std::string_view haystack, std::string_view needle) {
  auto it = std::search(haystack.begin(), haystack.end(), needle.begin(), needle.end(),
                        [](char a, char b) { return std::tolower((unsigned char)a) == std::tolower((unsigned char)b); });
  return it != haystack.end();
}

std::optional<Section> classify_section(std::string_view title) {
  auto any = [&](std::initializer_list<std::string_view> words) {
    return std::any_of(words.begin(), words.end(), [&](auto w) { return contains_ascii_ci(title, w); });
  };
  if (any({"内容整理", "大纲", "outline", "chapters", "章节"})) return Section::outline;
  if (any({"内容提要", "摘要", "summary"})) return Section::summary;
  if (any({"脚本", "transcript", "文字稿", "逐字稿", "正文"})) return Section::transcript;
  return std::nullopt;
}

// Assigns tree depths to bullets from their indentation: deeper than the bullet before it
// means one level down, back to an earlier indentation means back to that level.
class IndentLevels {
 public:
  int depth_of(int indent) {
    while (!stack_.empty() && stack_.back() > indent) stack_.pop_back();
    if (stack_.empty() || stack_.back() < indent) stack_.push_back(indent);
    return int(stack_.size()) - 1;
  }
  void reset() { stack_.clear(); }

 private:
  std::vector<int> stack_;
};

// "[...]", "（...）", "(...)" or "*...*": stage directions and asides, kept as notes.
bool looks_like_aside(std::string_view t) {
  return (t.starts_with('[') && t.ends_with(']')) || (t.starts_with('(') && t.ends_with(')')) ||
         (t.starts_with("\xEF\xBC\x88") && t.ends_with("\xEF\xBC\x89")) ||
         (t.size() > 2 && t.starts_with('*') && t.ends_with('*') && !t.starts_with("**"));
}

class MarkdownReader {
 public:
  MarkdownReader(ReadResult& out, DiagnosticSink& sink) : out_(out), ep_(out.episode), sink_(sink) {}

  void read(std::string_view text) {
    for (const text::Line& line : text::split_lines(text)) take(line);
    if (in_fence_) {
      sink_.warning(fence_line_, 0, "this ``` block is never closed; expected a closing ```");
      end_fence();
    }
    if (cut_label_) warn_cut_label_unused();
    merge_chapters(std::move(outline_), std::move(summary_), headers_, ep_, sink_);
    if (ep_.turn_count() == 0 && ep_.chapters.empty())
      sink_.error(0, 0, "no chapters and no speaker turns found; expected \"**Name:** text\" turns "
                        "or a chapter outline");
    else if (ep_.turn_count() == 0)
      sink_.warning(0, 0, "no speaker turns found; expected lines like \"**Name:** text\"");
  }

 private:
  void take(const text::Line& line) {
    std::string_view t = text::trim(line.text);
    if (in_fence_) {
      if (t.starts_with("```")) end_fence();
      else fence_lines_.push_back(line);
      return;
    }
    if (t.starts_with("```")) {
      in_fence_ = true;
      fence_line_ = line.number;
      fence_lines_.clear();
      return;
    }
    if (auto title = lines::section_heading(line.text)) {
      auto s = classify_section(*title);
      if (!s)
        sink_.warning(line.number, 1, "unknown section \"" + std::string(*title) +
                                          "\"; expected 内容整理 (outline), 内容提要 (summary) or "
                                          "视频脚本 (transcript); read as transcript");
      section_ = s.value_or(Section::transcript);
      return;
    }
    if (t.empty() || t == "---" || t == "***" || t == "___") return;
    switch (section_) {
      case Section::preamble:
        if (lines::bold_turn(t) || lines::timed_heading(t) || lines::part_heading(t)) {
          section_ = Section::transcript;
          transcript_line(line, t);
        } else {
          preamble_line(line, t);
        }
        return;
      case Section::outline:
        if (t.starts_with('#')) add_tags(t);
        return;
      case Section::summary: summary_line(line, t); return;
      case Section::transcript: transcript_line(line, t); return;
    }
  }

  void preamble_line(const text::Line& line, std::string_view t) {
    if (!title_seen_) {
      title_seen_ = true;
      while (t.starts_with('#')) t.remove_prefix(1);
      ep_.meta.title = std::string(lines::strip_bold(t));
      return;
    }
    if (t.starts_with('#')) {
      add_tags(t);
      return;
    }
    auto b = lines::bullet(line.text);
    std::string_view item = b ? b->text : t;
    auto colon = std::min(item.find(':'), item.find("\xEF\xBC\x9A"));
    if (colon == std::string_view::npos) {
      ep_.meta.extra["description"] += std::string(ep_.meta.extra["description"].empty() ? "" : "\n") + std::string(t);
      return;
    }
    std::string key(lines::strip_bold(item.substr(0, colon)));
    std::string_view value = item.substr(colon + (item[colon] == ':' ? 1 : 3));
    value = lines::strip_bold(value);
    if (key == "原文标题" || contains_ascii_ci(key, "title")) ep_.meta.source_title = value;
    else if (key == "链接" || contains_ascii_ci(key, "link") || contains_ascii_ci(key, "url"))
      ep_.meta.link = link_target(value);
    else if (key == "文章类别" || key == "类别" || contains_ascii_ci(key, "category"))
      ep_.meta.category = value;
    else ep_.meta.extra[key] = value;
  }

  // "[text](url)" gives url; anything else is taken as the link itself.
  static std::string link_target(std::string_view v) {
    auto open = v.rfind("](");
    if (open != std::string_view::npos && v.ends_with(')'))
      return std::string(v.substr(open + 2, v.size() - open - 3));
    return std::string(v);
  }

  void add_tags(std::string_view t) {
    std::string token;
    auto flush = [&] {
      if (token.size() > 1 && token[0] == '#') ep_.meta.tags.push_back(token.substr(1));
      token.clear();
    };
    for (std::size_t i = 0; i < t.size(); ++i) {
      if (t[i] == ' ' || t[i] == ',' || t[i] == '\t') flush();
      else if (t.substr(i).starts_with("\xEF\xBC\x8C")) { flush(); i += 2; }  // ，
      else token += t[i];
    }
    flush();
  }

  void end_fence() {
    in_fence_ = false;
    if (section_ != Section::outline) return;  // code blocks elsewhere are not outlines
    std::vector<std::pair<int, lines::TreeLine>> entries;
    bool timed = false;
    for (const auto& l : fence_lines_) {
      auto e = lines::tree_line(l.text);
      if (!e) continue;
      if (e->depth == 0 && lines::timed_title(e->text)) timed = true;
      entries.emplace_back(l.number, *e);
    }
    for (auto& [number, e] : entries) {
      if (!timed) {
        ep_.meta.overview.push_back({e.depth + 1, std::string(e.text)});
        continue;
      }
      if (e.depth == 0) {
        auto tt = lines::timed_title(e.text);
        if (!tt || !tt->time) {
          sink_.error(number, 0, "expected a chapter time like 1:05:44 or 58:21 before the title, found \"" +
                                     text::excerpt(e.text) + "\"");
          current_outline_ = false;
          continue;
        }
        outline_.push_back({*tt->time, std::string(tt->title), number, {}, {}});
        current_outline_ = true;
      } else if (e.depth > 0 && current_outline_) {
        outline_.back().subtopics.push_back({e.depth - 1, std::string(e.text)});
      }
    }
  }

  void summary_line(const text::Line& line, std::string_view t) {
    if (auto h = lines::timed_heading(t)) {
      if (!h->time) {
        sink_.warning(line.number, 1, "expected a time like 1:05:44 in \"" + std::string(h->time_text) +
                                          "\"; this summary heading is skipped");
        in_summary_ = false;
        return;
      }
      summary_.push_back({*h->time, std::string(h->title), line.number, {}, {}});
      bullet_levels_.reset();
      in_summary_ = true;
      return;
    }
    if (!in_summary_) return;
    if (auto b = lines::bullet(line.text))
      summary_.back().summary.push_back({bullet_levels_.depth_of(b->indent), std::string(b->text)});
    else
      summary_.back().summary.push_back({0, std::string(t)});
  }

  void transcript_line(const text::Line& line, std::string_view t) {
    if (lines::part_heading(t)) {
      ++parts_;
      at_part_start_ = true;
      return;
    }
    if (auto h = lines::timed_heading(t)) {
      if (!h->time) {
        sink_.warning(line.number, 1, "expected a time like 1:05:44 in the chapter heading, found \"" +
                                          std::string(h->time_text) + "\"; kept as a note");
        add_note(line, t);
        return;
      }
      headers_.push_back({ep_.blocks.size(), *h->time, std::string(h->title), line.number});
      ep_.blocks.push_back({BlockKind::chapter_header, 0, {}, {}, {}, {}, line.number});
      return;
    }
    if (auto cut = lines::cut_bold_label(t)) {
      if (cut_label_) warn_cut_label_unused();
      cut_label_ = std::string(*cut);
      cut_label_line_ = line.number;
      return;
    }
    if (auto turn = lines::bold_turn(t)) {
      add_turn(line, *turn);
      return;
    }
    if (looks_like_aside(t) || !last_turn_) add_note(line, t);
    else ep_.blocks[*last_turn_].text += "\n" + std::string(t);
  }

  void add_turn(const text::Line& line, lines::TurnLabel turn) {
    std::string_view body = turn.text;
    bool continues = at_part_start_ && parts_ > 1 && text::strip_leading_ellipsis(body);
    if (cut_label_) {
      if (at_part_start_ && turn.speaker.starts_with(*cut_label_)) {
        ++out_.joined_turns;  // the label was cut at the part's end; this turn is its whole
      } else {
        warn_cut_label_unused();
      }
      cut_label_.reset();
    }
    at_part_start_ = false;
    if (continues) {
      if (last_turn_ && ep_.blocks[*last_turn_].speaker == turn.speaker) {
        std::string& prev = ep_.blocks[*last_turn_].text;
        std::string_view head = prev;
        while (head.ends_with("...")) head.remove_suffix(3);
        while (head.ends_with("\xE2\x80\xA6")) head.remove_suffix(3);
        prev.resize(head.size());
        prev += body;
        ++out_.joined_turns;
        return;
      }
      sink_.warning(line.number, 1, "this turn continues (\"...\") across a part break, but the turn "
                                    "before the break is not by " + std::string(turn.speaker) +
                                    "; kept as a turn of its own");
    }
    last_turn_ = ep_.blocks.size();
    ep_.blocks.push_back({BlockKind::turn, 0, std::string(turn.speaker), std::string(body), {}, {}, line.number});
  }

  void add_note(const text::Line& line, std::string_view t) {
    ep_.blocks.push_back({BlockKind::note, 0, {}, std::string(t), {}, {}, line.number});
  }

  void warn_cut_label_unused() {
    sink_.warning(cut_label_line_, 1, "incomplete speaker label \"**" + *cut_label_ +
                                          "\"; expected \"**Name:** text\"; skipped");
    cut_label_.reset();
  }

  ReadResult& out_;
  Episode& ep_;
  DiagnosticSink& sink_;
  Section section_ = Section::preamble;
  bool title_seen_ = false;

  bool in_fence_ = false;
  int fence_line_ = 0;
  std::vector<text::Line> fence_lines_;
  bool current_outline_ = false;  // subtopics after a bad chapter line have no owner

  std::vector<ChapterDraft> outline_, summary_;
  bool in_summary_ = false;
  IndentLevels bullet_levels_;

  std::vector<HeaderDraft> headers_;
  int parts_ = 0;
  bool at_part_start_ = false;
  std::optional<std::size_t> last_turn_;  // block index
  std::optional<std::string> cut_label_;
  int cut_label_line_ = 0;
};

}  // namespace

void read_markdown(std::string_view text, ReadResult& out, DiagnosticSink& sink) {
  MarkdownReader(out, sink).read(text);
}

}  // namespace tingdu::sync::readers
