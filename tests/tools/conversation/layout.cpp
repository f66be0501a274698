#include "layout.h"

namespace conv {
namespace {

constexpr double kTailSeconds = 1.0;  // noise after the last turn, so it does not end abruptly
// The noise floor: white noise through the lowpass y += a (x - y).
constexpr double kNoiseLowpass = 0.5;

}  // namespace

Layout lay_out(const std::vector<Turn>& turns, const std::optional<Stretch>& stretch, int rate) {
  Layout layout;
  std::int64_t at = 0;
  auto place = [&](std::span<const float> sound) {
    layout.clips.push_back({at, sound});
    Span span{at, at + std::int64_t(sound.size())};
    at = span.end;
    return span;
  };
  for (std::size_t k = 0; k < turns.size(); ++k) {
    if (stretch && stretch->before_turn == k) {
      at += stretch->pause_before;
      layout.untranscribed.push_back({place(stretch->audio), stretch->kind});
    }
    std::vector<Span>& sentences = layout.sentences.emplace_back();
    for (const Slot& slot : turns[k].slots) {
      at += slot.pause_before;
      Span phrase = place(slot.phrase);
      if (slot.sentence == sentences.size()) sentences.push_back(phrase);
      else sentences.back().end = phrase.end;
    }
    layout.turns.push_back({sentences.front().start, sentences.back().end});
  }
  layout.heard.assign(turns.size(), true);
  layout.length = at + std::llround(kTailSeconds * rate);
  return layout;
}

std::vector<std::int64_t> chapter_starts(const std::vector<Turn>& turns, const Layout& layout) {
  std::vector<std::int64_t> starts;
  for (std::size_t k = 0; k < turns.size(); ++k)
    if (k == 0 || turns[k].chapter != turns[k - 1].chapter) starts.push_back(layout.turns[k].start);
  return starts;
}

std::vector<std::int64_t> outline_times(const std::vector<std::int64_t>& starts, int rate, double jitter, Rng& rng) {
  std::vector<std::int64_t> times;
  for (std::int64_t start : starts) {
    double t = std::max(0.0, double(start) / rate + rng.uniform(-jitter, jitter));
    auto seconds = std::int64_t(std::floor(t));
    if (!times.empty()) seconds = std::max(seconds, times.back() + 1);
    times.push_back(seconds);
  }
  return times;
}

Samples render(const Layout& layout, const Samples& bed, double noise_db, Rng& rng) {
  Samples audio(std::size_t(layout.length), 0.f);
  for (const Clip& clip : layout.clips)
    for (std::size_t i = 0; i < clip.sound.size(); ++i) audio[std::size_t(clip.at) + i] += clip.sound[i];
  for (std::size_t i = 0; i < std::min(bed.size(), audio.size()); ++i) audio[i] += bed[i];
  // Uniform noise in [-1, 1] has variance 1/3; the lowpass y += a (x - y) scales it by a / (2 - a).
  const double a = kNoiseLowpass;
  const double gain = db_to_amplitude(noise_db) / std::sqrt(a / (2 - a) / 3);
  double y = 0;
  for (float& v : audio) {
    y += a * (rng.uniform(-1, 1) - y);
    v += float(gain * y);
  }
  return audio;
}

}  // namespace conv
