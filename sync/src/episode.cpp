#include "sync/episode.h"

#include <algorithm>

namespace tingdu::sync {

std::size_t Episode::turn_count() const {
  return std::size_t(std::count_if(blocks.begin(), blocks.end(),
                                   [](const Block& b) { return b.kind == BlockKind::turn; }));
}

std::vector<std::size_t> Episode::turn_blocks() const {
  std::vector<std::size_t> out;
  for (std::size_t i = 0; i < blocks.size(); ++i)
    if (blocks[i].kind == BlockKind::turn) out.push_back(i);
  return out;
}

std::vector<std::string> Episode::speakers() const {
  std::vector<std::string> out;
  for (const Block& b : blocks)
    if (b.kind == BlockKind::turn && !b.speaker.empty() &&
        std::find(out.begin(), out.end(), b.speaker) == out.end())
      out.push_back(b.speaker);
  return out;
}

}  // namespace tingdu::sync
