// make_conversation: builds a test conversation from real recorded voices, with the time of every
// turn and sentence known to the sample, for testing the aligner that places a translated
// transcript on the audio.
//
//   make_conversation --out DIR --voice NAME=DIR [--voice NAME=DIR ...] [--minutes 12] [--seed 1]
//       [--chapter-min 4] [--chapter-max 13] [--music DIR | --aside DIR] [--noise-db -55]
//       [--text-jitter 0.35] [--chapter-jitter 0] [--rate 44100] [--format mp3|flac|wav]
//       [--same-speaker 0.08]
//
// A voice DIR is searched recursively for *.gsm, *.wav, *.ogg and *.flac prompts (the Asterisk
// prompt packages are the intended source; their beeps, tones and silences are skipped; a prompt
// found in several encodings is taken once, as GSM). Each
// prompt, trimmed of silence, is a "phrase". A turn is 1 + geometric(mean 3) phrases of one voice
// (now and then 10-40), grouped into sentences of one or two phrases, with pauses between them.
// Chapters of --chapter-min to --chapter-max minutes are filled with turns until --minutes; each
// ends with the turn that reaches its planned end, so the audio runs a little longer (and longer
// again by the --music or --aside stretch, put between two turns of a chapter).
//
// Writes to DIR:
//   conversation.<format>    mono at --rate: every phrase at -20 dBFS RMS (less where its peak
//                            would pass -1 dBFS), the music or aside at -24 dBFS, all over a
//                            lowpassed white-noise floor at --noise-db; encoded by ffmpeg (mp3:
//                            libmp3lame 64 kbit/s, whose LAME header lets decoders remove the
//                            encoder delay).
//   conversation.md          the transcript in the project's Markdown form: a timed outline, then
//                            "**NAME:** text" turns under "**M:SS - 第N章**" headings. The text is
//                            random common Han characters, roughly as long as a translation of
//                            the speech would be (4.4 characters a second, scattered by
//                            --text-jitter). Outline times are whole seconds, moved by up to
//                            ±--chapter-jitter seconds from the truth.
//   conversation.truth.json  {"chapters":[{index,title,start}], "turns":[{index,speaker,start,end}],
//                            "sentences":[{turn,index,start,end}], "untranscribed":[{start,end,kind}]}
//                            in seconds rounded to the millisecond. A start or end is the first or
//                            last speech sample of the trimmed phrases, exact to the sample; a
//                            chapter starts where its first turn does. The stretch ("music" or
//                            "aside") is only in "untranscribed", never in the transcript.
// and prints one summary line. Everything random comes from one std::mt19937 seeded by --seed, so
// the same arguments (and the same ffmpeg) give byte-identical files. Errors go to stderr with
// exit status 1.
//
// Needs the `ffmpeg` command on the PATH; decodes through a scratch directory,
// DIR/.make_conversation.tmp, removed again.

#include <sys/wait.h>

#include <algorithm>
#include <bit>
#include <charconv>
#include <cmath>
#include <csignal>
#include <cctype>
#include <cstdint>
#include <cstdlib>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <numbers>
#include <optional>
#include <random>
#include <span>
#include <sstream>
#include <stdexcept>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

