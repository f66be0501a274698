// The file a listener really has, made from the master (the cut the transcript and its chapter
// times were taken from), as dynamic ad insertion and editing make it: ads inserted at turn
// boundaries (--insert, --preroll) and the start left out (--cut-intro). The transcript and its
// outline stay the master's; the truth follows the audio.
#pragma once

#include "common.h"
#include "layout.h"
#include "options.h"
#include "plan.h"

namespace conv {

struct ListenerCut {
  Layout layout;               // the listener's audio: its ad clips point into `ads`
  std::vector<Samples> ads;    // the ads' audio
  std::int64_t left_out = 0;   // samples of the master's start that are not in it
};

// Leaves the master as it is when none of --insert, --preroll and --cut-intro is given. An ad is
// made of --ad-voice phrases (a sponsor read) over --ad-music, or either alone, and lasts the
// asked length; half a second of the noise floor sits on either side of it. Throws Failure when
// an --insert lies past the last turn or inside the left-out start.
ListenerCut listener_cut(const Options& o, const std::vector<Turn>& turns, const Layout& master, Rng& rng,
                         Decoder& decoder);

}  // namespace conv
