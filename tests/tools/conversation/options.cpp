#include "options.h"

#include <charconv>
#include <cstdlib>
#include <iostream>
#include <string_view>
#include <type_traits>

namespace conv {
namespace {

constexpr std::string_view kUsage =
    "usage: make_conversation --out DIR --voice NAME=DIR [--voice NAME=DIR ...] [--minutes 12]\n"
    "           [--seed 1] [--chapter-min 4] [--chapter-max 13] [--music DIR | --aside DIR]\n"
    "           [--noise-db -55] [--text-jitter 0.35] [--chapter-jitter 0] [--rate 44100]\n"
    "           [--format mp3|flac|wav] [--same-speaker 0.08]\n"
    "           [--insert AT:LENGTH ...] [--preroll SECONDS] [--cut-intro SECONDS]\n"
    "           [--ad-voice DIR] [--ad-music DIR] [--backchannel 0] [--bed DIR] [--bed-db -36]\n"
    "           [--reverb 0]\n";

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
  for (const InsertArg& a : o.inserts) check(a.at >= 0 && a.length >= 1, "--insert expects AT:LENGTH, AT >= 0 and LENGTH >= 1 (seconds)");
  check(o.preroll >= 0 && o.cut_intro >= 0, "--preroll and --cut-intro expect 0 or more (seconds)");
  check(!(o.preroll > 0 && o.cut_intro > 0), "--preroll and --cut-intro exclude each other");
  check((o.inserts.empty() && o.preroll == 0) || o.ad_voice || o.ad_music,
        "--insert and --preroll need what the ads are made of: --ad-voice DIR and/or --ad-music DIR");
  check(o.backchannel >= 0 && o.backchannel <= 1, "--backchannel expects a chance from 0 to 1");
  check(o.bed_db <= 0, "--bed-db expects a level in dBFS, 0 or below");
  check(o.reverb >= 0 && o.reverb <= 100, "--reverb expects 0 to 100 (sox's reverberance)");
}

InsertArg parse_insert(std::string_view text) {
  auto colon = text.find(':');
  if (colon == std::string_view::npos) throw Failure("--insert expects AT:LENGTH (seconds), got \"" + std::string(text) + "\"");
  return {parse_number<double>("--insert", text.substr(0, colon)), parse_number<double>("--insert", text.substr(colon + 1))};
}

}  // namespace

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
    else if (option == "--insert") o.inserts.push_back(parse_insert(value()));
    else if (option == "--preroll") o.preroll = parse_number<double>(option, value());
    else if (option == "--cut-intro") o.cut_intro = parse_number<double>(option, value());
    else if (option == "--ad-voice") o.ad_voice = fs::path(value());
    else if (option == "--ad-music") o.ad_music = fs::path(value());
    else if (option == "--backchannel") o.backchannel = parse_number<double>(option, value());
    else if (option == "--bed") o.bed = fs::path(value());
    else if (option == "--bed-db") o.bed_db = parse_number<double>(option, value());
    else if (option == "--reverb") o.reverb = parse_number<double>(option, value());
    else throw Failure("unknown option \"" + std::string(option) + "\"\n" + std::string(kUsage));
  }
  validate(o);
  return o;
}

}  // namespace conv