namespace {

namespace fs = std::filesystem;
using Samples = std::vector<float>;

constexpr std::string_view kUsage =
    "usage: make_conversation --out DIR --voice NAME=DIR [--voice NAME=DIR ...] [--minutes 12]\n"
    "           [--seed 1] [--chapter-min 4] [--chapter-max 13] [--music DIR | --aside DIR]\n"
    "           [--noise-db -55] [--text-jitter 0.35] [--chapter-jitter 0] [--rate 44100]\n"
    "           [--format mp3|flac|wav] [--same-speaker 0.08]\n";

struct Range {
  double lo, hi;
};

// Pauses, in seconds.
constexpr Range kPhrasePause{0.10, 0.40};    // between two phrases of one sentence
constexpr Range kSentencePause{0.20, 0.80};  // between sentences of a turn, and in an aside
constexpr Range kTurnGap{0.25, 1.20};
constexpr Range kQuickReply{0.05, 0.20};  // a turn gap, now and then
constexpr double kQuickReplyChance = 0.1;
constexpr double kTailSeconds = 1.0;  // noise after the last turn, so it does not end abruptly

// Turns: 1 + a geometric count of mean 3 phrases, or now and then a long one.
constexpr double kMeanExtraPhrases = 3;
constexpr double kLongTurnChance = 0.1;
constexpr int kLongTurnMinPhrases = 10;
constexpr int kMaxPhrases = 40;

// Phrases.
constexpr double kFrameSeconds = 0.01;  // silence is trimmed by whole frames
constexpr double kSilenceDb = -40;      // a frame is speech when its RMS is above this
constexpr double kMinPhraseSeconds = 0.4;
constexpr double kSpeechDb = -20;  // every phrase's RMS, so that voices are comparable
constexpr double kMaxPeakDb = -1;  // headroom for the noise and for MP3 overshoot

// The untranscribed stretch.
constexpr Range kMusicSeconds{20, 60};
constexpr Range kAsideSeconds{10, 40};
constexpr double kUntranscribedDb = -24;
constexpr double kFadeSeconds = 0.05;  // a music cut fades in and out rather than click

// The noise floor: white noise through the lowpass y += a (x - y).
constexpr double kNoiseLowpass = 0.5;

// Text.
constexpr double kCharsPerSecond = 4.4;
constexpr int kCommaMin = 6, kCommaMax = 14;  // characters between commas
constexpr double kQuestionChance = 0.15;
// 300 common characters. Each is a 3-byte UTF-8 sequence (CJK Unified Ideographs), so the n-th
// is at byte 3n.
constexpr std::string_view kHanPool =
    "的一是不了人我在有他这中大来上个国到说们为子和你地出道也时年"
    "得就那要下以生会自着去之过家学对可她里后小么心多天而能好都然"
    "没日于起还发成事只作当想看文无开手十用主行方又如前所本见经头"
    "面公同三已老从动两长知民样现分将外但身些与高意进把法此实回二"
    "理美点月明其种声全工己话儿者向情部正名定女问力机给等几很业最"
    "间新什打便位因重被走电四门相次东海口使教西再平真听世气信北少"
    "关并内加化由却代先山五太水万市眼体别处总才场师书比住员九笑性"
    "通目华报立马张活难神数件安表原车白应路期叫常提感金何更反合放"
    "做系计或司利受光王果亲界及今京务制解各任至清物台象记边共风干"
    "接它许八特觉望直服林题建南度统色字请交爱让认算论百吃义科怎元";
static_assert(kHanPool.size() == 300 * 3);

// Files in a prompt directory that are not speech (Asterisk's prompt packages); "beep" also
// covers "beeperr".
constexpr std::string_view kNotSpeech[] = {"/silence/",       "beep",       "-2tone",  "confbridge-join",
                                           "confbridge-leave", "tt-monkeys", "spy-zap"};

// One ffmpeg process decodes this many prompts: starting ffmpeg takes ~0.15 s, about ten times
// what decoding one prompt does.
constexpr std::size_t kDecodeBatch = 32;

// The ffmpeg streams are f32le, read and written as floats as they are.
static_assert(std::endian::native == std::endian::little);

struct Failure : std::runtime_error {
  using std::runtime_error::runtime_error;
};

double db_to_amplitude(double db) { return std::pow(10.0, db / 20.0); }

// ---------------------------------------------------------------------------------------------
// Randomness. The standard distributions give different numbers in different standard
// libraries, so these draws are made from the engine's raw output.

class Rng {
 public:
  explicit Rng(std::uint32_t seed) : engine_(seed) {}

  double unit() { return double(engine_()) / 4294967296.0; }  // [0, 1)
  double uniform(double lo, double hi) { return lo + (hi - lo) * unit(); }
  double uniform(Range r) { return uniform(r.lo, r.hi); }
  bool chance(double p) { return unit() < p; }
  std::size_t index(std::size_t n) { return std::min(n - 1, std::size_t(unit() * double(n))); }
  int integer(int lo, int hi) { return lo + int(index(std::size_t(hi - lo + 1))); }  // [lo, hi]

  double normal(double sigma) {  // Box-Muller
    double u1 = 1.0 - unit();     // (0, 1], so the log is finite
    double u2 = unit();
    return sigma * std::sqrt(-2.0 * std::log(u1)) * std::cos(2.0 * std::numbers::pi * u2);
  }

  template <class T>
  void shuffle(std::vector<T>& v) {  // Fisher-Yates
    for (std::size_t i = v.size(); i > 1; --i) std::swap(v[i - 1], v[index(i)]);
  }

