// The conversation's plan (the master: the cut the transcript and its chapter times were made
// from): chapters, turns of phrases grouped into sentences, the pauses between them, each turn's
// text, and the untranscribed stretch the master may hold (--music or --aside).
#pragma once

#include <optional>
#include <span>
#include <string>

#include "common.h"
#include "options.h"
#include "prompts.h"

namespace conv {

struct Slot {
  std::span<const float> phrase;  // a Voice's phrase (or the start of one, for a backchannel)
  std::int64_t pause_before;      // samples of silence before the phrase; below 0: it overlaps
                                  // what came before by that much (a backchannel)
  std::size_t sentence;           // within the turn
};

struct Turn {
  std::size_t speaker;
  std::size_t chapter;
  std::vector<Slot> slots;
  std::string text;
  bool backchannel = false;  // a "是的。" said over the end of the turn before
};

// An untranscribed stretch, put between turns before_turn - 1 and before_turn.
struct Stretch {
  std::string kind;  // "music" or "aside"
  Samples audio;     // its first and last samples are the stretch's bounds in the truth
  std::size_t before_turn;
  std::int64_t pause_before;
};

// Turns until each chapter has reached its planned end (at least one turn per chapter); with
// --backchannel, now and then a backchannel turn after a turn of another speaker.
std::vector<Turn> plan_turns(const Options& o, std::vector<Voice>& voices, Rng& rng, Decoder& decoder);

// The --music or --aside stretch, between two turns of one chapter (nullopt without either).
std::optional<Stretch> plan_stretch(const Options& o, const std::vector<Turn>& turns, Rng& rng, Decoder& decoder);

// Music cut from a random file of `dir` (played again from its start when shorter) at a random
// place, as long as a draw from `seconds`, at RMS `db`, faded in and out; `option` names the
// directory in errors.
Samples music_cut(const fs::path& dir, Range seconds, double db, const std::string& option, Rng& rng,
                  Decoder& decoder);
// Phrases of `voice` with short pauses, until `seconds`; a phrase that would run past `longest`
// seconds ends it instead (the first is always taken).
Samples phrases_until(Voice& voice, double seconds, double longest, Rng& rng, Decoder& decoder);

}  // namespace conv
