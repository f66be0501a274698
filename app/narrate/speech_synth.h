// Text to speech with espeak-ng (Debian's libespeak-ng), in process. espeak-ng keeps global
// state: one SpeechSynth per process, used from one thread.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace tingdu::narrate {

struct Voice {
  std::string name = "cmn";  // espeak-ng voice, optionally with a variant: "cmn+m3", "cmn+f2"
  int pitch = 50;            // 0-100
  int range = 50;            // pitch range, 0-100
  int words_per_minute = 175;
};

class SpeechSynth {
 public:
  // nullptr with `error` set when espeak-ng can't start (its data missing).
  static std::unique_ptr<SpeechSynth> create(std::string& error);
  ~SpeechSynth();

  int rate() const { return rate_; }  // Hz of what speak() returns
  // Mono float samples of `text` spoken by `voice`, with the silence espeak-ng puts before and
  // after the speech trimmed off.
  std::vector<float> speak(std::string_view text, const Voice& voice);

 private:
  SpeechSynth() = default;
  int rate_ = 22050;
};

}  // namespace tingdu::narrate
