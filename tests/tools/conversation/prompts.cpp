#include "prompts.h"

#include <map>
#include <sstream>
#include <string_view>

namespace conv {
namespace {

constexpr double kFrameSeconds = 0.01;  // silence is trimmed by whole frames
constexpr double kSilenceDb = -40;      // a frame is speech when its RMS is above this
constexpr double kMinPhraseSeconds = 0.4;
constexpr double kMaxPeakDb = -1;  // headroom for the noise and for MP3 overshoot

// Files in a prompt directory that are not speech (Asterisk's prompt packages); "beep" also
// covers "beeperr".
constexpr std::string_view kNotSpeech[] = {"/silence/",       "beep",       "-2tone",  "confbridge-join",
                                           "confbridge-leave", "tt-monkeys", "spy-zap"};

// One ffmpeg process decodes this many prompts: starting ffmpeg takes ~0.15 s, about ten times
// what decoding one prompt does.
constexpr std::size_t kDecodeBatch = 32;

bool is_speech_prompt(const fs::path& file) {
  std::string ext = lowercase_extension(file);
  if (ext != ".gsm" && ext != ".wav" && ext != ".ogg" && ext != ".flac") return false;
  std::string path = file.generic_string();
  return std::none_of(std::begin(kNotSpeech), std::end(kNotSpeech),
                      [&](std::string_view bad) { return path.find(bad) != std::string::npos; });
}

// Where a prompt comes in several encodings (Asterisk ships each sound set as -gsm, -wav and
// -g722 packages into one folder), the one kept: GSM, the encoding install-deps.sh installs, so
// that a machine with the other packages too builds the same conversation.
int encoding_rank(const fs::path& file) {
  static constexpr std::string_view kOrder[] = {".gsm", ".wav", ".ogg", ".flac"};
  std::string ext = lowercase_extension(file);
  return int(std::find(std::begin(kOrder), std::end(kOrder), ext) - std::begin(kOrder));
}

// Keeps from the first to the last frame whose RMS is above kSilenceDb.
Samples trim_silence(const Samples& s, int rate) {
  std::size_t frame = std::max<std::size_t>(1, std::size_t(kFrameSeconds * rate));
  double threshold = std::pow(db_to_amplitude(kSilenceDb), 2);
  std::optional<std::size_t> first;
  std::size_t end = 0;
  for (std::size_t at = 0; at < s.size(); at += frame) {
    std::size_t frame_end = std::min(at + frame, s.size());
    if (mean_square(std::span(s).subspan(at, frame_end - at)) <= threshold) continue;
    if (!first) first = at;
    end = frame_end;
  }
  if (!first) return {};
  return Samples(s.begin() + std::ptrdiff_t(*first), s.begin() + std::ptrdiff_t(end));
}

// A decoded prompt as a phrase: trimmed and leveled, or empty when under kMinPhraseSeconds.
Samples to_phrase(const Samples& decoded, int rate, double level_db) {
  Samples phrase = trim_silence(decoded, rate);
  if (double(phrase.size()) < kMinPhraseSeconds * rate) return {};
  scale_to_rms(phrase, level_db);
  return phrase;
}

}  // namespace

std::vector<fs::path> list_prompts(const fs::path& dir, const std::string& option) {
  if (!fs::is_directory(dir)) throw Failure(option + ": " + dir.string() + " is not a directory");
  std::map<fs::path, fs::path> by_prompt;  // the path without its extension -> the file kept
  for (const auto& entry : fs::recursive_directory_iterator(dir)) {
    if (!entry.is_regular_file() || !is_speech_prompt(entry.path())) continue;
    fs::path stem = fs::path(entry.path()).replace_extension();
    auto [it, fresh] = by_prompt.emplace(stem, entry.path());
    if (!fresh && encoding_rank(entry.path()) < encoding_rank(it->second)) it->second = entry.path();
  }
  std::vector<fs::path> files;
  for (const auto& [stem, file] : by_prompt) files.push_back(file);
  if (files.empty())
    throw Failure(option + ": no *.gsm, *.wav, *.ogg or *.flac sound files under " + dir.string() +
                  " (beeps, tones and silences do not count)");
  std::sort(files.begin(), files.end());
  return files;
}

double mean_square(std::span<const float> s) {
  double sum = 0;
  for (float v : s) sum += double(v) * v;
  return s.empty() ? 0 : sum / double(s.size());
}

void scale_to_rms(Samples& s, double db) {
  double rms = std::sqrt(mean_square(s));
  if (rms == 0) return;
  float peak = 0;
  for (float v : s) peak = std::max(peak, std::abs(v));
  double gain = std::min(db_to_amplitude(db) / rms, db_to_amplitude(kMaxPeakDb) / peak);
  for (float& v : s) v = float(v * gain);
}

const Samples& Voice::next(Rng& rng, Decoder& decoder) {
  for (;;) {
    if (dealt_ == deck_.size()) {
      rng.shuffle(deck_);
      dealt_ = 0;
    }
    if (!phrases_[deck_[dealt_]]) decode_ahead(decoder);
    const Samples& phrase = *phrases_[deck_[dealt_++]];
    if (!phrase.empty()) return phrase;
  }
}

void Voice::decode_ahead(Decoder& decoder) {
  std::vector<std::size_t> batch;
  for (std::size_t k = dealt_; k < deck_.size() && batch.size() < kDecodeBatch; ++k)
    if (!phrases_[deck_[k]]) batch.push_back(deck_[k]);
  std::vector<fs::path> paths;
  for (std::size_t i : batch) paths.push_back(files_[i]);
  std::vector<Samples> decoded = decoder.decode(paths);
  for (std::size_t k = 0; k < batch.size(); ++k) {
    phrases_[batch[k]] = to_phrase(decoded[k], decoder.rate(), level_db_);
    usable_ += phrases_[batch[k]]->empty() ? 0 : 1;
    ++decoded_;
  }
  if (decoded_ == files_.size() && usable_ == 0) {
    std::ostringstream message;
    message << option_ << ": none of the " << files_.size() << " sound files under " << dir_.string()
            << " holds " << kMinPhraseSeconds << " s of speech above " << kSilenceDb << " dBFS";
    throw Failure(message.str());
  }
}

}  // namespace conv
