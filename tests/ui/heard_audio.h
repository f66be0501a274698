// Comparing what the player wrote (SDL's disk driver) with the file itself, sample for sample:
// for tests on real recordings, where samples don't tell their own position as the pattern's do.
#pragma once

#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include "media/fixtures.h"

namespace tingdu::test {

// `audio` as ffmpeg decodes it at `rate` Hz, mono (as the player opened it); `scratch` is the
// raw file it goes through.
inline std::vector<float> decoded_f32(const std::filesystem::path& audio, int rate, const std::filesystem::path& scratch) {
  std::string decode = "ffmpeg -nostdin -y -loglevel error -i " + audio.string() + " -f f32le -ac 1 -ar " +
                       std::to_string(rate) + " " + scratch.string();
  REQUIRE(std::system(decode.c_str()) == 0);
  return read_f32(scratch);
}

// Where in `heard` the `window` samples of `source` from `from` first appear; heard.size() when
// nowhere.
inline std::size_t find_samples(const std::vector<float>& heard, const std::vector<float>& source, std::size_t from,
                                std::size_t window = 256) {
  if (from + window > source.size()) return heard.size();
  for (std::size_t i = 0; i + window < heard.size(); ++i)
    if (std::equal(source.begin() + std::ptrdiff_t(from), source.begin() + std::ptrdiff_t(from + window), heard.begin() + std::ptrdiff_t(i)))
      return i;
  return heard.size();
}

}  // namespace tingdu::test
