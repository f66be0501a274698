#include "sync/subtitles.h"

#include <unicode/brkiter.h>
#include <unicode/uchar.h>
#include <unicode/utext.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <iterator>
#include <memory>

#include "sync/sentences.h"
#include "sync/speech_units.h"

namespace tingdu::sync {
namespace {

// How much of one subtitle line `text` fills (1.0: a full line): a wide character (Han, kana,
// Hangul, full-width punctuation) is 1/cjk_per_line, any other 1/latin_per_line.
double line_share(std::string_view text, const SubtitleLimits& limits) {
  double share = 0;
  for (int32_t i = 0; i < int32_t(text.size());) {
    UChar32 c;
    U8_NEXT(text.data(), i, int32_t(text.size()), c);
    if (c < 0) continue;
    int width = u_getIntPropertyValue(c, UCHAR_EAST_ASIAN_WIDTH);
    bool wide = width == U_EA_WIDE || width == U_EA_FULLWIDTH;
    share += wide ? 1.0 / limits.cjk_per_line : 1.0 / limits.latin_per_line;
  }
  return share;
}

std::string_view trimmed(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\n')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\n')) s.remove_suffix(1);
  return s;
}

// Boundaries ICU's `kind` iterator (for the text's language) finds inside `span`, as offsets in
// the turn's text.
std::vector<std::uint32_t> boundaries(std::string_view text, TextSpan span, bool words) {
  std::vector<std::uint32_t> out;
  std::string_view piece = span.of(text);
  UErrorCode err = U_ZERO_ERROR;
  icu::Locale locale = icu::Locale::getRoot();
  for (char c : piece)
    if (static_cast<unsigned char>(c) >= 0xE3) {  // a lead byte of Han, kana or Hangul (U+3000 and up)
      locale = icu::Locale("zh");
      break;
    }
  std::unique_ptr<icu::BreakIterator> it(words ? icu::BreakIterator::createWordInstance(locale, err)
                                               : icu::BreakIterator::createLineInstance(locale, err));
  if (!it || U_FAILURE(err)) return out;
  UText* ut = utext_openUTF8(nullptr, piece.data(), int64_t(piece.size()), &err);
  if (U_FAILURE(err)) return out;
  it->setText(ut, err);
  for (int32_t at = it->next(); at != icu::BreakIterator::DONE; at = it->next())
    if (at < int32_t(piece.size())) out.push_back(span.begin + std::uint32_t(at));
  utext_close(ut);
  return out;
}

// Where a line may be cut inside `span`: where line breaking allows it (never before a comma or
// a closing bracket) and, as Chinese has no spaces, only between words (ICU's dictionary), so a
// word like "邀请" is never split across lines.
std::vector<std::uint32_t> line_breaks(std::string_view text, TextSpan span) {
  std::vector<std::uint32_t> lines = boundaries(text, span, false), words = boundaries(text, span, true), out;
  std::set_intersection(lines.begin(), lines.end(), words.begin(), words.end(), std::back_inserter(out));
  return out;
}

// How much longer (in lines) the longer line may be when the cut falls after a clause.
constexpr double kClauseBonus = 0.15;

// True when the last character before `at` (spaces skipped) ends a clause ("，" ",").
bool after_clause(std::string_view text, std::uint32_t at) {
  int32_t i = int32_t(at);
  UChar32 c = 0;
  while (i > 0) {
    U8_PREV(text.data(), 0, i, c);
    if (c != ' ') break;
  }
  return c > 0 && u_hasBinaryProperty(c, UCHAR_TERMINAL_PUNCTUATION);
}

// One cue's text laid out: one line when it fits, else two lines, cut after a clause when both
// lines then fit, else where the longer line is shortest. `fits`: within the limits.
struct Layout {
  std::string text;
  bool fits = false;
};

// `lead`: the share of the first line something shown before the text takes (the speaker's
// name on a turn's first cue).
Layout lay_out(std::string_view text, TextSpan span, const std::vector<std::uint32_t>& breaks, const SubtitleLimits& limits,
               double lead) {
  std::string_view whole = trimmed(span.of(text));
  double share = lead + line_share(whole, limits);
  if (share <= 1.0 || limits.lines < 2) return {std::string(whole), share <= 1.0};
  double best_score = 1e9, best = 1e9;
  std::uint32_t cut = 0;
  for (std::uint32_t b : breaks) {
    if (b <= span.begin || b >= span.end) continue;
    double longer = std::max(lead + line_share(trimmed(text.substr(span.begin, b - span.begin)), limits),
                             line_share(trimmed(text.substr(b, span.end - b)), limits));
    double score = longer > 1.0 ? 10 + longer : after_clause(text, b) ? longer - kClauseBonus : longer;
    if (score < best_score) best_score = score, best = longer, cut = b;
  }
  if (cut == 0) return {std::string(whole), false};
  std::string out(trimmed(text.substr(span.begin, cut - span.begin)));
  out += '\n';
  out += trimmed(text.substr(cut, span.end - cut));
  return {out, best <= 1.0};
}

