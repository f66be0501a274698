// Timeline: the listener's anchors, their undo history, and what they teach the speech model.
#include <algorithm>
#include <cmath>
#include <set>

#include "sync/time_format.h"
#include "sync/timeline.h"

namespace tingdu::sync {
namespace {

// Fitted rates stay within what people speak: 1 to 15 units (Han characters) per second.
constexpr double kMinRate = 1.0, kMaxRate = 15.0;
// Ridge weight pulling fitted rates toward the defaults, as a share of the data's own weight.
// Small: it only has to keep a fit defined when the anchors can't tell two speakers apart
// (every interval mixes them in the same proportion); where they can, the data should win.
constexpr double kPriorWeight = 0.01;

// Solves the small dense system A x = y in place (Gaussian elimination with partial pivoting).
std::vector<double> solve(std::vector<std::vector<double>> a, std::vector<double> y) {
  const std::size_t n = y.size();
  for (std::size_t c = 0; c < n; ++c) {
    std::size_t pivot = c;
    for (std::size_t r = c + 1; r < n; ++r)
      if (std::abs(a[r][c]) > std::abs(a[pivot][c])) pivot = r;
    std::swap(a[c], a[pivot]);
    std::swap(y[c], y[pivot]);
    if (std::abs(a[c][c]) < 1e-12) return {};
    for (std::size_t r = 0; r < n; ++r) {
      if (r == c) continue;
      double f = a[r][c] / a[c][c];
      for (std::size_t k = c; k < n; ++k) a[r][k] -= f * a[c][k];
      y[r] -= f * y[c];
    }
  }
  for (std::size_t c = 0; c < n; ++c) y[c] /= a[c][c];
  return y;
}

}  // namespace

// Least squares over the intervals between consecutive fixed times that involve an anchor: the
// seconds per unit of each speaker (x_s) that best explain each interval's length after its
// pauses, pulled toward the default rates by a ridge term.
SpeechModel Timeline::fit_rates(const std::vector<Fixed>& fixed) const {
  SpeechModel model = base_model_;
  std::vector<std::string> names;
  std::vector<std::vector<double>> rows;  // per interval: units per speaker
  std::vector<double> lengths;            // per interval: seconds of speech
  for (std::size_t i = 0; i + 1 < fixed.size(); ++i) {
    const Fixed &a = fixed[i], &b = fixed[i + 1];
    if (a.source != TimeSource::anchored && b.source != TimeSource::anchored) continue;
    std::vector<double> row(names.size(), 0.0);
    double pauses = 0;
    for (std::size_t k = a.turn; k < b.turn; ++k) {
      auto it = std::find(names.begin(), names.end(), speakers_[k]);
      if (it == names.end()) {
        names.push_back(speakers_[k]);
        for (auto& r : rows) r.push_back(0.0);
        row.push_back(0.0);
        it = names.end() - 1;
      }
      row[std::size_t(it - names.begin())] += units_[k];
      if (k > a.turn)
        pauses += speakers_[k] == speakers_[k - 1] ? model.same_speaker_pause : model.speaker_change_pause;
    }
    rows.push_back(row);
    lengths.push_back(std::max(0.0, b.time - a.time - pauses));
  }
  if (rows.empty()) return model;
  const std::size_t s = names.size();
  for (auto& r : rows) r.resize(s, 0.0);
  std::vector<std::vector<double>> ata(s, std::vector<double>(s, 0.0));
  std::vector<double> aty(s, 0.0);
  double scale = 0;
  for (std::size_t i = 0; i < rows.size(); ++i)
    for (std::size_t p = 0; p < s; ++p) {
      aty[p] += rows[i][p] * lengths[i];
      for (std::size_t q = 0; q < s; ++q) ata[p][q] += rows[i][p] * rows[i][q];
      scale += rows[i][p] * rows[i][p];
    }
  double lambda = kPriorWeight * scale / double(s);
  for (std::size_t p = 0; p < s; ++p) {
    ata[p][p] += lambda;
    aty[p] += lambda / base_model_.rate_of(names[p]);
  }
  std::vector<double> x = solve(ata, aty);
  if (x.empty()) return model;
  for (std::size_t p = 0; p < s; ++p)
    if (x[p] > 0) model.rates[names[p]] = std::clamp(1.0 / x[p], kMinRate, kMaxRate);
  return model;
}

std::optional<std::string> Timeline::check_anchor(std::size_t turn, double t,
                                                  const std::map<std::size_t, double>& others) const {
  if (turn >= turn_blocks_.size())
    return turn_blocks_.empty() ? "there is no turn " + std::to_string(turn) + ": this transcript has no turns"
                                : "there is no turn " + std::to_string(turn) + "; turns are numbered 0 to " +
                                      std::to_string(turn_blocks_.size() - 1);
  if (!std::isfinite(t) || t < 0 || t > duration_)
    return "time " + format_clock(t) + " is outside the audio (0:00 to " + format_clock(duration_) + ")";
  std::map<std::size_t, double> rest = others;
  rest.erase(turn);
  for (const Fixed& f : fixed_points(rest, nullptr)) {
    if (f.source == TimeSource::chapter) continue;  // chapter starts yield to the listener
    if (f.turn < turn && f.time >= t)
      return "turn " + std::to_string(f.turn) + " is " + std::string(time_source_name(f.source)) + " at " +
             format_clock(f.time) + ", so turn " + std::to_string(turn) + " must start after that";
    if (f.turn > turn && f.time <= t)
      return "turn " + std::to_string(f.turn) + " is " + std::string(time_source_name(f.source)) + " at " +
             format_clock(f.time) + ", so turn " + std::to_string(turn) + " must start before that";
  }
  return std::nullopt;
}

void Timeline::push_history() {
  undo_.push_back({anchors_, sentence_anchors_, model_});
  redo_.clear();
}

RefitReport Timeline::learn() {
  RefitReport report;
  if (anchors_.size() < 2) {
    report.reason = "learning speaking rates needs two or more anchors; there are " + std::to_string(anchors_.size());
    return report;
  }
  std::vector<Fixed> fixed = fixed_points(anchors_, nullptr);
  SpeechModel fitted = fit_rates(fixed);
  std::vector<TimedTurn> before = turns_;
  push_history();
  model_ = fitted;
  rebuild();
  report.fitted = true;
  report.rates = model_.rates;
  std::size_t moved = 0;
  for (std::size_t k = 0; k < turns_.size(); ++k) {
    if (turns_[k].source != TimeSource::estimated) continue;
    double d = std::abs(turns_[k].start - before[k].start);
    report.mean_shift += d;
    report.max_shift = std::max(report.max_shift, d);
    ++moved;
  }
  if (moved) report.mean_shift /= double(moved);
  return report;
}

AnchorResult Timeline::anchor(std::size_t turn, double t) {
  if (auto why = check_anchor(turn, t, anchors_)) return {false, *why};
  push_history();
  anchors_[turn] = t;
  rebuild();
  return {true, {}};
}

AnchorResult Timeline::remove_anchor(std::size_t turn) {
  if (!anchors_.count(turn)) return {false, "turn " + std::to_string(turn) + " has no anchor"};
  push_history();
  anchors_.erase(turn);
  rebuild();
  return {true, {}};
}

std::vector<std::string> Timeline::replace_anchors(const std::map<std::size_t, double>& anchors) {
  std::vector<std::string> refused;
  std::map<std::size_t, double> accepted;
  for (auto [turn, t] : anchors) {
    if (auto why = check_anchor(turn, t, accepted)) refused.push_back("anchor on turn " + std::to_string(turn) + ": " + *why);
    else accepted[turn] = t;
  }
  push_history();
  anchors_ = std::move(accepted);
  rebuild();
  return refused;
}

bool Timeline::step_history(std::vector<State>& from, std::vector<State>& to) {
  if (from.empty()) return false;
  to.push_back({anchors_, sentence_anchors_, model_});
  anchors_ = std::move(from.back().anchors);
  sentence_anchors_ = std::move(from.back().sentence_anchors);
  model_ = std::move(from.back().model);
  from.pop_back();
  rebuild();
  return true;
}

std::optional<std::string> Timeline::check_sentence_anchor(
    std::size_t turn, std::uint32_t index, double t, const SentenceAnchors& others) const {
  if (turn >= turns_.size() || index >= sentence_spans_[turn].size())
    return "turn " + std::to_string(turn) + " has no sentence " + std::to_string(index);
  if (index == 0) return std::string("a turn's first sentence starts with the turn: anchor the turn");
  double from = turns_[turn].start, to = turn + 1 < turns_.size() ? turns_[turn + 1].start : duration_;
  if (!std::isfinite(t) || t <= from || t >= to)
    return "sentence " + std::to_string(index) + " of turn " + std::to_string(turn) + " must start inside its turn (" +
           format_clock(from) + " to " + format_clock(to) + ")";
  for (auto it = others.lower_bound({turn, 1}); it != others.end() && it->first.first == turn; ++it) {
    if (it->first.second == index) continue;
    if ((it->first.second < index && it->second >= t) || (it->first.second > index && it->second <= t))
      return "sentence " + std::to_string(it->first.second) + " of this turn is pinned at " + format_clock(it->second) +
             ", out of order with " + format_clock(t);
  }
  return std::nullopt;
}

AnchorResult Timeline::anchor_sentence(std::size_t turn, std::uint32_t index, double t) {
  if (auto why = check_sentence_anchor(turn, index, t, sentence_anchors_)) return {false, *why};
  push_history();
  sentence_anchors_[{turn, index}] = t;
  rebuild();
  return {true, {}};
}

AnchorResult Timeline::remove_sentence_anchor(std::size_t turn, std::uint32_t index) {
  if (!sentence_anchors_.count({turn, index}))
    return {false, "sentence " + std::to_string(index) + " of turn " + std::to_string(turn) + " is not anchored"};
  push_history();
  sentence_anchors_.erase({turn, index});
  rebuild();
  return {true, {}};
}

std::vector<std::string> Timeline::replace_sentence_anchors(const SentenceAnchors& anchors) {
  std::vector<std::string> refused;
  SentenceAnchors accepted;
  for (const auto& [key, t] : anchors) {
    if (auto why = check_sentence_anchor(key.first, key.second, t, accepted)) refused.push_back(*why);
    else accepted[key] = t;
  }
  sentence_anchors_ = std::move(accepted);
  rebuild();
  return refused;
}

bool Timeline::undo() { return step_history(undo_, redo_); }
bool Timeline::redo() { return step_history(redo_, undo_); }

}  // namespace tingdu::sync
