// Which turn starts each chapter (internal to sync/). The transcript's headings say it for most
// chapters; a chapter the transcript never heads is placed on the turn whose text best matches
// its title, subtopics and summary, when one matches clearly.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "sync/episode.h"

namespace tingdu::sync {

// For each turn (in turn order), the chapter whose start it carries, if any. `notes` gets one
// line for each unheaded chapter: where it was placed, or that it stays on the time axis only.
std::vector<std::optional<std::size_t>> place_chapters(const Episode& episode, std::vector<std::string>& notes);

// A placement is clear when the best turn scores at least this many times the runner-up.
inline constexpr double kClearMatchRatio = 1.3;

}  // namespace tingdu::sync
