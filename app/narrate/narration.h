// A spoken narration of a transcript, with the true time of every turn: the demo audio for the
// bundled episode, and the ground truth the accuracy meter compares estimates with.
//
// Each chapter starts exactly at its outline time. Inside, speech is made realistic on purpose
// (a uniform narration would flatter any estimate): each speaker has a rate of its own, each
// turn varies around it, pauses vary between and inside turns, and a few untranscribed asides
// (laughter, crosstalk) interrupt chapters. A chapter's speech is fitted into its slot by rate
// (within limits), then by lengthening or shortening pauses.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "sync/accuracy.h"
#include "sync/episode.h"

namespace tingdu::narrate {

struct NarrationOptions {
  std::uint32_t seed = 333;
  std::optional<double> duration;  // seconds; default: the timeline's estimate from the text
  // Spoken units per second of the first speaker while speaking: with the pauses between and
  // inside turns, the episode averages about 4.4 (shared/design/NOTES.md).
  double base_rate = 4.6;
  double speaker_gap = 0.22;       // the second speaker is this much faster (0.22: 22%)
  double turn_variation = 0.15;    // each turn's rate varies by up to +-this
  double pause_min = 0.2, pause_max = 1.5;  // seconds between turns
  int asides = -1;                 // untranscribed stretches, 5 to 30 s each; -1: one per half hour (at least one)
  double max_speedup = 1.5;        // the most a chapter's speech is sped up to fit its slot
  double max_slowdown = 0.85;      // the most it is slowed down before padding takes over
  int bitrate = 16000;             // bits per second for the audio file (speech, mono)
  // Called after each turn is written: seconds of audio written so far, and in all.
  std::function<void(double done, double total)> progress;
};

struct NarrationResult {
  sync::Truth truth;
  double duration = 0;
  std::vector<std::string> notes;  // where it had to squeeze or pad, and by how much
};

// Writes the narration of `episode` to `audio_path` (.opus, .mp3, ...). nullopt with `error`
// set on failure (no file is left behind).
std::optional<NarrationResult> narrate(const sync::Episode& episode, const std::string& audio_path,
                                       const NarrationOptions& options, std::string& error);

}  // namespace tingdu::narrate
