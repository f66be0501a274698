// Phrases of recorded voices for the conversation generator: the prompt files of a voice's
// directory (the Asterisk prompt packages), each trimmed of silence and leveled, dealt like
// cards.
#pragma once

#include <optional>
#include <span>
#include <string>

#include "common.h"
#include "ffmpeg.h"

namespace conv {

// Sorted, so that the same seed draws the same files whatever order the directory lists them in,
// and one file a prompt (encoding_rank). `option` (such as "--voice Allison") names the directory
// in errors.
std::vector<fs::path> list_prompts(const fs::path& dir, const std::string& option);

// Mean of the squared samples (0 for none).
double mean_square(std::span<const float> s);
// Scales to an RMS of `db` dBFS, or less where that would take the peak past kMaxPeakDb: a
// clipped phrase would sound distorted, and a slightly quieter one is still comparable.
void scale_to_rms(Samples& s, double db);

// A voice's phrases, dealt like cards from a shuffled deck of its prompt files; an exhausted deck
// is reshuffled, so a conversation longer than the voice's material reuses phrases in a new
// order. Prompts are decoded when first dealt (a short conversation needs few of them) and kept.
// `option` (such as "--voice Allison") names the voice in errors.
class Voice {
 public:
  Voice(std::string option, const fs::path& dir, double level_db)
      : option_(std::move(option)), dir_(dir), level_db_(level_db), files_(list_prompts(dir, option_)),
        phrases_(files_.size()), deck_(files_.size()), dealt_(files_.size()) {
    for (std::size_t i = 0; i < deck_.size(); ++i) deck_[i] = i;
  }

  // The returned phrase stays where it is for the Voice's lifetime.
  const Samples& next(Rng& rng, Decoder& decoder);

 private:
  // Decodes the next undecoded prompts of the deck, from the one about to be dealt.
  void decode_ahead(Decoder& decoder);

  std::string option_;
  fs::path dir_;
  double level_db_;
  std::vector<fs::path> files_;
  std::vector<std::optional<Samples>> phrases_;  // by file; unset until decoded, empty if unusable
  std::vector<std::size_t> deck_;                // file indices
  std::size_t dealt_;                            // deck_[dealt_] is dealt next
  std::size_t decoded_ = 0, usable_ = 0;
};

}  // namespace conv
