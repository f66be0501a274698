#include "transcript_pane.h"

#include <algorithm>
#include <cmath>

#include "sync/time_format.h"
#include "ui_glyphs.h"

namespace tingdu::ui {
namespace {

// Where the followed line sits in the transcript view, as a share of its height from the top.
constexpr float kFollowAnchor = 0.3f;
// Smooth scrolling: the share of the remaining distance covered per 1/60 s.
constexpr float kScrollEase = 0.18f;
// Farther than this many view heights, following jumps instead of gliding.
constexpr float kJumpScreens = 3.0f;
constexpr float kBlockGap = 10.0f;
// Text starts this far in from the block's left edge (the loop bar sits in the margin).
constexpr float kTextInset = 8.0f;
// Following inside a long turn: the spoken sentence may sit this far (a share of the view's
// height) below the turn's top before the view scrolls within the turn.
constexpr float kSentenceRoom = 0.15f;

}  // namespace

ImU32 TranscriptPane::speaker_color(const std::string& speaker) const {
  auto it = std::find(speakers_.begin(), speakers_.end(), speaker);
  std::size_t i = it == speakers_.end() ? 0 : std::size_t(it - speakers_.begin());
  return kSpeakerColors[i % std::size(kSpeakerColors)];
}

std::string TranscriptPane::turn_time_label(const ViewContext& ctx, std::size_t turn) const {
  const auto& t = ctx.session.timeline().turns()[turn];
  std::string clock = sync::format_clock_nearest(t.start);
  switch (t.source) {
    case sync::TimeSource::estimated: return kApprox + clock;
    case sync::TimeSource::anchored: return clock + " " + kCheck;
    case sync::TimeSource::aligned: return clock + " " + kAligned;
    default: return clock;
  }
}

std::optional<ImVec4> TranscriptPane::block_rect(std::size_t block) const {
  if (block >= drawn_.size() || drawn_[block].z == 0) return std::nullopt;
  return drawn_[block];
}

float TranscriptPane::text_top(std::size_t block) const {
  // A placed heading (1.6 lines), then the speaker's line: as relayout() counts them.
  return (placed_heading_[block] ? 1.6f * line_h_ : 0.0f) + (block_turn_[block] ? line_h_ : 0.0f);
}

std::size_t TranscriptPane::line_of(std::size_t block, std::uint32_t offset) const {
  const LineSpans& lines = lines_[block];
  auto it = std::upper_bound(lines.begin(), lines.end(), offset, [](std::uint32_t o, const auto& line) { return o < line.first; });
  return it == lines.begin() ? 0 : std::size_t(it - lines.begin()) - 1;
}

// ------------------------------------------------------------------ layout

void TranscriptPane::relayout(const ViewContext& ctx, float width) {
  const auto& ep = ctx.session.episode();
  const auto& tl = ctx.session.timeline();
  layout_width_ = width;
  speakers_ = ep.speakers();
  lines_.assign(ep.blocks.size(), {});
  turn_block_.clear();
  block_turn_.assign(ep.blocks.size(), std::nullopt);
  placed_heading_.assign(ep.blocks.size(), std::nullopt);
  const auto blocks_of_turns = ep.turn_blocks();
  for (std::size_t c = 0; c < tl.chapters().size(); ++c) {
    auto first = tl.chapters()[c].first_turn;
    if (!first) continue;
    std::size_t b = blocks_of_turns[*first];
    bool headed = b > 0 && ep.blocks[b - 1].kind == sync::BlockKind::chapter_header;
    if (!headed && c > 0) placed_heading_[b] = c;
  }
  std::vector<float> heights(ep.blocks.size(), 0.0f);
  const float line_h = line_h_ = ctx.line_height();
  for (std::size_t i = 0; i < ep.blocks.size(); ++i) {
    const auto& b = ep.blocks[i];
    std::string_view text = b.kind == sync::BlockKind::chapter_header ? std::string_view(ep.chapters[b.chapter].title)
                                                                       : std::string_view(b.text);
    lines_[i] = break_lines(text, ctx.text_font(), ctx.font_size, std::max(50.0f, width - 2 * kTextInset));
    float h = float(lines_[i].size()) * line_h + kBlockGap;
    if (b.kind == sync::BlockKind::turn) {
      block_turn_[i] = turn_block_.size();
      turn_block_.push_back(i);
      h += line_h;  // the speaker line
    }
    if (b.kind == sync::BlockKind::chapter_header) h += line_h * 0.6f;
    if (placed_heading_[i]) h += line_h * 1.6f;
    heights[i] = h;
  }
  heights_.assign(std::move(heights));
  drawn_.assign(ep.blocks.size(), ImVec4(0, 0, 0, 0));
  shown_playhead_ = false;
}

// ------------------------------------------------------------------ drawing

std::optional<std::size_t> TranscriptPane::draw_block(const ViewContext& ctx, std::size_t i, ImVec2 origin, bool hover_allowed) {
  const auto& ep = ctx.session.episode();
  const auto& b = ep.blocks[i];
  ImDrawList* dl = ImGui::GetWindowDrawList();
  ImFont* font = ctx.text_font();
  const float size = ctx.font_size, line_h = ctx.line_height();
  float y = origin.y;
  float x = origin.x + kTextInset;
  std::string_view text = b.kind == sync::BlockKind::chapter_header ? std::string_view(ep.chapters[b.chapter].title)
                                                                     : std::string_view(b.text);
  ImU32 color = ctx.palette.text;
  if (b.kind == sync::BlockKind::chapter_header) {
    y += line_h * 0.3f;
    // The chapter's start as the list and playback have it (where its first turn is heard), not
    // the outline's.
    std::string label = sync::format_clock_nearest(ctx.session.timeline().chapters()[b.chapter].start) + "  ";
    dl->AddText(font, size, ImVec2(x, y), ctx.palette.chapter, label.c_str());
    x += font->CalcTextSizeA(size, FLT_MAX, 0, label.c_str()).x;
    color = ctx.palette.chapter;
  } else if (b.kind == sync::BlockKind::note) {
    color = ctx.palette.dim;
  } else {
    std::size_t turn = *block_turn_[i];
    const auto& tt = ctx.session.timeline().turns()[turn];
    if (ctx.session.past_audio_end(tt.start)) color = ctx.palette.unplayable;
    if (auto c = placed_heading_[i]) {
      y += line_h * 0.3f;
      std::string label = sync::format_clock_nearest(ctx.session.timeline().chapters()[*c].start) + "  " + ep.chapters[*c].title +
                          "   (no heading in the transcript; placed here by its summary)";
      dl->AddText(font, size, ImVec2(x, y), ctx.palette.chapter, label.c_str());
      y += line_h * 1.3f;
    }
    dl->AddText(font, size, ImVec2(x, y), speaker_color(b.speaker), b.speaker.empty() ? kEmDash : b.speaker.c_str());
    std::string when = turn_time_label(ctx, turn);
    ImU32 time_color = tt.source == sync::TimeSource::estimated  ? ctx.palette.estimated
                       : tt.source == sync::TimeSource::anchored ? ctx.palette.anchored
                                                                 : ctx.palette.dim;
    float name_w = font->CalcTextSizeA(size, FLT_MAX, 0, b.speaker.c_str()).x;
    dl->AddText(font, size * 0.85f, ImVec2(x + name_w + 12, y + size * 0.1f), time_color, when.c_str());
    y += line_h;
  }
  if (!block_turn_[i]) {
    for (const auto& [from, to] : lines_[i]) {
      dl->AddText(font, size, ImVec2(x, y), color, text.data() + from, text.data() + to);
      y += line_h;
    }
    return std::nullopt;
  }
  return draw_sentences(ctx, *block_turn_[i], text, ImVec2(x, y), color, hover_allowed);
}

std::optional<std::size_t> TranscriptPane::draw_sentences(const ViewContext& ctx, std::size_t turn, std::string_view text,
                                                          ImVec2 at, ImU32 color, bool hover_allowed) {
  Session& session = ctx.session;
  const auto& tl = session.timeline();
  const auto [first, last] = tl.sentences_of(turn);
  ImDrawList* dl = ImGui::GetWindowDrawList();
  ImFont* font = ctx.text_font();
  const float size = ctx.font_size, line_h = ctx.line_height();
  const auto current = session.current_sentence();
  const double now = session.position();
  const bool listen_first = session.practice().listen_first;
  std::optional<std::size_t> under_mouse;
  std::size_t j = first;  // the sentence the piece being drawn belongs to (or the next one)
  float y = at.y;
  for (const auto& [line_from, line_to] : lines_[turn_block_[turn]]) {
    float x = at.x;
    // The line in pieces, cut where a sentence begins or ends.
    for (std::uint32_t from = line_from; from < line_to;) {
      while (j < last && tl.sentences()[j].text.end <= from) ++j;
      std::uint32_t to = line_to;
      bool inside = false;
      if (j < last) {
        const auto& span = tl.sentences()[j].text;
        inside = span.begin <= from;
        to = std::min(to, inside ? span.end : span.begin);
      }
      const char* a = text.data() + from;
      const char* b = text.data() + to;
      const float w = font->CalcTextSizeA(size, FLT_MAX, 0.0f, a, b).x;
      const ImVec2 p0(x, y), p1(x + w, y + line_h);
      if (inside) {
        if (hover_allowed && ImGui::IsMouseHoveringRect(p0, p1)) under_mouse = j;
        if (current == j) dl->AddRectFilled(p0, p1, ctx.palette.current_sentence, 3.0f);
        else if (hovered_sentence_ == j) dl->AddRectFilled(p0, p1, ctx.palette.hover_sentence, 3.0f);
      }
      // Listen first: a sentence not yet spoken shows as a bar until it is (or is hovered).
      const bool hidden = inside && listen_first && tl.sentences()[j].start > now && hovered_sentence_ != j;
      if (inside && (drawn_sentences_.empty() || drawn_sentences_.back().sentence != j))
        drawn_sentences_.push_back({j, ImVec4(x, y, w, line_h), hidden});
      if (hidden) dl->AddRectFilled(ImVec2(x, y + line_h * 0.3f), ImVec2(x + w, y + line_h * 0.7f), ctx.palette.hidden_text, 3.0f);
      else dl->AddText(font, size, p0, color, a, b);
      x += w;
      from = to;
    }
    y += line_h;
  }
  return under_mouse;
}

namespace {

void source_line(sync::TimeSource source, double uncertainty) {
  switch (source) {
    case sync::TimeSource::estimated: ImGui::Text("  estimated, %s", sync::format_uncertainty(uncertainty).c_str()); break;
    case sync::TimeSource::anchored: ImGui::Text("  anchored by you"); break;
    case sync::TimeSource::chapter: ImGui::Text("  chapter start, from the outline"); break;
    case sync::TimeSource::source: ImGui::Text("  from the transcript file"); break;
    case sync::TimeSource::aligned: ImGui::Text("  aligned to the audio, %s", sync::format_uncertainty(uncertainty).c_str()); break;
  }
}

}  // namespace

void TranscriptPane::draw_turn_tooltip(const ViewContext& ctx, std::size_t turn, std::optional<std::size_t> sentence) const {
  const auto& tl = ctx.session.timeline();
  const auto& t = tl.turns()[turn];
  ImGui::BeginTooltip();
  if (sentence) {
    const auto& s = tl.sentences()[*sentence];
    ImGui::Text("sentence %u of turn %zu: %s - %s", s.index + 1, turn, sync::format_clock_nearest(s.start).c_str(),
                sync::format_clock_nearest(s.end).c_str());
    source_line(s.source, s.uncertainty);
  }
  ImGui::Text("turn %zu: %s - %s", turn, sync::format_clock_nearest(t.start).c_str(), sync::format_clock_nearest(t.end).c_str());
  source_line(t.source, t.uncertainty);
  if (ctx.session.past_audio_end(t.start)) ImGui::TextColored(ImColor(ctx.palette.error), "past the end of the audio");
  ImGui::TextDisabled(ctx.session.click_plays ? "click: play from here; right-click: loop, anchor"
                                              : "click: move the playhead here; right-click: loop, anchor");
  ImGui::EndTooltip();
}

void TranscriptPane::draw(const ViewContext& ctx, float dt, bool close_popups) {
  Session& session = ctx.session;
  const auto& ep = session.episode();
  const auto& tl = session.timeline();
  float width = ImGui::GetContentRegionAvail().x;
  if (std::abs(width - layout_width_) > 0.5f || lines_.size() != ep.blocks.size()) relayout(ctx, width);
  ImGuiIO& io = ImGui::GetIO();
  const float view_h = ImGui::GetWindowHeight();
  scroll_ = ImGui::GetScrollY();

  // The listener scrolled (wheel, scrollbar, keys): stop following until asked back.
  bool user_scrolled = (ImGui::IsWindowHovered() && io.MouseWheel != 0.0f) ||
                       (last_set_scroll_ >= 0 && std::abs(scroll_ - last_set_scroll_) > 1.0f && ImGui::IsMouseDragging(0));
  if (user_scrolled && session.follow) session.follow = false;

  auto current = session.current_turn();
  auto loop = session.loop();
  ImVec2 win = ImGui::GetWindowPos();
  ImVec2 content_origin(win.x + ImGui::GetStyle().WindowPadding.x, win.y + ImGui::GetStyle().WindowPadding.y - scroll_);
  std::size_t first = heights_.at(scroll_), last = heights_.at(scroll_ + view_h);
  std::fill(drawn_.begin(), drawn_.end(), ImVec4(0, 0, 0, 0));
  drawn_sentences_.clear();
  ImDrawList* dl = ImGui::GetWindowDrawList();
  // Hover only counts when this pane is the window under the mouse: a panel, a menu or the
  // floating button on top of it takes the click instead.
  const bool pane_hovered = ImGui::IsWindowHovered();
  std::optional<std::size_t> hovered_sentence;
  for (std::size_t i = first; i <= last && i < ep.blocks.size(); ++i) {
    ImVec2 origin(content_origin.x, content_origin.y + heights_.top(i));
    ImVec2 end(origin.x + width, origin.y + heights_.height(i) - kBlockGap * 0.5f);
    drawn_[i] = ImVec4(origin.x, origin.y, width, heights_.height(i));
    auto turn = block_turn_[i];
    bool hovered = turn && pane_hovered && ImGui::IsMouseHoveringRect(origin, end);
    if (turn) {
      if (current == turn) dl->AddRectFilled(origin, end, ctx.palette.current_turn, 4.0f);
      else if (hovered) dl->AddRectFilled(origin, end, ctx.palette.hover_turn, 4.0f);
      const auto& t = tl.turns()[*turn];
      if (loop && t.start < loop->second && t.end > loop->first)
        dl->AddRectFilled(origin, ImVec2(origin.x + 3, end.y), ctx.palette.loop);
    }
    auto sentence = draw_block(ctx, i, origin, hovered);
    if (!hovered) continue;
    // A click on a sentence plays from it; elsewhere in the turn (its name), from the turn.
    hovered_sentence = sentence;
    if (ImGui::IsMouseClicked(0)) sentence ? session.activate_sentence(*sentence) : session.activate_turn(*turn);
    if (ImGui::IsMouseClicked(1)) {
      menu_turn_ = *turn;
      menu_sentence_ = sentence;
      ImGui::OpenPopup("turn_menu");
    }
    draw_turn_tooltip(ctx, *turn, sentence);
  }
  hovered_sentence_ = hovered_sentence;
  ImGui::SetCursorPosY(heights_.total() + view_h * 0.5f);  // room to bring the last turn up
  ImGui::Dummy(ImVec2(1, 1));
  draw_turn_menu(ctx, close_popups);
  follow_playback(ctx, dt, view_h);
  draw_back_button(ctx);
}

void TranscriptPane::follow_playback(const ViewContext& ctx, float dt, float view_h) {
  Session& session = ctx.session;
  auto current = session.current_turn();
  // While an untranscribed stretch plays (an ad) no turn is read: the view stays on the turn
  // before it, the place the listener returns to.
  if (!current && session.has_episode() && session.timeline().untranscribed_at(session.position()))
    current = session.timeline().turn_started_by(session.position());
  animating_ = false;
  if (!session.follow || !current) {
    last_set_scroll_ = -1;
    // Not following (as the listener left it last time): still open where playback is, once.
    if (current && !shown_playhead_) {
      ImGui::SetScrollY(std::max(0.0f, heights_.top(turn_block_[*current]) - view_h * kFollowAnchor));
      shown_playhead_ = true;
    }
    return;
  }
  std::size_t block = turn_block_[*current];
  shown_playhead_ = true;
  // Long turns scroll within themselves: the sentence being spoken stays in view, moving a
  // sentence at a time (a target that moved every frame would keep the window redrawing).
  float inside = 0;
  if (auto sentence = session.current_sentence()) {
    float line_y = text_top(block) + float(line_of(block, session.timeline().sentences()[*sentence].text.begin)) * ctx.line_height();
    inside = std::clamp(line_y - view_h * kSentenceRoom, 0.0f, std::max(0.0f, heights_.height(block) - view_h * 0.5f));
  }
  // Whole pixels: ImGui keeps scroll offsets whole, and an eased step under a pixel would
  // never arrive.
  float target = std::round(std::max(0.0f, heights_.top(block) + inside - view_h * kFollowAnchor));
  float next = target;
  if (std::abs(target - scroll_) < view_h * kJumpScreens) {
    float ease = 1.0f - std::pow(1.0f - kScrollEase, std::max(dt, 0.0f) * 60.0f);
    float step = (target - scroll_) * ease;
    next = std::abs(step) < 1.0f ? target : std::round(scroll_ + step);
  }
  animating_ = next != target;
  ImGui::SetScrollY(next);
  last_set_scroll_ = next;
}

void TranscriptPane::draw_back_button(const ViewContext& ctx) {
  back_rect_.reset();
  if (ctx.session.follow || !ctx.session.current_turn()) return;
  // A window of its own over the transcript's bottom-right corner.
  ImVec2 win = ImGui::GetWindowPos(), size = ImGui::GetWindowSize();
  const char* label = "Back to playback (F)";
  ImVec2 pad = ImGui::GetStyle().WindowPadding;
  ImVec2 at(win.x + size.x - button_width(label) - 2 * pad.x - 24, win.y + size.y - ImGui::GetFrameHeight() - 2 * pad.y - 16);
  ImGui::SetNextWindowPos(at);
  ImGui::SetNextWindowBgAlpha(0.0f);
  ImGui::Begin("##back_to_playback", nullptr,
               ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_AlwaysAutoResize | ImGuiWindowFlags_NoSavedSettings |
                   ImGuiWindowFlags_NoFocusOnAppearing | ImGuiWindowFlags_NoNav);
  if (ImGui::Button(label)) ctx.session.follow = true;
  ImVec2 p = ImGui::GetItemRectMin(), q = ImGui::GetItemRectMax();
  back_rect_ = ImVec4(p.x, p.y, q.x - p.x, q.y - p.y);
  ImGui::End();
}

void TranscriptPane::draw_turn_menu(const ViewContext& ctx, bool close_popups) {
  ImGui::SetNextWindowBgAlpha(1.0f);  // opaque: the transcript must not show through the menu
  if (!ImGui::BeginPopup("turn_menu")) return;
  if (close_popups) ImGui::CloseCurrentPopup();
  if (menu_turn_) {
    Session& session = ctx.session;
    std::size_t k = *menu_turn_;
    double start = session.timeline().start_of(k);
    if (menu_sentence_ && *menu_sentence_ < session.timeline().sentences().size()) {
      std::size_t i = *menu_sentence_;
      const auto& sentence = session.timeline().sentences()[i];
      ImGui::TextDisabled("sentence %u of this turn, at %s", sentence.index + 1, sync::format_clock_nearest(sentence.start).c_str());
      if (ImGui::MenuItem("Play this sentence")) {
        session.seek(sentence.start);
        session.play();
      }
      if (ImGui::MenuItem("Loop this sentence", "S")) session.loop_sentence(i);
      if (sentence.index > 0 && ImGui::MenuItem("This sentence starts now (anchor at the playhead)"))
        session.anchor_sentence(i, session.position());
      ImGui::Separator();
    }
    // The listener's names for it: who speaks and when (the index means nothing to them).
    const sync::TimedTurn& turn = session.timeline().turns()[k];
    ImGui::TextDisabled("%s at %s", session.episode().blocks[turn.block].speaker.c_str(), sync::format_clock_nearest(turn.start).c_str());
    if (ImGui::MenuItem("Play from here")) {
      session.seek(start);
      session.play();
    }
    if (ImGui::MenuItem("Loop this turn")) session.loop_turn(k);
    if (ImGui::MenuItem("Set loop start (A) here")) session.set_loop_a(start);
    if (ImGui::MenuItem("Set loop end (B) after this turn")) session.set_loop_b(session.turn_loop_end(k));
    if (ImGui::MenuItem("This turn starts now (anchor at the playhead)")) session.anchor_turn(k, session.position());
  }
  ImGui::EndPopup();
}

}  // namespace tingdu::ui