 private:
  std::mt19937 engine_;
};

// ---------------------------------------------------------------------------------------------
// Command line.

struct VoiceArg {
  std::string name;
  fs::path dir;
};

struct Options {
  fs::path out;
  std::vector<VoiceArg> voices;
  double minutes = 12;
  std::uint32_t seed = 1;
  double chapter_min = 4, chapter_max = 13;
  std::optional<fs::path> music, aside;
  double noise_db = -55;
  double text_jitter = 0.35;
  double chapter_jitter = 0;
  int rate = 44100;
  std::string format = "mp3";
  double same_speaker = 0.08;
};

template <class T>
T parse_number(std::string_view option, std::string_view text) {
  T value{};
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  bool finite = true;
  if constexpr (std::is_floating_point_v<T>) finite = std::isfinite(value);
  if (error != std::errc() || end != text.data() + text.size() || !finite)
    throw Failure(std::string(option) + " expects " +
                  (std::is_floating_point_v<T> ? "a number" : "a whole number") + ", got \"" +
                  std::string(text) + "\"");
  return value;
}

// NAME becomes a "**NAME:**" label, so it may not hold what would end the label early.
VoiceArg parse_voice(std::string_view text) {
  auto eq = text.find('=');
  if (eq == std::string_view::npos || eq == 0 || eq + 1 == text.size())
    throw Failure("--voice expects NAME=DIR, got \"" + std::string(text) + "\"");
  std::string name(text.substr(0, eq));
  if (name.find_first_of("*:\n") != std::string::npos)
    throw Failure("--voice name \"" + name + "\" may not contain '*', ':' or a line break");
  return {name, fs::path(text.substr(eq + 1))};
}

void check(bool ok, const std::string& expected) {
  if (!ok) throw Failure(expected);
}

void validate(const Options& o) {
  check(!o.out.empty(), "--out DIR is required");
  check(!o.voices.empty(), "at least one --voice NAME=DIR is required");
  for (std::size_t i = 0; i < o.voices.size(); ++i)
    for (std::size_t j = 0; j < i; ++j)
      check(o.voices[i].name != o.voices[j].name, "--voice " + o.voices[i].name + " is given twice");
  check(o.minutes >= 1, "--minutes expects at least 1");
  check(o.chapter_min >= 1, "--chapter-min expects at least 1 (minute)");
  check(o.chapter_max >= o.chapter_min, "--chapter-max expects at least --chapter-min");
  check(!(o.music && o.aside), "--music and --aside exclude each other: there is one untranscribed stretch");
  check(o.noise_db <= 0, "--noise-db expects a level in dBFS, 0 or below");
  check(o.text_jitter >= 0, "--text-jitter expects 0 or more");
  check(o.chapter_jitter >= 0, "--chapter-jitter expects 0 or more (seconds)");
  check(o.rate >= 8000 && o.rate <= 192000, "--rate expects 8000 to 192000 (Hz)");
  check(o.format == "mp3" || o.format == "flac" || o.format == "wav", "--format expects mp3, flac or wav");
  check(o.same_speaker >= 0 && o.same_speaker <= 1, "--same-speaker expects a chance from 0 to 1");
}

Options parse_args(int argc, char** argv) {
  Options o;
  for (int i = 1; i < argc; ++i) {
    std::string_view option = argv[i];
    auto value = [&]() -> std::string_view {
      if (i + 1 >= argc) throw Failure(std::string(option) + " expects a value");
      return argv[++i];
    };
    if (option == "--help" || option == "-h") {
      std::cout << kUsage;
      std::exit(0);
    }
    if (option == "--out") o.out = value();
    else if (option == "--voice") o.voices.push_back(parse_voice(value()));
    else if (option == "--minutes") o.minutes = parse_number<double>(option, value());
    else if (option == "--seed") o.seed = parse_number<std::uint32_t>(option, value());
    else if (option == "--chapter-min") o.chapter_min = parse_number<double>(option, value());
    else if (option == "--chapter-max") o.chapter_max = parse_number<double>(option, value());
    else if (option == "--music") o.music = fs::path(value());
    else if (option == "--aside") o.aside = fs::path(value());
    else if (option == "--noise-db") o.noise_db = parse_number<double>(option, value());
    else if (option == "--text-jitter") o.text_jitter = parse_number<double>(option, value());
    else if (option == "--chapter-jitter") o.chapter_jitter = parse_number<double>(option, value());
    else if (option == "--rate") o.rate = parse_number<int>(option, value());
    else if (option == "--format") o.format = value();
    else if (option == "--same-speaker") o.same_speaker = parse_number<double>(option, value());
    else throw Failure("unknown option \"" + std::string(option) + "\"\n" + std::string(kUsage));
  }
  validate(o);
  return o;
}

// ---------------------------------------------------------------------------------------------
// ffmpeg.

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

// A shell command with its standard input or output connected to us.
class Process {
 public:
  Process(const std::string& command, const char* mode) : pipe_(popen(command.c_str(), mode)) {
    if (!pipe_) throw Failure("could not start \"" + command + "\"");
  }
  Process(const Process&) = delete;
  Process& operator=(const Process&) = delete;
  ~Process() {
    if (pipe_) pclose(pipe_);
  }

