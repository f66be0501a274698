// A room's sound over a whole conversation, through sox (the `sox` command on the PATH).
#pragma once

#include "common.h"

namespace conv {

// The audio through sox's reverb at `reverberance` (0-100, its default room otherwise), as long
// as it was; `scratch` is a directory for sox's input and output (files removed again).
Samples reverberate(const Samples& audio, int rate, double reverberance, const fs::path& scratch);

}  // namespace conv
