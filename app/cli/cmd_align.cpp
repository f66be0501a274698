// tingdu-cli align TRANSCRIPT --audio AUDIO: every turn's place in the audio, with where the
// time came from and how sure it is, and the stretches of the audio no turn covers (JSON:
// "untranscribed": [{"start", "end"}] and the aligner's "notes", which say why turns stayed
// estimated; the text form prints the notes on stderr).
#include <cstdio>
#include <iostream>

#include "alignment_worker.h"
#include "commands.h"
#include "episode_session.h"
#include "sync/excerpt.h"
#include "sync/time_format.h"
#include "timeline_json.h"

namespace tingdu::cli {

void add_align(CLI::App& app, int& exit_code) {
  auto* cmd = app.add_subcommand("align", "Align every turn to the audio (who speaks when, where speech pauses) and "
                                          "print each turn's times, source and uncertainty");
  auto o = std::make_shared<SessionOptions>();
  auto format = std::make_shared<std::string>("text");
  o->add_to(*cmd);
  cmd->add_option("--format", *format, "text or json")->check(CLI::IsMember({"text", "json"}));
  cmd->callback([o, format, &exit_code] {
    if (o->audio.empty()) {
      std::cerr << "error: align needs the audio: --audio AUDIO\n";
      exit_code = 1;
      return;
    }
    auto s = open_session(*o);
    if (!s) {
      exit_code = 1;
      return;
    }
    const auto& ep = s->read.episode;
    const auto& tl = *s->timeline;
    if (*format == "json") {
      auto doc = timeline_json(ep, tl);
      if (s->alignment) {
        nlohmann::ordered_json lane = nlohmann::ordered_json::array();
        for (const auto& span : s->alignment->lane)
          lane.push_back({{"start", sync::round_ms(span.start)}, {"end", sync::round_ms(span.end)},
                          {"speaker", span.speaker < 0 ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(s->alignment->speakers[std::size_t(span.speaker)])}});
        doc["lane"] = lane;
        nlohmann::ordered_json untranscribed = nlohmann::ordered_json::array();
        for (const auto& u : s->alignment->untranscribed)
          untranscribed.push_back({{"start", sync::round_ms(u.start)}, {"end", sync::round_ms(u.end)}});
        doc["untranscribed"] = untranscribed;
        doc["aligned"] = s->alignment->aligned;
        doc["notes"] = s->alignment->notes;
      }
      std::cout << doc.dump(2) << "\n";
      return;
    }
    std::size_t aligned = 0;
    for (std::size_t k = 0; k < tl.turns().size(); ++k) {
      const auto& t = tl.turns()[k];
      aligned += t.source == sync::TimeSource::aligned;
      const auto& b = ep.blocks[t.block];
      // Nothing of it is in the audio (a file cut short): no times to print.
      if (t.start >= tl.duration()) {
        std::printf("%5zu  past the end of the audio (%s)  %s: %s\n", k, sync::format_clock(tl.duration()).c_str(),
                    b.speaker.c_str(), sync::excerpt(b.text, 24).c_str());
        continue;
      }
      std::printf("%5zu  %9s - %9s  %-9s ±%5.2fs  %s: %s\n", k, sync::format_clock_nearest(t.start).c_str(),
                  sync::format_clock_nearest(t.end).c_str(), std::string(sync::time_source_name(t.source)).c_str(), t.uncertainty,
                  b.speaker.c_str(), sync::excerpt(b.text, 24).c_str());
    }
    if (s->alignment)
      for (const auto& u : s->alignment->untranscribed)
        std::printf("untranscribed  %9s - %9s  (%.0f s no turn covers)\n", sync::format_clock_nearest(u.start).c_str(),
                    sync::format_clock_nearest(u.end).c_str(), u.end - u.start);
    std::printf("%zu of %zu turns aligned to the audio\n", aligned, tl.turns().size());
  });
}

// tingdu-cli align-worker TRANSCRIPT --audio AUDIO: the window's alignment in a process of its
// own; the transcript's bytes and the requests come on stdin (alignment_worker.h).
void add_align_worker(CLI::App& app, int& exit_code) {
  auto* cmd = app.add_subcommand("align-worker", "");
  cmd->group("");  // the window's, not the listener's: --help doesn't list it
  auto name = std::make_shared<std::string>();
  auto audio = std::make_shared<std::string>();
  cmd->add_option("transcript", *name, "the transcript's name (its bytes come on stdin)")->required();
  cmd->add_option("--audio", *audio, "the audio file")->required();
  cmd->callback([name, audio, &exit_code] { exit_code = app::serve_alignment_worker(*name, *audio); });
}

}  // namespace tingdu::cli
