#include "sync/timeline.h"

#include <algorithm>
#include <cmath>
#include <iterator>

#include "chapter_placement.h"
#include "speech_clock.h"
#include "sync/time_format.h"

namespace tingdu::sync {

std::string_view time_source_name(TimeSource s) {
  switch (s) {
    case TimeSource::source: return "source";
    case TimeSource::chapter: return "chapter";
    case TimeSource::estimated: return "estimated";
    case TimeSource::anchored: return "anchored";
    case TimeSource::aligned: return "aligned";
  }
  return "estimated";
}

double SpeechModel::rate_of(const std::string& speaker) const {
  auto it = rates.find(speaker);
  return it != rates.end() ? it->second : default_rate;
}

Timeline::Timeline(const Episode& episode, std::optional<double> duration, SpeechModel model)
    : episode_(&episode), base_model_(model), model_(std::move(model)), given_duration_(duration) {
  turn_blocks_ = episode.turn_blocks();
  for (std::size_t b : turn_blocks_) {
    const std::string& text = episode.blocks[b].text;
    speakers_.push_back(episode.blocks[b].speaker);
    units_.push_back(spoken_units(text, base_model_.weights));
    sentence_spans_.push_back(split_sentences(text));
    sentence_units_.emplace_back();
    for (const TextSpan& s : sentence_spans_.back()) sentence_units_.back().push_back(spoken_units(s.of(text), base_model_.weights));
  }
  placed_ = place_chapters(episode, build_notes_);
  rebuild();
}

// Fixed times in turn order, strictly increasing. Precedence: anchored, then source, then a
// chapter's start. A chapter start out of order with the times kept before it is dropped
// (noted), and so is one that an anchor contradicts: the listener knows better than a heading
// that came a few turns late. Anchors never contradict anchors or source times (anchor()
// refuses that).
std::vector<Timeline::Fixed> Timeline::fixed_points(const std::map<std::size_t, double>& anchors,
                                                    std::vector<std::string>* notes) const {
  const std::vector<std::optional<double>> chapter_time = chapter_times(anchors);
  std::vector<Fixed> out;
  auto drop = [&](const Fixed& f, double before) {
    if (notes)
      notes->push_back("turn " + std::to_string(f.turn) + "'s " + std::string(time_source_name(f.source)) +
                       " time " + format_clock(f.time) + " is out of order with " + format_clock(before) +
                       "; it is estimated instead");
  };
  for (std::size_t k = 0; k < turn_blocks_.size(); ++k) {
    const Block& b = episode_->blocks[turn_blocks_[k]];
    std::optional<Fixed> f;
    if (auto a = anchors.find(k); a != anchors.end()) f = Fixed{k, a->second, TimeSource::anchored};
    else if (b.start) f = Fixed{k, *b.start, TimeSource::source};
    else if (k < aligned_.size() && aligned_[k]) f = Fixed{k, aligned_[k]->start, TimeSource::aligned};
    else if (placed_[k] && chapter_time[*placed_[k]]) f = Fixed{k, *chapter_time[*placed_[k]], TimeSource::chapter};
    if (!f) continue;
    if (f->source == TimeSource::aligned && !out.empty() && f->time <= out.back().time) continue;  // yields quietly
    if (f->source == TimeSource::anchored) {
      while (!out.empty() && out.back().time >= f->time &&
             (out.back().source == TimeSource::chapter || out.back().source == TimeSource::aligned)) {
        drop(out.back(), f->time);
        out.pop_back();
      }
    } else if (!out.empty() && f->time <= out.back().time) {
      // Two cues at the same moment are kept, in order; anything else is a conflict.
      bool same_cue_time = f->source == TimeSource::source && f->time == out.back().time;
      if (!same_cue_time) {
        drop(*f, out.back().time);
        continue;
      }
    }
    out.push_back(*f);
  }
  return out;
}

// Without an alignment, the outline's times as they are. With one, the audio may be another cut
// than the one the outline was timed on (a pre-roll, ads inserted, an intro cut out): each start
// moves as far as the audio moved the nearest chapter whose first turn was heard (or anchored),
// the one before it first, then the one after. A move that puts it before the end of the turn
// heard last or after the next one heard is not taken (an insert or a cut lies between); with none taken
// the chapter's first turn is estimated between the turns heard around it (nullopt).
std::vector<std::optional<double>> Timeline::chapter_times(const std::map<std::size_t, double>& anchors) const {
  const auto& chapters = episode_->chapters;
  std::vector<std::optional<double>> out(chapters.size());
  for (std::size_t c = 0; c < chapters.size(); ++c) out[c] = chapters[c].start;
  if (aligned_.empty()) return out;
  const std::size_t n = turn_blocks_.size();
  // Where turn k was heard to start (or, `to_end`, to stop: an anchor has no end of its own).
  auto heard = [&](std::size_t k, bool to_end = false) -> std::optional<double> {
    if (auto a = anchors.find(k); a != anchors.end()) return a->second;
    if (k < aligned_.size() && aligned_[k]) return to_end ? aligned_[k]->end : aligned_[k]->start;
    return std::nullopt;
  };
  std::vector<std::optional<std::size_t>> first_turn(chapters.size());
  std::vector<std::optional<double>> moved(chapters.size());  // heard start - outline start
  for (std::size_t k = 0; k < n; ++k)
    if (placed_[k]) {
      first_turn[*placed_[k]] = k;
      if (auto h = heard(k)) moved[*placed_[k]] = *h - chapters[*placed_[k]].start;
    }
  const bool any_moved = std::any_of(moved.begin(), moved.end(), [](auto& m) { return m.has_value(); });
  for (std::size_t c = 0; c < chapters.size(); ++c) {
    if (!first_turn[c] || moved[c]) continue;  // not placed, or heard: fixed_points() takes the turn's own time
    const std::size_t k = *first_turn[c];
    std::optional<double> lo, hi;  // the end of the turn heard last before k, the start of the next
    for (std::size_t j = k; j-- > 0 && !lo;) lo = heard(j, true);
    for (std::size_t j = k + 1; j < n && !hi; ++j) hi = heard(j);
    std::vector<double> moves;
    for (std::size_t b = c; b-- > 0;)
      if (moved[b]) { moves.push_back(*moved[b]); break; }
    for (std::size_t a = c + 1; a < chapters.size(); ++a)
      if (moved[a]) { moves.push_back(*moved[a]); break; }
    if (!any_moved) moves.push_back(0.0);
    out[c].reset();
    for (double m : moves) {
      const double t = chapters[c].start + m;
      if ((!lo || t > *lo) && (!hi || t < *hi)) {
        out[c] = t;
        break;
      }
    }
  }
  return out;
}

void Timeline::interpolate(const std::vector<Fixed>& fixed, const SpeechModel& model, std::vector<TimedTurn>& out) const {
  const std::size_t n = turn_blocks_.size();
  auto speech = [&](std::size_t k) { return units_[k] / model.rate_of(speakers_[k]); };
  auto pause = [&](std::size_t k) {  // silence before turn k
    if (k == 0) return 0.0;
    return speakers_[k] == speakers_[k - 1] ? model.same_speaker_pause : model.speaker_change_pause;
  };
  out.assign(n, TimedTurn{});
  for (std::size_t k = 0; k < n; ++k) {
    out[k].block = turn_blocks_[k];
    out[k].units = units_[k];
  }
  // Anchor points for interpolation: the fixed times, a start at 0 (or the first chapter's
  // start) when turn 0 is not fixed, and the end of the audio after the last turn.
  struct Point {
    std::size_t turn;
    double time;
  };
  std::vector<Point> points;
  if (fixed.empty() || fixed.front().turn != 0)
    points.push_back({0, episode_->chapters.empty() ? 0.0 : episode_->chapters.front().start});
  for (const Fixed& f : fixed) {
    out[f.turn].start = f.time;
    out[f.turn].source = f.source;
    points.push_back({f.turn, f.time});
  }
  double end = duration_;
  if (!points.empty() && points.back().time >= end && points.back().turn < n) end = points.back().time;
  points.push_back({n, std::max(end, points.back().time)});

  if (n > 0 && (fixed.empty() || fixed.front().turn != 0)) out[0].start = points.front().time;
  for (std::size_t p = 0; p + 1 < points.size(); ++p) {
    auto [a, ta] = points[p];
    auto [b, tb] = points[p + 1];
    if (b <= a + 1) continue;
    // Cumulative speaking time from a's start to each turn's start, ending at b.
    std::vector<double> cum(b - a + 1, 0.0);
    for (std::size_t k = a + 1; k <= b; ++k)
      cum[k - a] = cum[k - 1 - a] + speech(k - 1) + (k < n ? pause(k) : 0.0);
    double total = cum.back();
    // An aligned turn's end was heard too: the turns after it are spread from there as well,
    // and each starts at the later of the two spreads. Later only: in hard audio (a music bed,
    // a backchannel over the tail) a placed end comes early, while an end past the text's clock
    // is speech heard (a long turn whose text is a poor clock, followed by one whose start the
    // aligner found but could not be sure of).
    const bool from_end = a < n && out[a].source == TimeSource::aligned && a < aligned_.size() && aligned_[a];
    const double end_a = from_end ? std::clamp(aligned_[a]->end, ta, tb) : ta;
    const double after_end = total - speech(a);
    // Both spreads run on the clock of speech: no turn is spoken in an untranscribed stretch.
    const SpeechClock clock(untranscribed_, ta, tb), clock_from_end(untranscribed_, end_a, tb);
    // How sure the two fixed times are themselves (an aligned one says; the others are given).
    auto sure = [&](std::size_t x) {
      return x < n && out[x].source == TimeSource::aligned && x < aligned_.size() && aligned_[x] ? aligned_[x]->uncertainty : 0.0;
    };
    const double sure_a = sure(a), sure_b = sure(b);
    for (std::size_t k = a + 1; k < b; ++k) {
      double t = clock.at(clock.length() * (total > 0 ? cum[k - a] / total : double(k - a) / double(b - a)));
      if (from_end && after_end > 0) t = std::max(t, clock_from_end.at(clock_from_end.length() * (cum[k - a] - speech(a)) / after_end));
      out[k].start = t;
      out[k].source = TimeSource::estimated;
      // The text's clock drifts between the two fixed times; and with a stretch between them
      // the turn may as well have been said on its other side (the text can't tell where an
      // ad went in), so it is as uncertain as the stretches are long. Nor is it surer than the
      // fixed times it is spread between (two backchannels placed a second off move it too).
      const double u = clock.of(t), length = clock.length();
      const double drift = length > 0 ? kDriftPerSqrtSecond * std::sqrt(u * (length - u) / length) : 0.0;
      const double share = length > 0 ? std::clamp(u / length, 0.0, 1.0) : 0.5;
      out[k].uncertainty = std::max({drift, clock.taken_out(), (1 - share) * sure_a + share * sure_b});
    }
  }
  for (std::size_t k = 0; k < n; ++k) {
    const Block& blk = episode_->blocks[turn_blocks_[k]];
    double next = k + 1 < n ? out[k + 1].start : std::max(duration_, out[k].start);
    out[k].end = (blk.end && out[k].source == TimeSource::source) ? *blk.end : next;
    // Nor does a turn run on into a stretch after it.
    for (const auto& s : untranscribed_)
      if (s.start > out[k].start && s.start < out[k].end) out[k].end = s.start;
    if (out[k].source == TimeSource::aligned) {
      out[k].end = std::clamp(aligned_[k]->end, out[k].start, next);
      out[k].uncertainty = aligned_[k]->uncertainty;
    }
  }
}

void Timeline::rebuild() {
  const std::size_t n = turn_blocks_.size();
  notes_ = build_notes_;
  std::vector<Fixed> fixed = fixed_points(anchors_, &notes_);

  // Duration: the audio's, else the end of the last timed thing plus the natural time of
  // what follows it.
  duration_estimated_ = !given_duration_;
  if (given_duration_) {
    duration_ = *given_duration_;
  } else {
    double last = episode_->chapters.empty() ? 0.0 : episode_->chapters.back().start;
    std::size_t from = 0;
    if (!fixed.empty() && fixed.back().time >= last) {
      last = fixed.back().time;
      from = fixed.back().turn;
      const Block& b = episode_->blocks[turn_blocks_[from]];
      if (b.end && from + 1 == n) last = std::max(last, *b.end);
    }
    double rest = 0;
    for (std::size_t k = from; k < n; ++k)
      rest += units_[k] / base_model_.rate_of(speakers_[k]) + (k > from ? base_model_.speaker_change_pause : 0);
    if (n > 0 && from + 1 == n && episode_->blocks[turn_blocks_[from]].end) rest = 0;
    duration_ = last + rest;
    notes_.push_back("no audio duration given; the end is estimated from the text at " + format_clock(duration_));
  }

  interpolate(fixed, model_, turns_);

  starts_.resize(n);
  for (std::size_t k = 0; k < n; ++k) starts_[k] = turns_[k].start;
  chapters_.assign(episode_->chapters.size(), TimedChapter{});
  chapter_starts_.resize(chapters_.size());
  for (std::size_t c = 0; c < chapters_.size(); ++c) {
    chapters_[c].start = chapter_starts_[c] = episode_->chapters[c].start;
    chapters_[c].end = c + 1 < chapters_.size() ? episode_->chapters[c + 1].start : std::max(duration_, chapters_[c].start);
  }
  // A chapter starts where its first turn does: where its speech was heard (an outline time can
  // be off by half a minute), or the outline's time on the audio's clock (chapter_times()), or
  // where the turn is estimated when neither is known; starts stay in order.
  for (std::size_t k = 0; k < n; ++k)
    if (placed_[k]) chapters_[*placed_[k]].start = turns_[k].start;
  // The first chapter, though, keeps its outline start when its first words come later: the
  // silence before them is its own (no chapter comes before it to hold it), unless the audio has
  // a stretch of its own there (a pre-roll).
  if (!chapters_.empty()) {
    const bool preroll = std::any_of(untranscribed_.begin(), untranscribed_.end(),
                                     [&](const AlignmentResult::Stretch& s) { return s.start < chapters_[0].start; });
    if (!preroll) chapters_[0].start = std::min(chapters_[0].start, episode_->chapters[0].start);
  }
  for (std::size_t c = 0; c < chapters_.size(); ++c) {
    if (c > 0) chapters_[c].start = std::max(chapters_[c].start, chapters_[c - 1].start);
    chapter_starts_[c] = chapters_[c].start;
    if (c > 0) chapters_[c - 1].end = chapters_[c].start;
  }
  for (std::size_t k = 0; k < n; ++k) {
    turns_[k].chapter = chapter_at(turns_[k].start);
    if (placed_[k] && turns_[k].source != TimeSource::estimated) chapters_[*placed_[k]].first_turn = k;
  }
  place_sentences();
}

void Timeline::place_sentences() {
  const std::size_t n = turns_.size();
  sentences_.clear();
  sentence_starts_.clear();
  first_sentence_.assign(n + 1, 0);
  for (std::size_t k = 0; k < n; ++k) {
    first_sentence_[k] = sentences_.size();
    const auto& spans = sentence_spans_[k];
    const auto& units = sentence_units_[k];
    if (spans.empty()) continue;
    const TimedTurn& turn = turns_[k];
    const bool placed = k < aligned_sentences_.size() && aligned_sentences_[k].size() == spans.size();
    // The turn's speech: to its end, less the pause before the next turn when the end is only
    // the next turn's start.
    double a = turn.start, b = turn.end;
    if (k + 1 < n && b >= turns_[k + 1].start && turn.source != TimeSource::aligned)
      b = std::max(a, b - (speakers_[k] == speakers_[k + 1] ? model_.same_speaker_pause : model_.speaker_change_pause));
    // A turn without an aligned time takes its sentences from the audio too where the aligner's
    // unsure placement of it agrees with the timeline at both ends: the pauses inside are heard.
    const bool aligned = placed && (turn.source == TimeSource::aligned ||
                                    (std::abs(aligned_sentences_[k].front().start - a) <= kPlacementAgrees &&
                                     std::abs(aligned_sentences_[k].back().end - b) <= kPlacementAgrees));
    // Fixed points inside the turn: its start, the listener's pinned sentences, its end; the
    // sentences between two are spread over the time between by their units.
    std::vector<std::pair<std::size_t, double>> fixed{{0, a}};
    for (auto it = sentence_anchors_.lower_bound({k, 1}); it != sentence_anchors_.end() && it->first.first == k; ++it)
      if (it->first.second < spans.size()) fixed.push_back({it->first.second, it->second});
    fixed.push_back({spans.size(), b});
    for (std::size_t f = 0; f + 1 < fixed.size(); ++f) {
      auto [from, t0] = fixed[f];
      auto [to, t1] = fixed[f + 1];
      double total = 0;
      for (std::size_t j = from; j < to; ++j) total += units[j];
      double done = 0;
      for (std::size_t j = from; j < to; ++j) {
        TimedSentence s;
        s.turn = k;
        s.index = std::uint32_t(j);
        s.text = spans[j];
        s.units = units[j];
        if (aligned && !sentence_anchors_.count({k, std::uint32_t(j)})) {
          const AlignedTime& at = aligned_sentences_[k][j];
          // Within the turn as the timeline has it: its end can be earlier than the aligner's
          // (the next turn kept its chapter's start, or was pinned), and a sentence past it
          // would overlap the next turn's.
          s.start = j == 0 ? a : std::clamp(at.start, a, b);
          s.end = std::clamp(at.end, s.start, std::max(s.start, b));
          const bool heard = !at.estimated && turn.source == TimeSource::aligned;
          s.source = j == 0 ? turn.source : heard ? TimeSource::aligned : TimeSource::estimated;
          s.uncertainty = j == 0 ? turn.uncertainty : at.uncertainty;
          done += units[j];
        } else {
          double share = total > 0 ? done / total : double(j - from) / double(to - from);
          s.start = t0 + (t1 - t0) * share;
          double offset = s.start - t0, span = t1 - t0;
          double drift = span > 0 ? kDriftPerSqrtSecond * std::sqrt(std::max(0.0, offset * (span - offset) / span)) : 0.0;
          s.source = j == from ? (j == 0 ? turn.source : TimeSource::anchored) : TimeSource::estimated;
          s.uncertainty = j == from && j > 0 ? 0.0 : std::sqrt(turn.uncertainty * turn.uncertainty + drift * drift);
          done += units[j];
          s.end = t0 + (t1 - t0) * (total > 0 ? done / total : double(j + 1 - from) / double(to - from));
        }
        sentences_.push_back(s);
      }
    }
  }
  first_sentence_[n] = sentences_.size();
  // Starts strictly in order for the lookups, however the sources disagree.
  for (std::size_t i = 0; i < sentences_.size(); ++i) {
    if (i > 0) sentences_[i].start = std::max(sentences_[i].start, sentences_[i - 1].start);
    sentences_[i].end = std::max(sentences_[i].end, sentences_[i].start);
    sentence_starts_.push_back(sentences_[i].start);
  }
}

void Timeline::set_alignment(std::vector<std::optional<AlignedTime>> aligned, std::vector<std::vector<AlignedTime>> sentences,
                             std::vector<AlignmentResult::Stretch> untranscribed) {
  aligned_ = std::move(aligned);
  aligned_sentences_ = std::move(sentences);
  untranscribed_ = std::move(untranscribed);
  if (!aligned_.empty()) aligned_.resize(turns_.size());
  rebuild();
}

std::optional<std::size_t> Timeline::chapter_at(double t) const {
  auto it = std::upper_bound(chapter_starts_.begin(), chapter_starts_.end(), t);
  if (it == chapter_starts_.begin()) return std::nullopt;
  std::size_t c = std::size_t(it - chapter_starts_.begin()) - 1;
  if (t >= chapters_[c].end) return std::nullopt;
  return c;
}

std::optional<std::size_t> Timeline::sentence_at(double t) const {
  auto turn = turn_at(t);
  if (!turn || first_sentence_[*turn] == first_sentence_[*turn + 1]) return std::nullopt;
  auto it = std::upper_bound(sentence_starts_.begin() + std::ptrdiff_t(first_sentence_[*turn]),
                             sentence_starts_.begin() + std::ptrdiff_t(first_sentence_[*turn + 1]), t);
  if (it == sentence_starts_.begin() + std::ptrdiff_t(first_sentence_[*turn])) return first_sentence_[*turn];
  return std::size_t(it - sentence_starts_.begin()) - 1;
}

std::optional<std::size_t> Timeline::turn_at(double t) const {
  if (t >= duration_) return std::nullopt;
  if (auto k = turn_started_by(t)) {
    if (t >= turns_[*k].end && untranscribed_at(t)) return std::nullopt;
    return k;
  }
  // Before the first words, the first chapter's silence (rebuild(): it starts at its outline time
  // unless a pre-roll comes first) shows its first turn: nothing else is spoken yet.
  if (!starts_.empty() && !chapter_starts_.empty() && t >= chapter_starts_[0] && turns_[0].chapter == std::size_t(0)) return 0;
  return std::nullopt;
}

std::optional<std::size_t> Timeline::turn_started_by(double t) const {
  auto it = std::upper_bound(starts_.begin(), starts_.end(), t);
  if (it == starts_.begin()) return std::nullopt;
  return std::size_t(it - starts_.begin()) - 1;
}

std::optional<AlignmentResult::Stretch> Timeline::untranscribed_at(double t) const {
  auto it = std::upper_bound(untranscribed_.begin(), untranscribed_.end(), t,
                             [](double x, const AlignmentResult::Stretch& s) { return x < s.start; });
  if (it == untranscribed_.begin() || t >= std::prev(it)->end) return std::nullopt;
  return *std::prev(it);
}

TimelinePosition Timeline::at(double t) const {
  TimelinePosition p;
  p.chapter = chapter_at(t);
  p.turn = turn_at(t);
  p.sentence = sentence_at(t);
  if (p.turn) {
    const TimedTurn& turn = turns_[*p.turn];
    double len = turn.end - turn.start;
    p.progress = len > 0 ? std::clamp((t - turn.start) / len, 0.0, 1.0) : 1.0;
  }
  return p;
}

std::optional<std::size_t> Timeline::next_turn(std::size_t turn) const {
  return turn + 1 < turns_.size() ? std::optional(turn + 1) : std::nullopt;
}
std::optional<std::size_t> Timeline::previous_turn(std::size_t turn) const {
  return turn > 0 && turn <= turns_.size() ? std::optional(turn - 1) : std::nullopt;
}
std::optional<std::size_t> Timeline::next_chapter(std::size_t chapter) const {
  return chapter + 1 < chapters_.size() ? std::optional(chapter + 1) : std::nullopt;
}
std::optional<std::size_t> Timeline::previous_chapter(std::size_t chapter) const {
  return chapter > 0 && chapter <= chapters_.size() ? std::optional(chapter - 1) : std::nullopt;
}

}  // namespace tingdu::sync
