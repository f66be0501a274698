#include "speech_synth.h"

#include <espeak-ng/speak_lib.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>

namespace tingdu::narrate {
namespace {

// Below this (of full scale), a sample counts as the silence around an utterance.
constexpr float kSilence = 2e-3f;

// Any fixed value; see speak().
constexpr unsigned kRandSeed = 1;

int collect(short* wav, int count, espeak_EVENT* events) {
  if (wav && count > 0 && events) {
    auto* out = static_cast<std::vector<float>*>(events[0].user_data);
    for (int i = 0; i < count; ++i) out->push_back(float(wav[i]) / 32768.0f);
  }
  return 0;  // go on
}

}  // namespace

std::unique_ptr<SpeechSynth> SpeechSynth::create(std::string& error) {
  int rate = espeak_Initialize(AUDIO_OUTPUT_SYNCHRONOUS, 0, nullptr, 0);
  if (rate <= 0) {
    error = "espeak-ng could not start (is the espeak-ng-data package installed?)";
    return nullptr;
  }
  espeak_SetSynthCallback(collect);
  std::unique_ptr<SpeechSynth> s(new SpeechSynth());
  s->rate_ = rate;
  return s;
}

SpeechSynth::~SpeechSynth() { espeak_Terminate(); }

std::vector<float> SpeechSynth::speak(std::string_view text, const Voice& voice) {
  std::vector<float> out;
  if (espeak_SetVoiceByName(voice.name.c_str()) != EE_OK) espeak_SetVoiceByName("cmn");
  // Above 450 wpm espeak-ng speeds up with its sonic time-stretcher.
  espeak_SetParameter(espeakRATE, std::clamp(voice.words_per_minute, 80, 1000), 0);
  espeak_SetParameter(espeakPITCH, voice.pitch, 0);
  espeak_SetParameter(espeakRANGE, voice.range, 0);
  std::string copy(text);  // espeak-ng wants a terminated string
  // espeak-ng 1.51 draws from the C library's rand() as it speaks (and newer ones seed their own
  // generator from the clock), and other libraries in the process share and reseed that state:
  // under a busy test run the same text then came out a few samples longer or shorter. A fixed
  // seed before each utterance makes every clip depend on its text and voice alone.
  std::srand(kRandSeed);
  espeak_Synth(copy.c_str(), copy.size() + 1, 0, POS_CHARACTER, 0, espeakCHARS_UTF8, nullptr, &out);
  espeak_Synchronize();
  auto loud = [](float v) { return std::fabs(v) > kSilence; };
  auto first = std::find_if(out.begin(), out.end(), loud);
  auto last = std::find_if(out.rbegin(), out.rend(), loud).base();
  if (first >= last) return {};
  return std::vector<float>(first, last);
}

}  // namespace tingdu::narrate
