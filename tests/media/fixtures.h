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

// Selects SDL's disk driver writing to `file` (takes effect when SDL's audio starts next).
inline void use_disk_driver(const std::filesystem::path& file) {
  setenv("SDL_AUDIODRIVER", "disk", 1);
  setenv("SDL_DISKAUDIOFILE", file.c_str(), 1);
}

}  // namespace tingdu::test
