#include "episode_session.h"

#include <fstream>
#include <iostream>

#include "episode_alignment.h"
#include "media/probe.h"
#include "progress_bar.h"
#include "sync/anchor_file.h"
#include "sync/time_format.h"

namespace tingdu::cli {

void SessionOptions::add_to(CLI::App& cmd) {
  cmd.add_option("TRANSCRIPT", transcript, "Transcript file")->required();
  auto* d = cmd.add_option("--duration", duration, "The audio's length in seconds");
  cmd.add_option("--audio", audio, "Audio file whose length to use")->excludes(d);
  cmd.add_option("--anchors", anchors, "Anchor file to use instead of the default one in $XDG_STATE_HOME/tingdu/");
  cmd.add_option("--input-format", input_format, "Read the transcript as this format instead of detecting it");
  cmd.add_flag("--no-align", no_align, "With --audio: use the plain estimate, without aligning the turns to the audio");
}

std::unique_ptr<Session> open_session(const SessionOptions& o) {
  auto owner = std::make_unique<Session>();
  Session& s = *owner;
  std::optional<sync::Format> format;
  if (!o.input_format.empty() && !(format = sync::format_from_name(o.input_format))) {
    std::cerr << o.transcript << ": error: unknown format \"" << o.input_format << "\"\n";
    return nullptr;
  }
  std::ifstream in(o.transcript, std::ios::binary);
  if (in) s.bytes.assign(std::istreambuf_iterator<char>(in), {});
  s.read = in ? sync::parse_transcript(s.bytes, o.transcript, format) : sync::read_transcript_file(o.transcript, format);
  for (const auto& d : s.read.diagnostics)
    if (d.severity == sync::Severity::error) std::cerr << sync::to_string(d) << "\n";
  if (!s.read.ok()) return nullptr;

  std::optional<double> duration = o.duration;
  if (duration && !(*duration > 0 && *duration <= sync::kMaxTimeSeconds)) {
    std::cerr << "error: --duration must be a number of seconds above 0\n";
    return nullptr;
  }
  if (!o.audio.empty()) {
    media::ProbeResult probe = media::probe_audio(o.audio);
    if (!probe.info) {
      std::cerr << probe.error << "\n";
      return nullptr;
    }
    duration = probe.info->duration;
  }
  s.timeline = std::make_unique<sync::Timeline>(s.read.episode, duration);

  s.anchor_path = o.anchors.empty() ? sync::default_anchor_path(s.bytes) : std::filesystem::path(o.anchors);
  if (!s.anchor_path.empty()) {
    sync::AnchorLoad load = sync::load_anchors(s.anchor_path, s.read.episode.turn_count());
    for (const auto& p : load.problems) std::cerr << "warning: " << p << "\n";
    for (const auto& why : sync::apply_anchors(load, *s.timeline)) std::cerr << s.anchor_path.string() << ": warning: " << why << "\n";
  }
  if (!o.audio.empty() && !o.no_align) {
    app::EpisodeAlignment job(s.read.episode, s.bytes, o.audio);
    ProgressBar bar;
    auto result = job.run(s.timeline->anchors(), [&bar](double done, const char* what) { return bar.show(done, what); });
    bar.finish();
    if (!result) {
      std::cerr << job.error() << "\n";
      return nullptr;
    }
    for (const auto& n : result->notes) std::cerr << "note: " << n << "\n";
    s.timeline->set_alignment(*result);
    s.alignment = std::move(result);
  }
  return owner;
}

}  // namespace tingdu::cli
