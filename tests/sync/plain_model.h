// Test helper: a speech model whose arithmetic is easy to follow by hand.
#pragma once

#include "sync/timeline.h"

namespace tingdu::test {

// Rate 1 unit/s and no pauses: a turn's share of its span is exactly its share of the units.
inline sync::SpeechModel plain_model() {
  sync::SpeechModel m;
  m.default_rate = 1.0;
  m.speaker_change_pause = 0.0;
  m.same_speaker_pause = 0.0;
  return m;
}

}  // namespace tingdu::test
