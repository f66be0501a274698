#include "narration.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <random>

#include "media/audio_writer.h"
#include "speech_synth.h"
#include "sync/excerpt.h"
#include "sync/sentences.h"
#include "sync/speech_units.h"
#include "sync/time_format.h"
#include "sync/timeline.h"

namespace tingdu::narrate {
namespace {

// Pauses inside a long turn, between its sentences (seconds).
constexpr double kSentencePauseMin = 0.15, kSentencePauseMax = 0.5;
// Shortest a pause may be squeezed to when a chapter runs long.
constexpr double kMinPause = 0.08;
// When a chapter's text is far denser than its slot (the bundled episode's translated intro
// is), speech may be sped up this far, past NarrationOptions::max_speedup, so that every
// chapter still starts on time. Each such case is reported.
constexpr double kMaxSqueeze = 3.0;
// Pauses are stretched at most this much to fill a slot; beyond it the chapter ends in silence
// (as chapter breaks in a real episode do), rather than with unnaturally long pauses.
constexpr double kMaxPauseStretch = 2.0;
// Asides: how long, and how loud (of full scale).
constexpr double kAsideMin = 5, kAsideMax = 30;
constexpr float kAsideLevel = 0.08f;
// The text espeak-ng reads to measure a voice's rate.
constexpr const char* kCalibration =
    "神经网络是大脑的数学抽象，本质上是一个简单的数学表达式，包含可调节的旋钮，通过训练来调整这些旋钮以执行特定任务。";

// One turn as planned: its speaker, its rate factor, its sentences, and the pauses around.
struct Planned {
  std::size_t turn = 0;
  std::size_t speaker = 0;
  double variation = 1;
  std::vector<std::string> parts;
  std::vector<double> inner_pauses;  // after each part but the last
  double pause_before = 0;           // 0 for a chapter's first turn
  double aside_before = 0;           // an untranscribed aside before the pause, seconds (0: none)
  double units = 0;
};

class Narrator {
 public:
  Narrator(const sync::Episode& ep, const NarrationOptions& o) : ep_(ep), o_(o), rng_(o.seed) {}

  std::optional<NarrationResult> run(const std::string& path, std::string& error) {
    synth_ = SpeechSynth::create(error);
    if (!synth_) return std::nullopt;
    rate_ = synth_->rate();
    sync::Timeline timeline(ep_, o_.duration);
    result_.duration = o_.duration.value_or(timeline.duration());
    writer_ = media::AudioWriter::create(path, rate_, 1, o_.bitrate, error);
    if (!writer_) return std::nullopt;
    calibrate();

    // Segments: from each chapter the transcript starts (by heading or by placement) to the next.
    std::vector<std::pair<std::size_t, std::size_t>> starts;  // (first turn, chapter)
    for (std::size_t c = 0; c < timeline.chapters().size(); ++c)
      if (auto f = timeline.chapters()[c].first_turn) starts.push_back({*f, c});
    std::sort(starts.begin(), starts.end());
    const std::size_t turns = timeline.turns().size();
    plan_asides(turns);
    for (std::size_t s = 0; s < starts.size(); ++s) {
      std::size_t first = s == 0 ? 0 : starts[s].first;
      std::size_t end = s + 1 < starts.size() ? starts[s + 1].first : turns;
      double from = ep_.chapters[starts[s].second].start;
      double to = s + 1 < starts.size() ? ep_.chapters[starts[s + 1].second].start : result_.duration;
      if (!segment(first, end, from, to, ep_.chapters[starts[s].second].title)) {
        error = writer_->error();
        return std::nullopt;
      }
    }
    if (starts.empty() && !segment(0, turns, 0, result_.duration, "")) {
      error = writer_->error();
      return std::nullopt;
    }
    silence_until(result_.duration);
    if (!writer_->close()) {
      error = writer_->error();
      return std::nullopt;
    }
    for (std::size_t c = 0; c < ep_.chapters.size(); ++c)
      result_.truth.chapters.push_back({c, ep_.chapters[c].title, ep_.chapters[c].start});
    std::sort(result_.truth.turns.begin(), result_.truth.turns.end(), [](auto& a, auto& b) { return a.index < b.index; });
    std::sort(result_.truth.sentences.begin(), result_.truth.sentences.end(),
              [](auto& a, auto& b) { return std::pair(a.turn, a.index) < std::pair(b.turn, b.index); });
    return std::move(result_);
  }

 private:
  double uniform(double a, double b) { return std::uniform_real_distribution<double>(a, b)(rng_); }

