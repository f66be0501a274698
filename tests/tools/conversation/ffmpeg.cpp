#include "ffmpeg.h"

#include <bit>
#include <cctype>
#include <fstream>

namespace conv {
namespace {

// The ffmpeg streams are f32le, read and written as floats as they are.
static_assert(std::endian::native == std::endian::little);

Samples read_samples(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  Samples s(fs::file_size(file) / sizeof(float));
  in.read(reinterpret_cast<char*>(s.data()), std::streamsize(s.size() * sizeof(float)));
  if (!in) throw Failure("could not read ffmpeg's output " + file.string());
  return s;
}

}  // namespace

std::string lowercase_extension(const fs::path& file) {
  std::string ext = file.extension().string();
  std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return char(std::tolower(c)); });
  return ext;
}

std::string shell_quote(const std::string& s) {
  std::string q = "'";
  for (char c : s) q += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return q + "'";
}

Decoder::~Decoder() {
  std::error_code ignored;
  fs::remove_all(scratch_, ignored);
}

std::vector<Samples> Decoder::decode(const std::vector<fs::path>& files) {
  std::string command = "ffmpeg -nostdin -v error -y";
  for (const fs::path& file : files) {
    // FFmpeg's probe fails on some short GSM files; GSM has no header to probe anyway.
    if (lowercase_extension(file) == ".gsm") command += " -f gsm";
    command += " -i " + shell_quote(file.string());
  }
  for (std::size_t k = 0; k < files.size(); ++k)
    command += " -map " + std::to_string(k) + ":a -ac 1 -ar " + std::to_string(rate_) + " -f f32le " +
               shell_quote(raw_file(k).string());
  if (int status = Process(command, "r").wait(); status != 0) {
    if (files.size() == 1)
      throw Failure("ffmpeg could not decode " + files.front().string() + " (exit status " +
                    std::to_string(status) + "); expected a sound file that ffmpeg reads");
    // One at a time, to name the file that fails.
    for (const fs::path& file : files) decode({file});
    throw Failure("ffmpeg failed (exit status " + std::to_string(status) + ") on " + std::to_string(files.size()) +
                  " files that each decode alone: " + command);
  }
  std::vector<Samples> decoded;
  for (std::size_t k = 0; k < files.size(); ++k) {
    decoded.push_back(read_samples(raw_file(k)));
    fs::remove(raw_file(k));
  }
  return decoded;
}

void encode(const Samples& audio, int rate, const std::string& format, const fs::path& file) {
  std::string codec = format == "mp3" ? "-c:a libmp3lame -b:a 64k" : format == "flac" ? "-c:a flac" : "-c:a pcm_s16le";
  Process ffmpeg("ffmpeg -nostdin -v error -y -f f32le -ar " + std::to_string(rate) + " -ac 1 -i - " + codec + " " +
                     shell_quote(file.string()),
                 "w");
  std::size_t written = std::fwrite(audio.data(), sizeof(float), audio.size(), ffmpeg.pipe());
  if (int status = ffmpeg.wait(); status != 0 || written != audio.size())
    throw Failure("ffmpeg could not write " + file.string() + " (exit status " + std::to_string(status) + ")");
}

}  // namespace conv
