// Test audio made by FFmpeg's own encoders, from a signal whose every sample tells its position:
// sample i is (1000 + i % 30000) / 32768, so a 16-bit lossless decode gives the index back
// exactly (mod 30000) and a lossy one gives it back approximately. Also: the SDL disk driver's
// output, read back.
#pragma once

#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

namespace tingdu::test {

inline constexpr int kRate = 48000;
inline constexpr int kPeriod = 30000;

inline std::filesystem::path media_dir() {
  static const std::filesystem::path dir = [] {
    auto d = std::filesystem::temp_directory_path() / ("tingdu-media-" + std::to_string(getpid()));
    std::filesystem::create_directories(d);
    return d;
  }();
  return dir;
}

inline int run_command(const std::string& cmd) { return std::system(cmd.c_str()); }

// The pattern's value at sample i, as a float decode of 16-bit PCM gives it.
inline float pattern(std::int64_t i) { return float(1000 + i % kPeriod) / 32768.0f; }
// Inverse of pattern(): the index mod kPeriod, or -1 for silence/garbage.
inline int index_of(float v) {
  long k = std::lround(v * 32768.0) - 1000;
  return (k >= 0 && k < kPeriod) ? int(k) : -1;
}

// Encodes `seconds` of the mono pattern at kRate to `name` with the given ffmpeg codec options
// (e.g. "-c:a flac"). Cached per name within the test process.
inline std::filesystem::path make_audio(const std::string& name, double seconds, const std::string& codec_args,
                                        const std::string& extra_inputs = "") {
  auto out = media_dir() / name;
  if (std::filesystem::exists(out)) return out;
  auto raw = media_dir() / (name + ".s16");
  {
    std::ofstream f(raw, std::ios::binary);
    auto n = std::int64_t(seconds * kRate);
    std::vector<std::int16_t> buf(static_cast<std::size_t>(n));
    for (std::int64_t i = 0; i < n; ++i) buf[std::size_t(i)] = std::int16_t(1000 + i % kPeriod);
    f.write(reinterpret_cast<const char*>(buf.data()), std::streamsize(buf.size() * 2));
  }
  std::string cmd = "ffmpeg -nostdin -y -loglevel error -f s16le -ar 48000 -ac 1 -i " + raw.string() + " " + extra_inputs +
                    " " + codec_args + " " + out.string();
  if (run_command(cmd) != 0) return {};
  std::filesystem::remove(raw);
  return out;
}

// Float samples of a raw f32 file (the disk driver's output).
inline std::vector<float> read_f32(const std::filesystem::path& p) {
  std::ifstream f(p, std::ios::binary);
  std::vector<char> bytes((std::istreambuf_iterator<char>(f)), {});
  std::vector<float> out(bytes.size() / sizeof(float));
  std::memcpy(out.data(), bytes.data(), out.size() * sizeof(float));
  return out;
}

// The disk driver's output as pattern indices: -1 for silence or anything not the pattern.
inline std::vector<int> output_indices(const std::filesystem::path& p) {
  std::vector<int> out;
  for (float v : read_f32(p)) out.push_back(v == 0.0f ? -1 : index_of(v));
  return out;
}

// The pattern index media time `seconds` carries.
inline int index_at(double seconds) { return int(std::llround(seconds * kRate) % kPeriod); }

// Index in `idx` where the run `first, first+1, ...` starts (after position `from`), or -1.
inline long find_run(const std::vector<int>& idx, int first, std::size_t from = 0, int length = 64) {
  for (std::size_t i = from; i + std::size_t(length) < idx.size(); ++i) {
    if (idx[i] != first) continue;
    bool run = true;
    for (int k = 1; k < length && run; ++k) run = idx[i + std::size_t(k)] == (first + k) % kPeriod;
    if (run) return long(i);
  }
  return -1;
}

// A discontinuity in the output: at output frame `at`, index `from` was followed by `to`.
struct Jump {
  std::size_t at;
  int from, to;
};
// The discontinuities after output frame `from`, up to the first silence longer than
// `max_gap` frames. A shorter silence is part of a jump (a seek the device asked for before
// the decoder had the new audio ready), reported as one jump across it; a shorter silence after
// which the audio goes on where it stopped (the decoder late on a loaded machine) is no jump.
inline std::vector<Jump> jumps_after(const std::vector<int>& idx, std::size_t from, std::size_t max_gap = 0) {
  std::vector<Jump> out;
  std::size_t prev = from;
  for (std::size_t i = from + 1; i < idx.size(); ++i) {
    if (idx[i] == -1) {
      if (i - prev > max_gap) break;
      continue;
    }
    if (idx[i] != (idx[prev] + 1) % kPeriod) out.push_back({i, idx[prev], idx[i]});
    prev = i;
  }
  return out;
}

// Selects SDL's disk driver writing to `file` (takes effect when SDL's audio starts next).
inline void use_disk_driver(const std::filesystem::path& file) {
  setenv("SDL_AUDIODRIVER", "disk", 1);
  setenv("SDL_DISKAUDIOFILE", file.c_str(), 1);
}

}  // namespace tingdu::test
