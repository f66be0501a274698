// make_conversation: builds a test conversation from real recorded voices, with the time of every
// turn and sentence known to the sample, for testing the aligner that places a translated
// transcript on the audio.
//
//   make_conversation --out DIR --voice NAME=DIR [--voice NAME=DIR ...] [--minutes 12] [--seed 1]
//       [--chapter-min 4] [--chapter-max 13] [--music DIR | --aside DIR] [--noise-db -55]
//       [--text-jitter 0.35] [--chapter-jitter 0] [--rate 44100] [--format mp3|flac|wav]
//       [--same-speaker 0.08] [--insert AT:LENGTH ...] [--preroll SECONDS | --cut-intro SECONDS]
//       [--ad-voice DIR] [--ad-music DIR] [--backchannel 0] [--bed DIR] [--bed-db -36] [--reverb 0]
//
// A voice DIR is searched recursively for *.gsm, *.wav, *.ogg and *.flac prompts (the Asterisk
// prompt packages are the intended source; their beeps, tones and silences are skipped; a prompt
// found in several encodings is taken once, as GSM). Each
// prompt, trimmed of silence, is a "phrase". A turn is 1 + geometric(mean 3) phrases of one voice
// (now and then 10-40), grouped into sentences of one or two phrases, with pauses between them.
// Chapters of --chapter-min to --chapter-max minutes are filled with turns until --minutes; each
// ends with the turn that reaches its planned end, so the audio runs a little longer (and longer
// again by the --music or --aside stretch, put between two turns of a chapter). That is the
// master, the cut the transcript and its outline's times are made from. --backchannel CHANCE:
// after a turn, with that chance, the other speaker says "是的。" (the first 0.6 s of one of
// their phrases) over its last 0-0.4 s.
//
// The file a listener has may differ from the master (dynamic ad insertion, editing); the
// transcript and outline stay the master's, the truth follows the audio:
//   --insert AT:LENGTH  an ad of LENGTH seconds in the pause before the first turn that starts
//                       at or after AT seconds of the master (repeatable; AT = a chapter's start
//                       puts it before the chapter's first turn)
//   --preroll SECONDS   an ad of SECONDS before the master begins
//   --cut-intro SECONDS the master's start left out, up to half a second before the first turn
//                       starting at or after SECONDS (those turns are in no truth: not heard)
//   --ad-voice DIR, --ad-music DIR  what the ads are: a sponsor read over music, or either alone
// and the room: --bed DIR (music under everything at --bed-db dBFS RMS), --reverb R (sox's
// reverb, reverberance 0-100), and --noise-db (-38 is a noisy recording).
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
//                            "sentences":[{turn,index,start,end}], "untranscribed":[{start,end,kind}],
//                            "not_heard":[turn indices]} in seconds of the audio, rounded to the
//                            millisecond. A start or end is the first or last speech sample of the
//                            trimmed phrases, exact to the sample; a chapter starts where its first
//                            turn does. Untranscribed stretches ("music" or "aside" of the master,
//                            "ad" or "preroll" of the listener's cut: first to last sounding
//                            sample) are never in the transcript; turns --cut-intro left out are
//                            only in "not_heard" (and chapters that start with one in no list).
// and prints one summary line. Everything random comes from one std::mt19937 seeded by --seed, so
// the same arguments (and the same ffmpeg) give byte-identical files. Errors go to stderr with
// exit status 1.
//
// Needs the `ffmpeg` command on the PATH (and `sox` for --reverb); decodes through a scratch
// directory, DIR/.make_conversation.tmp, removed again.
//
// The parts, by concern, are in conversation/: options, prompts (voices' phrases), plan (the
// master's turns and text), layout (samples and rendering), listener_cut, room (sox), ffmpeg.

#include <csignal>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <string>

#include <nlohmann/json.hpp>

#include "conversation/common.h"
#include "conversation/ffmpeg.h"
#include "conversation/layout.h"
#include "conversation/listener_cut.h"
#include "conversation/options.h"
#include "conversation/plan.h"
#include "conversation/prompts.h"
#include "conversation/room.h"

namespace {

using namespace conv;

constexpr double kSpeechDb = -20;  // every phrase's RMS, so that voices are comparable

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

nlohmann::ordered_json truth(const Options& o, const std::vector<Turn>& turns, const Layout& layout) {
  auto seconds = [&](std::int64_t samples) { return std::round(double(samples) * 1000.0 / o.rate) / 1000.0; };
  nlohmann::ordered_json j;
  j["chapters"] = nlohmann::ordered_json::array();
  for (std::size_t k = 0, c = 0; k < turns.size(); ++k) {
    if (k > 0 && turns[k].chapter == turns[k - 1].chapter) continue;
    if (layout.heard[k]) j["chapters"].push_back({{"index", c}, {"title", chapter_title(c)}, {"start", seconds(layout.turns[k].start)}});
    ++c;
  }
  j["turns"] = nlohmann::ordered_json::array();
  j["sentences"] = nlohmann::ordered_json::array();
  j["not_heard"] = nlohmann::ordered_json::array();
  for (std::size_t k = 0; k < turns.size(); ++k) {
    if (!layout.heard[k]) {
      j["not_heard"].push_back(k);
      continue;
    }
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
  for (const Untranscribed& u : layout.untranscribed)
    j["untranscribed"].push_back({{"start", seconds(u.span.start)}, {"end", seconds(u.span.end)}, {"kind", u.kind}});
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
  const Layout master = lay_out(turns, stretch, o.rate);
  std::vector<std::int64_t> outline = outline_times(chapter_starts(turns, master), o.rate, o.chapter_jitter, rng);
  // The listener's cut and the room draw from their own generator, so that a conversation made
  // without them is the same as before they existed.
  Rng more(o.seed ^ 0x9e3779b9u);
  const ListenerCut cut = listener_cut(o, turns, master, more, decoder);
  const Layout& layout = cut.layout;
  Samples bed;
  if (o.bed) bed = music_cut(*o.bed, {double(layout.length) / o.rate, double(layout.length) / o.rate}, o.bed_db, "--bed", more, decoder);
  Samples audio = render(layout, bed, o.noise_db, rng);
  if (o.reverb > 0) audio = reverberate(audio, o.rate, o.reverb, o.out / ".make_conversation.tmp");

  const fs::path audio_file = o.out / ("conversation." + o.format);
  encode(audio, o.rate, o.format, audio_file);
  write_text(o.out / "conversation.md", markdown(o, turns, outline));
  write_text(o.out / "conversation.truth.json", truth(o, turns, layout).dump(2) + "\n");
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