  FILE* pipe() { return pipe_; }

  // Waits for the command and returns its exit status (-1 when a signal ended it). The shell's 127
  // means that ffmpeg itself was not found, which no caller can recover from.
  int wait() {
    int status = pclose(std::exchange(pipe_, nullptr));
    int code = status != -1 && WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    if (code == 127) throw Failure("could not run ffmpeg; expected the ffmpeg command on the PATH");
    return code;
  }

 private:
  FILE* pipe_;
};

Samples read_samples(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  Samples s(fs::file_size(file) / sizeof(float));
  in.read(reinterpret_cast<char*>(s.data()), std::streamsize(s.size() * sizeof(float)));
  if (!in) throw Failure("could not read ffmpeg's output " + file.string());
  return s;
}

// Decodes sound files to mono float samples at one rate, through a scratch directory (removed
// again) that receives one raw file per input.
class Decoder {
 public:
  Decoder(int rate, fs::path scratch) : rate_(rate), scratch_(std::move(scratch)) {
    fs::create_directories(scratch_);
  }
  Decoder(const Decoder&) = delete;
  Decoder& operator=(const Decoder&) = delete;
  ~Decoder() {
    std::error_code ignored;
    fs::remove_all(scratch_, ignored);
  }

  int rate() const { return rate_; }
  std::int64_t samples(double seconds) const { return std::llround(seconds * rate_); }

