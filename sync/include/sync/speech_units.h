// How long a text takes to say, in "spoken units": one unit is one Han character's worth of
// speech. The timeline divides a chapter's time among its turns in proportion to this.
#pragma once

#include <string_view>

namespace tingdu::sync {

// Weights, in units. Where the numbers come from: the bundled episode is read at about 4.4 Han
// characters per second (shared/design/NOTES.md section 1), and an English word embedded in
// Chinese speech ("Transformer", "GPU", "Tesla") takes about 0.35 s, i.e. 1.5 units; a number
// ("2020", "3.5") is said as one to three short words, 2 units on average.
struct SpeechWeights {
  double cjk_grapheme = 1.0;  // Han, Hiragana, Katakana, Hangul: per grapheme cluster
  double latin_word = 1.5;    // per word of Latin (or Cyrillic, Greek) letters
  double number = 2.0;        // per run of digits
};

// Counts the spoken units of UTF-8 `text` with ICU's word and grapheme break iterators.
// Punctuation, spaces and symbols are free. Never fails: text ICU can't segment counts 0.
double spoken_units(std::string_view text, const SpeechWeights& weights = {});

}  // namespace tingdu::sync
