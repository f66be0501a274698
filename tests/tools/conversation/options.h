// The conversation generator's command line (see make_conversation.cpp for what each option
// does to the conversation).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "common.h"

namespace conv {

struct VoiceArg {
  std::string name;
  fs::path dir;
};

// An ad inserted into the listener's cut: at the first turn boundary at or after `at` seconds
// of the master (the cut the outline's times were taken from), `length` seconds long.
struct InsertArg {
  double at = 0, length = 0;
};

struct Options {
  fs::path out;
  std::vector<VoiceArg> voices;
  double minutes = 12;
  std::uint32_t seed = 1;
  double chapter_min = 4, chapter_max = 13;
  std::optional<fs::path> music, aside;
  double noise_db = -55;
  double text_jitter = 0.35;
  double chapter_jitter = 0;
  int rate = 44100;
  std::string format = "mp3";
  double same_speaker = 0.08;
  // The listener's cut (none of it is in the transcript or moves the outline's times).
  std::vector<InsertArg> inserts;
  double preroll = 0;    // seconds of ad before the master begins
  double cut_intro = 0;  // seconds of the master's start left out (to the next turn's start)
  std::optional<fs::path> ad_voice, ad_music;  // what the ads are made of
  // Realism.
  double backchannel = 0;          // chance, after a turn, of a "是的。" overlapping its end
  std::optional<fs::path> bed;     // music under the whole conversation
  double bed_db = -36;             // its level (RMS dBFS)
  double reverb = 0;               // sox's reverberance, 0-100 (0: none)
};

// Exits with the usage on --help; throws Failure on a bad option or value.
Options parse_args(int argc, char** argv);

}  // namespace conv
