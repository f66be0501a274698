// tingdu-cli play AUDIO: plays in the terminal (listening over SSH, and how tests drive the audio
// engine end to end). With --transcript it prints each chapter and turn as it begins.
#include <SDL.h>

#include <cmath>
#include <csignal>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <thread>

#include "commands.h"
#include "episode_alignment.h"
#include "progress_bar.h"
#include "load.h"
#include "media/player.h"
#include "sync/anchor_file.h"
#include "sync/excerpt.h"
#include "sync/reader.h"
#include "sync/time_format.h"
#include "sync/timeline.h"

namespace tingdu::cli {
namespace {

volatile std::sig_atomic_t g_interrupted = 0;
void on_sigint(int) { g_interrupted = 1; }

// How often the terminal loop looks at the clock: well under a turn's length, light on the CPU.
constexpr auto kTick = std::chrono::milliseconds(20);

// "M:SS.s" / "H:MM:SS.s": the clock with tenths, rounded down.
std::string clock_with_tenths(double seconds) {
  int tenths = int(std::floor(std::max(0.0, seconds) * 10)) % 10;
  return sync::format_clock(seconds) + "." + std::to_string(tenths);
}

struct PlayArgs {
  std::string audio, transcript, anchors, from, until, loop;
  bool no_align = false, sentences = false;
  int times = 0;
  double speed = 1.0, volume = 1.0;
};

int play(const PlayArgs& a) {
  std::optional<sync::ReadResult> transcript;
  std::string transcript_bytes;
  if (!a.transcript.empty()) {
    std::ifstream in(a.transcript, std::ios::binary);
    transcript_bytes.assign(std::istreambuf_iterator<char>(in), {});
    transcript = in ? sync::parse_transcript(transcript_bytes, a.transcript) : sync::read_transcript_file(a.transcript);
    for (const auto& d : transcript->diagnostics)
      if (d.severity == sync::Severity::error) std::cerr << sync::to_string(d) << "\n";
    if (!transcript->ok()) return 1;
  }
  std::optional<double> from, until;
  std::optional<std::pair<double, double>> loop;
  if (!a.from.empty() && !(from = parse_time_or_report(a.from, "--from"))) return 1;
  if (!a.until.empty() && !(until = parse_time_or_report(a.until, "--until"))) return 1;
  if (!a.loop.empty()) {
    auto dash = a.loop.find('-');
    auto la = dash == std::string::npos ? std::nullopt : parse_time_or_report(a.loop.substr(0, dash), "--loop");
    auto lb = dash == std::string::npos ? std::nullopt : parse_time_or_report(a.loop.substr(dash + 1), "--loop");
    if (!la || !lb) {
      std::cerr << "error: --loop: expected A-B, e.g. 1:00-1:30\n";
      return 1;
    }
    loop = std::pair{*la, *lb};
  }

  if (from && until && *until <= *from) {
    std::cerr << "error: --until (" << a.until << ") must come after --from (" << a.from << ")\n";
    return 1;
  }
  if (loop && loop->second <= loop->first) {
    std::cerr << "error: --loop: B (" << sync::format_clock(loop->second) << ") must come after A ("
              << sync::format_clock(loop->first) << ")\n";
    return 1;
  }
  SDL_InitSubSystem(SDL_INIT_EVENTS);
  media::AudioPlayer player;
  if (std::string error = player.open(a.audio); !error.empty()) {
    std::cerr << error << "\n";
    return 1;
  }
  if (from && *from >= player.duration()) {
    std::cerr << "error: --from " << a.from << " is past the end of " << a.audio << " (" << sync::format_clock(player.duration())
              << ")\n";
    return 1;
  }
  std::signal(SIGINT, on_sigint);
  const media::AudioInfo& info = player.info();
  // What the header claims, fixed at open: duration() may already hold the index's exact length
  // here, as the index thread can finish before this line runs.
  const double header_length = info.duration;
  std::printf("[%s] playing %s (%s, %d Hz, %d ch, %s)\n", sync::format_clock(from.value_or(0)).c_str(), a.audio.c_str(),
              info.codec.c_str(), info.sample_rate, info.channels, sync::format_clock(header_length).c_str());
  std::optional<sync::Timeline> timeline;
  if (transcript) {
    timeline.emplace(transcript->episode, player.duration());
    if (!a.anchors.empty()) {
      auto load = sync::load_anchors(a.anchors, transcript->episode.turn_count());
      for (const auto& p : load.problems) std::cerr << "warning: " << p << "\n";
      for (const auto& why : sync::apply_anchors(load, *timeline)) std::cerr << "warning: " << why << "\n";
    }
    if (!a.no_align) {  // the turns where the audio says they are
      app::EpisodeAlignment job(transcript->episode, transcript_bytes, a.audio);
      ProgressBar bar;
      auto aligned = job.run(timeline->anchors(), [&bar](double done, const char* what) { return bar.show(done, what); });
      bar.finish();
      if (aligned) timeline->set_alignment(*aligned);
      else std::cerr << "warning: " << job.error() << "; the times stay estimated\n";
    }
  }

  player.set_volume(a.volume);
  player.set_speed(a.speed);
  if (from) player.seek(*from);
  if (loop) player.set_loop(loop->first, loop->second, a.times);
  player.play();

  constexpr std::size_t kNone = ~std::size_t(0);  // (optionals here trip a GCC 12 false warning)
  std::size_t chapter = kNone, turn = kNone, sentence = kNone;
  double last = -1;
  int code = 0;
  while (!g_interrupted) {
    SDL_Event e;
    while (SDL_PollEvent(&e)) player.handle_sdl_event(e);
    bool ended = false;
    while (auto ev = player.poll_event()) {
      if (ev->type == media::PlayerEventType::end_of_file) ended = true;
      // The header line gave the length the file's header claims; the exact index, read from the
      // packets, tells what really plays (a download cut short keeps its header's full length).
      if (ev->type == media::PlayerEventType::index_ready && std::abs(player.duration() - header_length) >= 0.5)
        std::printf("[%s] the file holds %s of audio (its header said %s): it may be cut short\n",
                    sync::format_clock(player.position()).c_str(), sync::format_clock(player.duration()).c_str(),
                    sync::format_clock(header_length).c_str());
      if (ev->type == media::PlayerEventType::error || ev->type == media::PlayerEventType::no_device ||
          ev->type == media::PlayerEventType::device_lost || ev->type == media::PlayerEventType::device_reopened)
        std::fprintf(stderr, "%s\n", ev->message.c_str());
    }
    double pos = player.position();
    if (timeline) {
      if (pos + 0.5 < last) chapter = turn = sentence = kNone;  // jumped back (a loop): print again
      auto at = timeline->at(pos);
      if (at.chapter && *at.chapter != chapter) {
        chapter = *at.chapter;
        std::printf("[%s] %s\n", sync::format_clock_nearest(timeline->chapters()[chapter].start).c_str(),
                    transcript->episode.chapters[chapter].title.c_str());
      }
      if (at.turn && *at.turn != turn) {
        // Stamped with the position the turn was found at (what the listener hears as it is
        // printed), which may lag the turn's start by a poll.
        turn = *at.turn;
        const auto& b = transcript->episode.blocks[timeline->turns()[turn].block];
        if (a.sentences) std::printf("[%s] %s:\n", clock_with_tenths(pos).c_str(), b.speaker.c_str());
        else std::printf("[%s] %s: %s\n", clock_with_tenths(pos).c_str(), b.speaker.c_str(), sync::excerpt(b.text, 60).c_str());
      }
      if (a.sentences && at.sentence && *at.sentence != sentence) {
        sentence = *at.sentence;
        const auto& s = timeline->sentences()[sentence];
        const auto& text = transcript->episode.blocks[timeline->turns()[s.turn].block].text;
        std::printf("[%s]   %s\n", clock_with_tenths(pos).c_str(), std::string(s.text.of(text)).c_str());
      }
    }
    std::fflush(stdout);
    last = pos;
    if (ended || (until && pos >= *until)) break;
    std::this_thread::sleep_for(kTick);
  }
  std::printf("[%s] %s\n", sync::format_clock(player.position()).c_str(), g_interrupted ? "stopped" : "end");
  std::fflush(stdout);
  player.close();
  std::signal(SIGINT, SIG_DFL);
  return code;
}

}  // namespace

void add_play(CLI::App& app, int& exit_code) {
  auto* cmd = app.add_subcommand("play", "Play an audio file in the terminal; with --transcript, print each chapter "
                                         "and turn as it begins. Ctrl-C stops.");
  auto a = std::make_shared<PlayArgs>();
  cmd->add_option("AUDIO", a->audio, "Audio file (MP3, M4A, Opus, Ogg, FLAC, WAV, or a video with sound)")->required();
  cmd->add_option("--transcript", a->transcript, "Transcript to follow");
  cmd->add_option("--anchors", a->anchors, "Anchor file (turn times) for the transcript");
  cmd->add_flag("--no-align", a->no_align, "Follow the plain estimate, without aligning the turns to the audio");
  cmd->add_flag("--sentences", a->sentences, "With --transcript: print each sentence, whole, as it begins");
  cmd->add_option("--from", a->from, "Start here (seconds, M:SS or H:MM:SS)");
  cmd->add_option("--until", a->until, "Stop here (after --from)");
  auto* loop = cmd->add_option("--loop", a->loop, "Loop A-B, e.g. 1:00-1:30");
  cmd->add_option("--times", a->times, "With --loop: how many times to hear the section (default: until stopped)")
      ->needs(loop)
      ->check(CLI::NonNegativeNumber);
  cmd->add_option("--speed", a->speed, "0.5 to 2.0, pitch kept")->check(CLI::Range(0.5, 2.0));
  cmd->add_option("--volume", a->volume, "0 to 1 (1: as recorded; the window's range too)")->check(CLI::Range(0.0, 1.0));
  cmd->callback([a, &exit_code] { exit_code = play(*a); });
}

}  // namespace tingdu::cli