// A turn's text with its line joins turned into spaces (a cue's own line breaks are the only
// ones it should show); same length, so sentence spans still apply.
std::string flattened(std::string text) {
  std::replace(text.begin(), text.end(), '\n', ' ');
  return text;
}

// Cuts one sentence into cues: first at clause breaks, and a clause that alone breaks the
// limits at its line-break opportunities; consecutive pieces are then joined greedily while the
// joined cue still fits. Times are shared out by spoken units. `lead`: as lay_out's, for the
// sentence's first cue.
void cut_sentence(const std::string& text, const TimedSentence& s, const SubtitleLimits& limits, double lead,
                  std::vector<SubtitleCue>& out) {
  const double duration = std::max(0.0, s.end - s.start);
  const double units = std::max(1e-9, spoken_units(s.text.of(text)));
  const std::vector<std::uint32_t> lines = line_breaks(text, s.text);
  auto seconds_of = [&](TextSpan span) { return duration * spoken_units(span.of(text)) / units; };
  auto fits = [&](TextSpan span) {
    return seconds_of(span) <= limits.max_seconds &&
           lay_out(text, span, lines, limits, span.begin == s.text.begin ? lead : 0).fits;
  };

  std::vector<std::uint32_t> cuts;  // where pieces end, the sentence's end last
  std::uint32_t from = s.text.begin;
  std::vector<std::uint32_t> clauses = clause_breaks(text, s.text);
  clauses.push_back(s.text.end);
  for (std::uint32_t to : clauses) {
    if (!fits({from, to}))
      for (std::uint32_t b : lines)
        if (b > from && b < to) cuts.push_back(b);
    cuts.push_back(to);
    from = to;
  }

  double at = s.start;
  from = s.text.begin;
  for (std::size_t i = 0; i < cuts.size(); ++i) {
    std::uint32_t to = cuts[i];
    while (i + 1 < cuts.size() && fits({from, cuts[i + 1]})) to = cuts[++i];
    TextSpan span{from, to};
    double seconds = seconds_of(span);
    SubtitleCue cue;
    cue.start = at;
    // A piece whose share of a slow sentence runs past the limit leaves the screen at the limit.
    cue.end = std::min(at + seconds, at + limits.max_seconds);
    cue.text = lay_out(text, span, lines, limits, from == s.text.begin ? lead : 0).text;
    cue.turn = s.turn;
    if (!cue.text.empty()) out.push_back(std::move(cue));
    at += seconds;
    from = to;
  }
}

// A cue shorter than this (seconds) flashes by unread: it joins a neighbour of its turn, or
// takes time from the silence around it.
constexpr double kMinCueSeconds = 0.5;

// True when cues a and b (a before b) shown as one stay within the limits: a line each, and
// no longer on screen than max_seconds.
bool joinable(const SubtitleCue& a, const SubtitleCue& b, const SubtitleLimits& limits) {
  return limits.lines >= 2 && a.text.find('\n') == std::string::npos && b.text.find('\n') == std::string::npos &&
         b.end - a.start <= limits.max_seconds;
}

// Joins each cue of one turn (cues[first...]) shorter than kMinCueSeconds with a neighbour in
// that turn (the shorter, of those it fits with): one cue over both, a line each.
void join_short(std::vector<SubtitleCue>& cues, std::size_t first, const SubtitleLimits& limits) {
  auto length = [&](std::size_t i) { return cues[i].end - cues[i].start; };
  for (std::size_t i = first; i < cues.size();) {
    const bool before = i > first && joinable(cues[i - 1], cues[i], limits);
    const bool after = i + 1 < cues.size() && joinable(cues[i], cues[i + 1], limits);
    if (length(i) >= kMinCueSeconds || (!before && !after)) {
      ++i;
      continue;
    }
    if (before && (!after || length(i - 1) <= length(i + 1))) --i;  // join the one before with this one
    cues[i].text += "\n" + cues[i + 1].text;
    cues[i].end = std::max(cues[i].end, cues[i + 1].end);
    cues.erase(cues.begin() + std::ptrdiff_t(i + 1));
  }
}