  // Voices: distinct pitch and timbre per speaker; wpm chosen so each speaks at its target rate.
  void calibrate() {
    auto speakers = ep_.speakers();
    if (speakers.empty()) speakers.push_back("");
    static const Voice kVoices[] = {{"cmn+m3", 35, 40, 175}, {"cmn+f2", 70, 60, 175}, {"cmn+m1", 50, 50, 175}, {"cmn+f4", 60, 70, 175}};
    double units = sync::spoken_units(kCalibration);
    for (std::size_t i = 0; i < speakers.size(); ++i) {
      Voice v = kVoices[i % std::size(kVoices)];
      double target = o_.base_rate * (i % 2 ? 1.0 + o_.speaker_gap : 1.0);
      auto clip = synth_->speak(kCalibration, v);
      double measured = clip.empty() ? 3.3 : units / (double(clip.size()) / rate_);
      v.words_per_minute = int(std::lround(v.words_per_minute * target / measured));
      voices_.push_back(v);
      speaker_names_.push_back(speakers[i]);
      units_per_second_.push_back(target);
    }
  }

  std::size_t speaker_index(const std::string& name) const {
    auto it = std::find(speaker_names_.begin(), speaker_names_.end(), name);
    return it == speaker_names_.end() ? 0 : std::size_t(it - speaker_names_.begin());
  }

  void plan_asides(std::size_t turns) {
    int count = o_.asides >= 0 ? o_.asides : std::max(1, int(std::lround(result_.duration / 1800)));
    for (int i = 0; i < count && turns > 2; ++i)
      aside_at_[std::size_t(uniform(1, double(turns - 1)))] = uniform(kAsideMin, kAsideMax);
  }

  // Writes silence up to media time `t` (seconds).
  void silence_until(double t) {
    auto target = std::int64_t(std::llround(t * rate_));
    std::vector<float> zeros(4096, 0.0f);
    while (written_ < target) {
      auto n = std::size_t(std::min<std::int64_t>(std::int64_t(zeros.size()), target - written_));
      emit(zeros.data(), n);
    }
  }

  void emit(const float* s, std::size_t n) {
    writer_->write(s, n);
    written_ += std::int64_t(n);
  }

  void aside(double seconds) {
    // Laughter-like bursts of soft noise: an untranscribed stretch the timeline can't know of.
    auto n = std::size_t(seconds * rate_);
    std::vector<float> noise(n);
    std::normal_distribution<float> white(0.0f, 1.0f);
    float low = 0;
    for (std::size_t i = 0; i < n; ++i) {
      low = 0.9f * low + 0.1f * white(rng_);
      float envelope = 0.5f + 0.5f * float(std::sin(2 * M_PI * 4.0 * double(i) / rate_));
      noise[i] = kAsideLevel * low * envelope;
    }
    result_.truth.untranscribed.push_back({double(written_) / rate_, double(written_ + std::int64_t(n)) / rate_});
    emit(noise.data(), n);
  }