  std::vector<Samples> decode(const std::vector<fs::path>& files) {
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

 private:
  fs::path raw_file(std::size_t k) const { return scratch_ / (std::to_string(k) + ".f32"); }

  int rate_;
  fs::path scratch_;
};

void encode(const Samples& audio, int rate, const std::string& format, const fs::path& file) {
  std::string codec = format == "mp3" ? "-c:a libmp3lame -b:a 64k" : format == "flac" ? "-c:a flac" : "-c:a pcm_s16le";
  Process ffmpeg("ffmpeg -nostdin -v error -y -f f32le -ar " + std::to_string(rate) + " -ac 1 -i - " + codec + " " +
                     shell_quote(file.string()),
                 "w");
  std::size_t written = std::fwrite(audio.data(), sizeof(float), audio.size(), ffmpeg.pipe());
  if (int status = ffmpeg.wait(); status != 0 || written != audio.size())
    throw Failure("ffmpeg could not write " + file.string() + " (exit status " + std::to_string(status) + ")");
}

// ---------------------------------------------------------------------------------------------
// Phrases.

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

// Sorted, so that the same seed draws the same files whatever order the directory lists them in,
// and one file a prompt (encoding_rank). `option` (such as "--voice Allison") names the directory
// in errors.
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

// Scales to an RMS of `db` dBFS, or less where that would take the peak past kMaxPeakDb: a
// clipped phrase would sound distorted, and a slightly quieter one is still comparable.
void scale_to_rms(Samples& s, double db) {
  double rms = std::sqrt(mean_square(s));
  if (rms == 0) return;
  float peak = 0;
  for (float v : s) peak = std::max(peak, std::abs(v));
  double gain = std::min(db_to_amplitude(db) / rms, db_to_amplitude(kMaxPeakDb) / peak);
  for (float& v : s) v = float(v * gain);
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

// A voice's phrases, dealt like cards from a shuffled deck of its prompt files; an exhausted deck
// is reshuffled, so a conversation longer than the voice's material reuses phrases in a new
// order. Prompts are decoded when first dealt (a short conversation needs few of them) and kept.
// `option` (such as "--voice Allison") names the voice in errors.
class Voice {
 public:
  Voice(std::string option, const fs::path& dir, double level_db)
      : option_(std::move(option)), dir_(dir), level_db_(level_db), files_(list_prompts(dir, option_)),
        phrases_(files_.size()), deck_(files_.size()), dealt_(files_.size()) {
    for (std::size_t i = 0; i < deck_.size(); ++i) deck_[i] = i;
  }

  // The returned phrase stays where it is for the Voice's lifetime.
  const Samples& next(Rng& rng, Decoder& decoder) {
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

 private:
  // Decodes the next undecoded prompts of the deck, from the one about to be dealt.
  void decode_ahead(Decoder& decoder) {
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

  std::string option_;
  fs::path dir_;
  double level_db_;
  std::vector<fs::path> files_;
  std::vector<std::optional<Samples>> phrases_;  // by file; unset until decoded, empty if unusable
  std::vector<std::size_t> deck_;                // file indices
  std::size_t dealt_;                            // deck_[dealt_] is dealt next
  std::size_t decoded_ = 0, usable_ = 0;
};

// ---------------------------------------------------------------------------------------------
// The conversation's plan: chapters, turns, sentences, pauses and text.

struct Slot {
  const Samples* phrase;
  std::int64_t pause_before;  // samples of silence before the phrase
  std::size_t sentence;       // within the turn
};

struct Turn {
  std::size_t speaker;
  std::size_t chapter;
  std::vector<Slot> slots;
  std::string text;
};

// An untranscribed stretch, put between turns before_turn - 1 and before_turn.
struct Stretch {
  std::string kind;  // "music" or "aside"
  Samples audio;     // its first and last samples are the stretch's bounds in the truth
  std::size_t before_turn;
  std::int64_t pause_before;
};

// Where each chapter should end, in seconds: lengths uniform in [chapter-min, chapter-max]
// minutes, the last taking what is left.
std::vector<double> plan_chapter_ends(const Options& o, Rng& rng) {
  const double total = o.minutes * 60;
  std::vector<double> ends;
  while (ends.empty() || ends.back() < total) {
    double end = (ends.empty() ? 0 : ends.back()) + rng.uniform(o.chapter_min, o.chapter_max) * 60;
    // A remainder under a minute would be a stub chapter; this one takes it instead.
    if (total - end < 60) end = total;
    ends.push_back(end);
  }
  return ends;
}

std::size_t next_speaker(std::size_t last, std::size_t voices, double same_chance, Rng& rng) {
  if (voices == 1 || rng.chance(same_chance)) return last;
  if (voices == 2) return 1 - last;
  std::size_t other = rng.index(voices - 1);
  return other >= last ? other + 1 : other;
}

int phrase_count(Rng& rng) {
  if (rng.chance(kLongTurnChance)) return rng.integer(kLongTurnMinPhrases, kMaxPhrases);
  // Failures before a success of chance p number (1 - p) / p on average.
  constexpr double p = 1 / (1 + kMeanExtraPhrases);
  int n = 1;
  while (n < kMaxPhrases && !rng.chance(p)) ++n;
  return n;
}

double turn_gap(Rng& rng) {
  return rng.chance(kQuickReplyChance) ? rng.uniform(kQuickReply) : rng.uniform(kTurnGap);
}

// Text for a sentence of `seconds` of speech, only roughly proportional to it, as a translation's
// would be.
std::string sentence_text(double seconds, double jitter, Rng& rng) {
  double factor = std::exp(rng.normal(jitter));
  long n = std::max(2L, std::lround(seconds * kCharsPerSecond * factor));
  std::string text;
  int until_comma = rng.integer(kCommaMin, kCommaMax);
  for (long i = 0; i < n; ++i) {
    text += kHanPool.substr(3 * rng.index(kHanPool.size() / 3), 3);
    if (--until_comma == 0 && i + 1 < n) {
      text += "，";
      until_comma = rng.integer(kCommaMin, kCommaMax);
    }
  }
  return text + (rng.chance(kQuestionChance) ? "？" : "。");
}

Turn plan_turn(std::size_t speaker, std::size_t chapter, Voice& voice, const Options& o, Rng& rng,
               Decoder& decoder) {
  Turn turn{speaker, chapter, {}, {}};
  const int phrases = phrase_count(rng);
  for (int done = 0; done < phrases;) {
    const std::size_t sentence = turn.slots.empty() ? 0 : turn.slots.back().sentence + 1;
    const int in_sentence = std::min(phrases - done, rng.chance(0.5) ? 2 : 1);
    double seconds = 0;
    for (int k = 0; k < in_sentence; ++k, ++done) {
      double pause = k > 0 ? rng.uniform(kPhrasePause) : done > 0 ? rng.uniform(kSentencePause) : turn_gap(rng);
      const Samples& phrase = voice.next(rng, decoder);
      turn.slots.push_back({&phrase, decoder.samples(pause), sentence});
      seconds += double(phrase.size()) / decoder.rate();
    }
    turn.text += sentence_text(seconds, o.text_jitter, rng);
  }
  return turn;
}

std::int64_t turn_length(const Turn& turn) {
  std::int64_t length = 0;
  for (const Slot& slot : turn.slots) length += slot.pause_before + std::int64_t(slot.phrase->size());
  return length;
}

// Turns until each chapter has reached its planned end (at least one turn per chapter).
std::vector<Turn> plan_turns(const Options& o, std::vector<Voice>& voices, Rng& rng, Decoder& decoder) {
  const std::vector<double> chapter_ends = plan_chapter_ends(o, rng);
  std::vector<Turn> turns;
  std::int64_t length = 0;
  std::size_t speaker = rng.index(voices.size());
  for (std::size_t chapter = 0; chapter < chapter_ends.size(); ++chapter) {
    do {
      if (!turns.empty()) speaker = next_speaker(speaker, voices.size(), o.same_speaker, rng);
      turns.push_back(plan_turn(speaker, chapter, voices[speaker], o, rng, decoder));
      length += turn_length(turns.back());
    } while (length < decoder.samples(chapter_ends[chapter]));
  }
  return turns;
}

Samples music_audio(const fs::path& dir, Rng& rng, Decoder& decoder) {
  std::vector<fs::path> files = list_prompts(dir, "--music");
  const fs::path& file = files[rng.index(files.size())];
  Samples whole = decoder.decode({file}).front();
  std::size_t length = std::min(whole.size(), std::size_t(decoder.samples(rng.uniform(kMusicSeconds))));
  if (std::int64_t(length) < decoder.samples(1.0))
    throw Failure(file.string() + " holds under a second of audio; expected music to cut 20-60 s from");
  std::size_t from = rng.index(whole.size() - length + 1);
  Samples cut(whole.begin() + std::ptrdiff_t(from), whole.begin() + std::ptrdiff_t(from + length));
  if (mean_square(cut) == 0) throw Failure(file.string() + " is silent where it was cut; expected music");
  scale_to_rms(cut, kUntranscribedDb);
  std::size_t fade = std::size_t(decoder.samples(kFadeSeconds));
  for (std::size_t i = 0; i < fade; ++i) {
    float gain = float(i) / float(fade);
    cut[i] *= gain;
    cut[length - 1 - i] *= gain;
  }
  return cut;
}

// Phrases of a third voice with short pauses, until a length drawn from kAsideSeconds; a phrase
// that would take it past the longest ends it instead.
Samples aside_audio(const fs::path& dir, Rng& rng, Decoder& decoder) {
  Voice voice("--aside", dir, kUntranscribedDb);
  const auto target = std::size_t(decoder.samples(rng.uniform(kAsideSeconds)));
  const auto longest = std::size_t(decoder.samples(kAsideSeconds.hi));
  Samples audio;
  while (audio.size() < target) {
    std::size_t pause = audio.empty() ? 0 : std::size_t(decoder.samples(rng.uniform(kSentencePause)));
    const Samples& phrase = voice.next(rng, decoder);
    if (!audio.empty() && audio.size() + pause + phrase.size() > longest) break;
    audio.resize(audio.size() + pause, 0.f);
    audio.insert(audio.end(), phrase.begin(), phrase.end());
  }
  return audio;
}

// The --music or --aside stretch, between two turns of one chapter.
std::optional<Stretch> plan_stretch(const Options& o, const std::vector<Turn>& turns, Rng& rng, Decoder& decoder) {
  if (!o.music && !o.aside) return std::nullopt;
  std::vector<std::size_t> places;
  for (std::size_t k = 1; k < turns.size(); ++k)
    if (turns[k].chapter == turns[k - 1].chapter) places.push_back(k);
  if (places.empty()) throw Failure("no chapter has two turns to put the untranscribed stretch between");
  std::size_t before_turn = places[rng.index(places.size())];
  std::int64_t pause = decoder.samples(turn_gap(rng));
  if (o.music) return Stretch{"music", music_audio(*o.music, rng, decoder), before_turn, pause};
  return Stretch{"aside", aside_audio(*o.aside, rng, decoder), before_turn, pause};
}

// ---------------------------------------------------------------------------------------------
// Layout: where every sound goes, in samples, and so the truth.

struct Span {
  std::int64_t start, end;
};

struct Clip {
  std::int64_t at;
  std::span<const float> sound;
};

struct Layout {
  std::vector<Clip> clips;
  std::vector<Span> turns;
  std::vector<std::vector<Span>> sentences;  // by turn
  std::optional<Span> stretch;
  std::int64_t length = 0;
};

Layout lay_out(const std::vector<Turn>& turns, const std::optional<Stretch>& stretch, int rate) {
  Layout layout;
  std::int64_t at = 0;
  auto place = [&](std::span<const float> sound) {
    layout.clips.push_back({at, sound});
    Span span{at, at + std::int64_t(sound.size())};
    at = span.end;
    return span;
  };
  for (std::size_t k = 0; k < turns.size(); ++k) {
    if (stretch && stretch->before_turn == k) {
      at += stretch->pause_before;
      layout.stretch = place(stretch->audio);
    }
    std::vector<Span>& sentences = layout.sentences.emplace_back();
    for (const Slot& slot : turns[k].slots) {
      at += slot.pause_before;
      Span phrase = place(*slot.phrase);
      if (slot.sentence == sentences.size()) sentences.push_back(phrase);
      else sentences.back().end = phrase.end;
    }
    layout.turns.push_back({sentences.front().start, sentences.back().end});
  }
  layout.length = at + std::llround(kTailSeconds * rate);
  return layout;
}

// The true chapter starts, in samples: the first speech of each chapter's first turn.
std::vector<std::int64_t> chapter_starts(const std::vector<Turn>& turns, const Layout& layout) {
  std::vector<std::int64_t> starts;
  for (std::size_t k = 0; k < turns.size(); ++k)
    if (k == 0 || turns[k].chapter != turns[k - 1].chapter) starts.push_back(layout.turns[k].start);
  return starts;
}

// The outline's times, as an editor might write them: whole seconds, up to ±jitter from the true
// starts, never negative and still in order.
std::vector<std::int64_t> outline_times(const std::vector<std::int64_t>& starts, int rate, double jitter, Rng& rng) {
  std::vector<std::int64_t> times;
  for (std::int64_t start : starts) {
    double t = std::max(0.0, double(start) / rate + rng.uniform(-jitter, jitter));
    auto seconds = std::int64_t(std::floor(t));
    if (!times.empty()) seconds = std::max(seconds, times.back() + 1);
    times.push_back(seconds);
  }
  return times;
}

// ---------------------------------------------------------------------------------------------
// Output.

Samples render(const Layout& layout, double noise_db, Rng& rng) {
  Samples audio(std::size_t(layout.length), 0.f);
  for (const Clip& clip : layout.clips) std::copy(clip.sound.begin(), clip.sound.end(), audio.begin() + clip.at);
  // Uniform noise in [-1, 1] has variance 1/3; the lowpass y += a (x - y) scales it by a / (2 - a).
  const double a = kNoiseLowpass;
  const double gain = db_to_amplitude(noise_db) / std::sqrt(a / (2 - a) / 3);
  double y = 0;
  for (float& v : audio) {
    y += a * (rng.uniform(-1, 1) - y);
    v += float(gain * y);
  }
  return audio;
}

std::string clock_text(std::int64_t seconds) {
  char text[32];
  long long h = seconds / 3600, m = seconds / 60 % 60, s = seconds % 60;
  if (h > 0) std::snprintf(text, sizeof text, "%lld:%02lld:%02lld", h, m, s);
  else std::snprintf(text, sizeof text, "%lld:%02lld", m, s);
  return text;
}

std::string chapter_title(std::size_t chapter) { return "第" + std::to_string(chapter + 1) + "章"; }

std::string markdown(const Options& o, const std::vector<Turn>& turns, const std::vector<std::int64_t>& outline) {
  std::string md = "测试对话 " + std::to_string(o.seed) + "\n\n## 内容整理\n\n```\n";
  for (std::size_t c = 0; c < outline.size(); ++c)
    md += (c + 1 < outline.size() ? "├── " : "└── ") + clock_text(outline[c]) + " " + chapter_title(c) + "\n";
  md += "```\n\n## 视频脚本（中文翻译）\n\n### P1\n\n";
  for (std::size_t k = 0; k < turns.size(); ++k) {
    std::size_t c = turns[k].chapter;
    if (k == 0 || c != turns[k - 1].chapter) md += "**" + clock_text(outline[c]) + " - " + chapter_title(c) + "**\n\n";
    md += "**" + o.voices[turns[k].speaker].name + ":** " + turns[k].text + "\n\n";
  }
  md.pop_back();  // the file ends with a line break, not a blank line
  return md;
}

nlohmann::ordered_json truth(const Options& o, const std::vector<Turn>& turns, const Layout& layout,
                             const std::optional<Stretch>& stretch) {
  auto seconds = [&](std::int64_t samples) { return std::round(double(samples) * 1000.0 / o.rate) / 1000.0; };
  nlohmann::ordered_json j;
  j["chapters"] = nlohmann::ordered_json::array();
  std::vector<std::int64_t> starts = chapter_starts(turns, layout);
  for (std::size_t c = 0; c < starts.size(); ++c)
    j["chapters"].push_back({{"index", c}, {"title", chapter_title(c)}, {"start", seconds(starts[c])}});
  j["turns"] = nlohmann::ordered_json::array();
  j["sentences"] = nlohmann::ordered_json::array();
  for (std::size_t k = 0; k < turns.size(); ++k) {
    const Span& t = layout.turns[k];
    j["turns"].push_back({{"index", k},
                          {"speaker", o.voices[turns[k].speaker].name},
                          {"start", seconds(t.start)},
                          {"end", seconds(t.end)}});
    for (std::size_t s = 0; s < layout.sentences[k].size(); ++s) {
      const Span& span = layout.sentences[k][s];
      j["sentences"].push_back({{"turn", k}, {"index", s}, {"start", seconds(span.start)}, {"end", seconds(span.end)}});
    }
  }
  j["untranscribed"] = nlohmann::ordered_json::array();
  if (stretch)
    j["untranscribed"].push_back(
        {{"start", seconds(layout.stretch->start)}, {"end", seconds(layout.stretch->end)}, {"kind", stretch->kind}});
  return j;
}

void write_text(const fs::path& file, const std::string& text) {
  std::ofstream out(file, std::ios::binary);
  out << text;
  if (!out.flush()) throw Failure("could not write " + file.string());
}

std::string plural(std::size_t n, const std::string& noun) {
  return std::to_string(n) + " " + noun + (n == 1 ? "" : "s");
}

std::string summary(const Options& o, const fs::path& audio_file, const Layout& layout, std::size_t turns,
                    std::size_t chapters) {
  char duration[64];
  double seconds = double(layout.length) / o.rate;
  std::snprintf(duration, sizeof duration, "%.1f s (%s)", seconds, clock_text(std::int64_t(seconds)).c_str());
  std::string names;
  for (const VoiceArg& v : o.voices) names += (names.empty() ? "" : ", ") + v.name;
  return audio_file.string() + ": " + duration + ", " + plural(turns, "turn") + ", " + plural(chapters, "chapter") +
         ", " + plural(o.voices.size(), "speaker") + " (" + names + ")";
}

void make_conversation(const Options& o) {
  fs::create_directories(o.out);
  Decoder decoder(o.rate, o.out / ".make_conversation.tmp");
  std::vector<Voice> voices;
  for (const VoiceArg& v : o.voices) voices.emplace_back("--voice " + v.name, v.dir, kSpeechDb);

  Rng rng(o.seed);
  std::vector<Turn> turns = plan_turns(o, voices, rng, decoder);
  std::optional<Stretch> stretch = plan_stretch(o, turns, rng, decoder);
  Layout layout = lay_out(turns, stretch, o.rate);
  std::vector<std::int64_t> outline = outline_times(chapter_starts(turns, layout), o.rate, o.chapter_jitter, rng);
  Samples audio = render(layout, o.noise_db, rng);

  const fs::path audio_file = o.out / ("conversation." + o.format);
  encode(audio, o.rate, o.format, audio_file);
  write_text(o.out / "conversation.md", markdown(o, turns, outline));
  write_text(o.out / "conversation.truth.json", truth(o, turns, layout, stretch).dump(2) + "\n");
  std::cout << summary(o, audio_file, layout, turns.size(), outline.size()) << "\n";
}

}  // namespace

int main(int argc, char** argv) {
  // When ffmpeg exits early, writing to it must fail with an error we can report, not kill us.
  std::signal(SIGPIPE, SIG_IGN);
  try {
    make_conversation(parse_args(argc, argv));
    return 0;
  } catch (const std::exception& e) {
    std::cerr << "make_conversation: " << e.what() << "\n";
    return 1;
  }
}