// Appends turn k's sentence cues (only the first names its speaker).
void append_turn_cues(const Episode& episode, const Timeline& timeline, std::size_t k, std::size_t block_index,
                      const SubtitleLimits& limits, std::vector<SubtitleCue>& out) {
  const Block& block = episode.blocks[block_index];
  const std::string text = flattened(block.text);
  const std::size_t first = out.size();
  auto [from, to] = timeline.sentences_of(k);
  // SRT shows the name as "Name: " before the first cue's text.
  const double lead = block.speaker.empty() ? 0 : line_share(block.speaker + ": ", limits);
  for (std::size_t i = from; i < to; ++i) cut_sentence(text, timeline.sentences()[i], limits, i == from ? lead : 0, out);
  join_short(out, first, limits);
  if (out.size() > first) out[first].speaker = block.speaker;
}

// Made cues in order, never overlapping, and at least kMinCueSeconds where the silence around
// allows: a short cue runs on into the silence after it, then starts earlier into the silence
// before it. `made[i]`: cue i is Tingdu's (a cue the author timed keeps its times).
template <class Start, class End>
void settle(std::size_t n, const std::vector<bool>& made, Start start, End end) {
  for (std::size_t i = 0; i < n; ++i) {
    if (!made[i]) continue;
    const double before = i > 0 ? end(i - 1) : 0.0;
    const double after = i + 1 < n ? start(i + 1) : std::max(end(i), start(i) + kMinCueSeconds);
    start(i) = std::clamp(start(i), before, std::max(before, after));
    end(i) = std::clamp(std::max(end(i), start(i) + kMinCueSeconds), start(i), std::max(start(i), after));
    if (end(i) - start(i) < kMinCueSeconds) start(i) = std::max(before, end(i) - kMinCueSeconds);
  }
}

Block cue_block(const SubtitleCue& c) {
  Block b;
  b.kind = BlockKind::turn;
  b.speaker = c.speaker;
  b.text = c.text;
  b.start = c.start;
  b.end = c.end;
  return b;
}

}  // namespace

std::vector<SubtitleCue> sentence_cues(const Episode& episode, const Timeline& timeline, const SubtitleLimits& limits) {
  std::vector<SubtitleCue> out;
  const std::vector<std::size_t> blocks = episode.turn_blocks();
  for (std::size_t k = 0; k < blocks.size(); ++k) append_turn_cues(episode, timeline, k, blocks[k], limits, out);
  settle(out.size(), std::vector<bool>(out.size(), true), [&](std::size_t i) -> double& { return out[i].start; },
         [&](std::size_t i) -> double& { return out[i].end; });
  return out;
}

Episode subtitle_episode(const Episode& source, const Timeline& timeline, const CueOptions& options) {
  Episode out;
  out.meta = source.meta;
  out.chapters = source.chapters;
  std::vector<bool> made;  // per out.blocks: a cue made here (its end may yield to the next block)
  for (std::size_t k = 0; k < timeline.turns().size(); ++k) {
    const TimedTurn& t = timeline.turns()[k];
    const Block& b = source.blocks[t.block];
    const bool own_times = b.start.has_value();
    const double length = b.end.value_or(t.end) - b.start.value_or(t.start);
    const bool cut =
        options.by == CueCut::sentence && (!own_times || (options.split && length > options.limits.max_seconds));
    if (!cut) {
      Block kept = b;
      // The listener's pin wins over the file's time, as everywhere else.
      if (!own_times || t.source == TimeSource::anchored) kept.start = t.start, kept.end = t.end;
      out.blocks.push_back(std::move(kept));
      made.push_back(!own_times);
      continue;
    }
    std::vector<SubtitleCue> cues;
    append_turn_cues(source, timeline, k, t.block, options.limits, cues);
    for (const SubtitleCue& c : cues) {
      out.blocks.push_back(cue_block(c));
      made.push_back(true);
    }
  }
  settle(out.blocks.size(), made, [&](std::size_t i) -> double& { return *out.blocks[i].start; },
         [&](std::size_t i) -> double& { return *out.blocks[i].end; });
  return out;
}

Episode cue_episode(const Episode& episode, const std::vector<SubtitleCue>& cues) {
  Episode out;
  out.meta = episode.meta;
  out.chapters = episode.chapters;
  for (const SubtitleCue& c : cues) out.blocks.push_back(cue_block(c));
  return out;
}

}  // namespace tingdu::sync