  bool segment(std::size_t first, std::size_t end, double from, double to, const std::string& title) {
    const auto blocks = ep_.turn_blocks();
    std::vector<Planned> plan;
    double fixed = 0, speech_estimate = 0;
    for (std::size_t k = first; k < end; ++k) {
      const auto& b = ep_.blocks[blocks[k]];
      Planned p;
      p.turn = k;
      p.speaker = speaker_index(b.speaker);
      p.variation = 1.0 + uniform(-o_.turn_variation, o_.turn_variation);
      // Spoken sentence by sentence (the same sentences the timeline has), with pauses between.
      for (const sync::TextSpan& span : sync::split_sentences(b.text)) p.parts.emplace_back(span.of(b.text));
      if (p.parts.empty()) p.parts.push_back(b.text);
      for (std::size_t i = 0; i + 1 < p.parts.size(); ++i) p.inner_pauses.push_back(uniform(kSentencePauseMin, kSentencePauseMax));
      p.pause_before = k == first ? 0 : uniform(o_.pause_min, o_.pause_max);
      if (auto a = aside_at_.find(k); a != aside_at_.end() && k != first) p.aside_before = a->second;
      p.units = sync::spoken_units(b.text);
      for (double x : p.inner_pauses) fixed += x;
      fixed += p.pause_before + p.aside_before;
      speech_estimate += p.units / (units_per_second_[p.speaker] * p.variation);
      plan.push_back(std::move(p));
    }
    // A chapter ends in a pause before the next one starts, as chapter breaks in real episodes
    // do: without it the next chapter's first words ran straight on from this one's last turn.
    const double slot = to - from - (to < result_.duration ? uniform(o_.pause_min, o_.pause_max) : 0.0);
    // Rate first: speed up or slow down (within limits) so speech and pauses fill the slot.
    double factor = slot > fixed ? std::clamp(speech_estimate / (slot - fixed), o_.max_slowdown, o_.max_speedup) : o_.max_speedup;
    double asides = 0;
    for (const auto& p : plan) asides += p.aside_before;
    std::vector<std::vector<std::vector<float>>> clips;
    double speech = 0;
    for (int attempt = 0; attempt < 4; ++attempt) {
      clips.clear();
      speech = 0;
      for (const auto& p : plan) {
        Voice v = voices_[p.speaker];
        v.words_per_minute = int(std::lround(v.words_per_minute * p.variation * factor));
        clips.emplace_back();
        for (const auto& part : p.parts) {
          clips.back().push_back(synth_->speak(part, v));
          speech += double(clips.back().back().size()) / rate_;
        }
      }
      double needed = speech + asides + kMinPause * double(plan.size());
      if (needed <= slot || factor >= kMaxSqueeze) break;
      factor = std::min(kMaxSqueeze, factor * needed / slot * 1.03);
      result_.notes.push_back("chapter \"" + title + "\": speech too long for its slot even at the planned rate; "
                              "re-spoken " + std::to_string(int(std::round(factor * 100))) + "% as fast");
    }
    // Then the pauses (not the asides) absorb the rest: stretched to pad, shrunk to squeeze.
    double pauses = 0;
    for (const auto& p : plan) {
      pauses += p.pause_before;
      for (double x : p.inner_pauses) pauses += x;
    }
    double room = slot - speech - asides;
    double scale = pauses > 0 ? std::min(kMaxPauseStretch, room / pauses) : 1;
    if (room < kMinPause * double(plan.size())) {
      char buf[160];
      std::snprintf(buf, sizeof buf, "chapter \"%s\" overruns its slot by %.2f s even at %.0f%% speed", title.c_str(),
                    -room, factor * 100);
      result_.notes.push_back(buf);
      scale = pauses > 0 ? std::max(0.0, room) / pauses : 0;
    } else if (std::abs(factor - 1.0) > 0.05 || scale < 0.5 || scale > 2.0) {
      char buf[160];
      std::snprintf(buf, sizeof buf, "chapter \"%s\": speech at %.0f%% of the voices' rate, pauses at %.0f%% to fill %s",
                    title.c_str(), factor * 100, scale * 100, sync::format_clock(slot).c_str());
      result_.notes.push_back(buf);
    }

    silence_until(from);
    double t = from;
    for (std::size_t i = 0; i < plan.size(); ++i) {
      const Planned& p = plan[i];
      if (p.aside_before > 0) {
        aside(p.aside_before);
        t += p.aside_before;
      }
      t += p.pause_before * scale;
      silence_until(t);
      double start = double(written_) / rate_;
      for (std::size_t s = 0; s < clips[i].size(); ++s) {
        double sentence_start = double(written_) / rate_;
        emit(clips[i][s].data(), clips[i][s].size());
        result_.truth.sentences.push_back({p.turn, s, sentence_start, double(written_) / rate_});
        t = double(written_) / rate_;
        if (s < p.inner_pauses.size()) {
          t += p.inner_pauses[s] * scale;
          silence_until(t);
        }
      }
      result_.truth.turns.push_back({p.turn, speaker_names_[p.speaker], start, double(written_) / rate_});
      if (o_.progress) o_.progress(double(written_) / rate_, result_.duration);
    }
    return writer_->error().empty();
  }

  const sync::Episode& ep_;
  NarrationOptions o_;
  std::mt19937 rng_;
  std::unique_ptr<SpeechSynth> synth_;
  std::unique_ptr<media::AudioWriter> writer_;
  int rate_ = 22050;
  std::int64_t written_ = 0;  // samples written so far
  std::vector<Voice> voices_;
  std::vector<std::string> speaker_names_;
  std::vector<double> units_per_second_;
  std::map<std::size_t, double> aside_at_;  // turn index -> seconds of aside before it
  NarrationResult result_;
};

}  // namespace

std::optional<NarrationResult> narrate(const sync::Episode& episode, const std::string& audio_path,
                                       const NarrationOptions& options, std::string& error) {
  return Narrator(episode, options).run(audio_path, error);
}

}  // namespace tingdu::narrate
