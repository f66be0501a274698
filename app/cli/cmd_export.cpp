// tingdu-cli export FILE --format F [-o OUT]: convert a transcript to a timed format. Turns the
// file does not time get the timeline's times (estimated, or anchored by the listener). SRT and
// WebVTT get a cue per sentence, cut to subtitle limits (sync/subtitles.h), unless --by turn.
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
  };
  auto a = std::make_shared<Args>();
  a->session.add_to(*cmd);
  cmd->add_option("--format", a->format, "srt, vtt, lrc, json or chapters-json")
      ->required()
      ->check(CLI::IsMember({"srt", "vtt", "lrc", "json", "chapters-json"}));
  cmd->add_option("--by", a->by,
                  "srt and vtt: a cue per sentence, cut to at most 7 s and 2 lines (sentence, the default), "
                  "or one cue per speaker turn (turn)")
      ->check(CLI::IsMember({"sentence", "turn"}));
  cmd->add_option("-o,--output", a->out, "Output file (written atomically); standard output when left out");
  cmd->callback([a, &exit_code] {
    auto s = open_session(a->session);
    if (!s) {
      exit_code = 1;
      return;
    }
    sync::Episode timed = s->read.episode;
    for (const sync::TimedTurn& t : s->timeline->turns()) {
      timed.blocks[t.block].start = t.start;
      timed.blocks[t.block].end = t.end;
    }
    const sync::Format format = *sync::format_from_name(a->format);
    const bool cues = (format == sync::Format::srt || format == sync::Format::vtt) && a->by == "sentence";
    if (cues) timed = sync::cue_episode(timed, sync::sentence_cues(s->read.episode, *s->timeline));
    sync::WriteResult w = sync::write_transcript(timed, format);
    if (!w.ok()) {
      std::cerr << a->session.transcript << ": error: " << w.error << "\n";
      exit_code = 1;
      return;
    }
    exit_code = write_output(a->out, w.text);
  });
}

}  // namespace tingdu::cli
