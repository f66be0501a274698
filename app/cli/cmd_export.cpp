// tingdu-cli export FILE --format F [-o OUT]: convert a transcript to a timed format. A turn the
// file times itself keeps its time, text, line breaks and markup (lossless between SRT, WebVTT,
// LRC and JSON, as far as the target format can hold them); the other turns get the timeline's
// times (estimated, aligned or anchored by the listener), and in SRT and WebVTT a cue per
// sentence cut to subtitle limits (sync/subtitles.h), unless --by turn. --split also cuts the
// file's own cues that last longer than 7 s.
#include <iostream>

#include "commands.h"
#include "episode_session.h"
#include "load.h"
#include "sync/subtitles.h"
#include "sync/writer.h"

namespace tingdu::cli {

void add_export(CLI::App& app, int& exit_code) {
  auto* cmd = app.add_subcommand("export", "Write a transcript as SRT, WebVTT, LRC, Podcasting 2.0 JSON "
                                           "or JSON chapters");
  struct Args {
    SessionOptions session;
    std::string format, out, by = "sentence";
    bool split = false;
  };
  auto a = std::make_shared<Args>();
  a->session.add_to(*cmd);
  cmd->add_option("--format", a->format, "srt, vtt, lrc, json or chapters-json")
      ->required()
      ->check(CLI::IsMember({"srt", "vtt", "lrc", "json", "chapters-json"}));
  cmd->add_option("--by", a->by,
                  "srt and vtt, for turns the file does not time: a cue per sentence, cut to at most 7 s and "
                  "2 lines (sentence, the default), or one cue per speaker turn (turn). Cues the file times "
                  "are kept as they are")
      ->check(CLI::IsMember({"sentence", "turn"}));
  cmd->add_flag("--split", a->split, "srt and vtt: also cut the file's own cues longer than 7 s into sentences");
  cmd->add_option("-o,--output", a->out, "Output file (written atomically); standard output when left out");
  cmd->callback([a, &exit_code] {
    auto s = open_session(a->session);
    if (!s) {
      exit_code = 1;
      return;
    }
    const sync::Format format = *sync::format_from_name(a->format);
    sync::CueOptions cues;
    const bool subtitles = format == sync::Format::srt || format == sync::Format::vtt;
    cues.by = subtitles && a->by == "sentence" ? sync::CueCut::sentence : sync::CueCut::turn;
    cues.split = subtitles && a->split;
    sync::WriteResult w = sync::write_transcript(sync::subtitle_episode(s->read.episode, *s->timeline, cues), format);
    if (!w.ok()) {
      std::cerr << a->session.transcript << ": error: " << w.error << "\n";
      exit_code = 1;
      return;
    }
    exit_code = write_output(a->out, w.text);
  });
}

}  // namespace tingdu::cli
