// The clock estimated turns are spread on (internal to sync/): the time between two fixed
// points without the untranscribed stretches in it (ads, music: no turn is spoken there).
#pragma once

#include <algorithm>
#include <vector>

#include "sync/alignment.h"

namespace tingdu::sync {

class SpeechClock {
 public:
  // The clock from `from` to `to` (seconds of the audio, from <= to) without the parts of
  // `stretches` (in time order, not overlapping) that lie between them.
  SpeechClock(const std::vector<AlignmentResult::Stretch>& stretches, double from, double to) : from_(from), length_(to - from) {
    for (const auto& s : stretches) {
      const double start = std::max(s.start, from), end = std::min(s.end, to);
      if (end <= start) continue;
      gaps_.push_back({start, end});
      length_ -= end - start;
      taken_out_ += end - start;
    }
  }
  // Seconds of speech time between `from` and `to`, and of the stretches taken out.
  double length() const { return length_; }
  double taken_out() const { return taken_out_; }
  // The audio's time `u` seconds of speech time after `from` (0 <= u <= length()). A time that
  // falls where a stretch was taken out is its start: what was said before an ad ends there.
  double at(double u) const {
    double t = from_ + u;
    for (const auto& g : gaps_) {
      if (t <= g.start) break;
      t += g.end - g.start;
    }
    return t;
  }
  // The inverse: seconds of speech time from `from` to the audio's time `t` (a time inside a
  // stretch counts as its start).
  double of(double t) const {
    double u = t - from_;
    for (const auto& g : gaps_) u -= std::clamp(t - g.start, 0.0, g.end - g.start);
    return std::clamp(u, 0.0, length_);
  }

 private:
  double from_, length_, taken_out_ = 0;
  std::vector<AlignmentResult::Stretch> gaps_;  // the stretches' parts within [from, to]
};

}  // namespace tingdu::sync
